package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/tenantatlas/tenantatlas/coverage"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

const coverageUsage = `coverage [--format json|table] [--max-bytes N] FILE

Lists every state key of the derivation rules, in their order, with how many
tenants or restore runs of the snapshot reach it and up to 5 example
addresses (relative to the snapshot's base): what a fixture exercises, and
what it lacks. Exit status: 0 every key reached, 1 some key not reached,
2 a rejected snapshot or a usage or I/O error. "-" reads standard input.`

func runCoverage(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("coverage", coverageUsage, stderr)
	format := fs.String("format", "json", "output format: json or table")
	maxBytes := fs.Int64("max-bytes", snapshot.DefaultMaxBytes, "reject a snapshot larger than this many bytes")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return flagExit(err, stderr)
	}
	if len(files) != 1 || (*format != "json" && *format != "table") {
		fs.Usage()
		return exitRejected
	}
	c, err := checkFile(files[0], stdin, *maxBytes)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", files[0], err)
		return exitRejected
	}
	tally := coverage.NewTally(domain.ResolveHeader(c))
	r := domain.NewResolver(c).WithoutWhy()
	var runs []domain.RunState
	for i := range r.Len() {
		ts := r.TenantReusing(i, runs)
		tally.Add(&ts)
		runs = ts.RestoreRuns
	}
	rep := tally.Report()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if *format == "table" {
		writeCoverageTable(out, rep)
	} else {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "tenantatlas: %v\n", err)
			return exitRejected
		}
		out.Write(append(b, '\n'))
	}
	switch {
	case c.Rejected():
		return exitRejected
	case !rep.Complete():
		return exitRecords
	}
	return exitOK
}

// writeCoverageTable prints a line a key, its first example, then the tally.
func writeCoverageTable(w io.Writer, rep *coverage.Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tSTATE\tREASON\tCOUNT\tEXAMPLE")
	for _, r := range rep.Rows {
		reason, example := "-", "-"
		if r.Reason != nil {
			reason = *r.Reason
		}
		if len(r.Examples) > 0 {
			example = r.Examples[0]
		}
		count := fmt.Sprint(r.Count)
		if r.Count == 0 {
			count = "not reached"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Table, r.State, reason, count, example)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d of %d state keys reached.\n", rep.Reached, rep.Total)
	if len(rep.Errors) > 0 {
		fmt.Fprintf(w, "\n%d errors:\n", len(rep.Errors)+rep.ErrorsOmitted)
		for _, p := range rep.Errors {
			writeLine(w, "  %s", p.String())
		}
	}
}
