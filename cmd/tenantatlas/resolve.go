package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tenantatlas/tenantatlas/domain"
)

const resolveUsage = `resolve [--tenant ID] [--format json|table] [--explain] [--max-bytes N] FILE

Prints every state derived from a snapshot: as JSON (interfaces.md), or as a
table for people at a terminal. --explain adds to each state the rule that
matched and the records it rested on. Exit status as validate.`

func runResolve(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("resolve", resolveUsage, stderr)
	tenant := fs.Int64("tenant", 0, "print only the tenant with this id")
	format := fs.String("format", "json", "output format: json or table")
	explain := fs.Bool("explain", false, "include why each state was derived")
	maxBytes := fs.Int64("max-bytes", domain.DefaultMaxBytes, "reject a snapshot larger than this many bytes")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return flagExit(err)
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
	res := domain.Resolve(c)
	if flagSet(fs, "tenant") {
		kept := res.Tenants[:0]
		for _, t := range res.Tenants {
			if t.TenantID == *tenant {
				kept = append(kept, t)
			}
		}
		if len(kept) == 0 && !c.Rejected() {
			fmt.Fprintf(stderr, "%s: no tenant with id %d\n", files[0], *tenant)
			return exitRejected
		}
		res.Tenants = kept
	}
	if !*explain {
		stripWhy(res)
	}

	out := bufio.NewWriterSize(stdout, 1<<16)
	defer out.Flush()
	if *format == "table" {
		writeTable(out, res)
	} else {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(stderr, "tenantatlas: %v\n", err)
			return exitRejected
		}
	}
	return exitFor(c)
}

// stripWhy drops the explanations: they are for --explain and the pages.
func stripWhy(res *domain.Resolution) {
	for i := range res.Tenants {
		t := &res.Tenants[i]
		if t.BackupHealth != nil {
			t.BackupHealth.Why = nil
		}
		if t.RecoveryEvidence != nil {
			t.RecoveryEvidence.Why = nil
		}
		for j := range t.RestoreRuns {
			t.RestoreRuns[j].Attention.Why = nil
			t.RestoreRuns[j].Result.Why = nil
		}
	}
}

// writeTable prints one line a tenant and its runs beneath it, then errors.
func writeTable(w io.Writer, res *domain.Resolution) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TENANT\tNAME\tBACKUP\tRECOVERY\tLATEST RUN\tNEEDS ATTENTION")
	for _, t := range res.Tenants {
		if t.DataStatus == domain.DataInvalid {
			fmt.Fprintf(tw, "%d\t%s\tinvalid\tinvalid\t-\tsee errors\n", t.TenantID, oneLine(t.Name))
			continue
		}
		latest := "-"
		if id := t.RecoveryEvidence.LatestRelevantRestoreRunID; id != nil {
			latest = "#" + strconv.FormatInt(*id, 10)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\n", t.TenantID, oneLine(t.Name), t.BackupHealth.Posture,
			t.RecoveryEvidence.OverviewState, latest, len(t.NeedsAttention))
		for _, r := range t.RestoreRuns {
			fmt.Fprintf(tw, "\t  run #%d\t%s\t%s\t\t\n", r.ID, r.Attention.State, r.Result.State)
		}
	}
	tw.Flush()
	if len(res.Errors) > 0 {
		fmt.Fprintf(w, "\n%d errors:\n", len(res.Errors)+res.ErrorsOmitted)
		for _, p := range res.Errors {
			fmt.Fprintf(w, "  %s\n", p.String())
		}
		if res.ErrorsOmitted > 0 {
			fmt.Fprintf(w, "  and %d more\n", res.ErrorsOmitted)
		}
	}
}

// oneLine keeps a name from breaking the table's layout; it is data, shown
// as given otherwise.
func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(s)
}
