package main

import (
	"io"

	"github.com/tenantatlas/tenantatlas/internal/gen"
)

const genUsage = `gen --tenants N [--runs-per-tenant M] [--seed S]

Prints a synthetic, valid snapshot of realistic shape, for load tests and
benchmarks. The same flags always print the same bytes.`

func runGen(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("gen", genUsage, stderr)
	tenants := fs.Int("tenants", 0, "number of tenants (required, at least 1)")
	runs := fs.Int("runs-per-tenant", 10, "restore runs per tenant")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return flagExit(err, stderr)
	}
	if *tenants < 1 || *runs < 0 || fs.NArg() > 0 {
		fs.Usage()
		return exitRejected
	}
	if err := gen.Write(stdout, gen.Options{Tenants: *tenants, RunsPerTenant: *runs, Seed: *seed}); err != nil {
		writeLine(stderr, "tenantatlas gen: %v", err)
		return exitRejected
	}
	return exitOK
}
