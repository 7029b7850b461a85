package main

import (
	"bufio"
	"io"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

const validateUsage = `validate [--max-bytes N] FILE...

Checks snapshots and prints every problem as FILE: PATH: message, one a line.
Exit status: 0 clean, 1 errors in records (orphans, quarantined tenants),
2 a rejected snapshot or a usage or I/O error (the worst over all files).
"-" reads standard input.`

func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("validate", validateUsage, stderr)
	maxBytes := fs.Int64("max-bytes", snapshot.DefaultMaxBytes, "reject a snapshot larger than this many bytes")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return flagExit(err, stderr)
	}
	if len(files) == 0 {
		fs.Usage()
		return exitRejected
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	worst := exitOK
	for _, name := range files {
		c, err := checkFile(name, stdin, *maxBytes)
		if err != nil {
			out.Flush()
			writeLine(stderr, "%s: %v", name, err)
			worst = max(worst, exitRejected)
			continue
		}
		for _, p := range c.Problems {
			writeLine(out, "%s: %s", name, p.String())
		}
		if c.Omitted > 0 {
			writeLine(out, "%s: and %d more problems not listed", name, c.Omitted)
		}
		worst = max(worst, exitFor(c))
	}
	return worst
}
