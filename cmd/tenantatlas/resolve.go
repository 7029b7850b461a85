package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"text/tabwriter"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/export"
	"github.com/tenantatlas/tenantatlas/internal/termtext"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

const resolveUsage = `resolve [--tenant ID] [--format json|table|csv] [--explain] [--max-bytes N] FILE

Prints every state derived from a snapshot: as JSON, as a table for people
at a terminal, or as CSV (RFC 4180) with a row per tenant, its cells safe
from spreadsheet formula injection. --explain adds to each state the rule that
matched and the records it rested on. Exit status as validate.`

func runResolve(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("resolve", resolveUsage, stderr)
	tenant := fs.Int64("tenant", 0, "print only the tenant with this id")
	format := fs.String("format", "json", "output format: json, table or csv")
	explain := fs.Bool("explain", false, "include why each state was derived")
	maxBytes := fs.Int64("max-bytes", snapshot.DefaultMaxBytes, "reject a snapshot larger than this many bytes")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return flagExit(err, stderr)
	}
	if len(files) != 1 || (*format != "json" && *format != "table" && *format != "csv") {
		fs.Usage()
		return exitRejected
	}
	c, err := checkFile(files[0], stdin, *maxBytes)
	if err != nil {
		writeLine(stderr, "%s: %v", files[0], err)
		return exitRejected
	}
	only := flagSet(fs, "tenant")
	if only && !c.Rejected() && !hasTenant(c, *tenant) {
		writeLine(stderr, "%s: no tenant with id %d", files[0], *tenant)
		return exitRejected
	}
	keep := func(id int64) bool { return !only || id == *tenant }

	out := bufio.NewWriterSize(stdout, 1<<16)
	defer out.Flush()
	r := domain.NewResolver(c)
	if !*explain {
		r.WithoutWhy()
	}
	switch *format {
	case "csv":
		w := export.NewWriter(out)
		var runs []domain.RunState
		for i := range r.Len() {
			if keep(r.TenantID(i)) {
				ts := r.TenantReusing(i, runs)
				w.Tenant(&ts)
				runs = ts.RestoreRuns
			}
		}
		if w.Err() != nil {
			fmt.Fprintf(stderr, "tenantatlas: %v\n", w.Err())
			return exitRejected
		}
		// CSV has no place for the snapshot's errors: they go to stderr,
		// as validate prints them.
		for _, p := range c.Problems {
			fmt.Fprintf(stderr, "%s: %s\n", files[0], p.String())
		}
	case "table":
		res := domain.ResolveHeader(c)
		for i := range r.Len() {
			if keep(r.TenantID(i)) {
				res.Tenants = append(res.Tenants, r.Tenant(i))
			}
		}
		writeTable(out, res)
	default:
		if err := writeJSON(out, c, r, keep); err != nil {
			writeLine(stderr, "tenantatlas: %v", err)
			return exitRejected
		}
	}
	return exitFor(c)
}

func hasTenant(c *snapshot.Checked, id int64) bool {
	for _, t := range c.Snapshot.Tenants {
		if t.ID == id {
			return true
		}
	}
	return false
}

// writeJSON writes the resolution as encoding/json's Encoder with a
// two-space indent would, byte for byte, but a tenant at a time: the output
// of a large portfolio is twice its input and is never held whole. Tenants
// are resolved and encoded in parallel, a batch at a time, and written in
// order.
func writeJSON(w io.Writer, c *snapshot.Checked, r *domain.Resolver, keep func(int64) bool) error {
	head := domain.ResolveHeader(c)
	head.Tenants = nil
	b, err := json.MarshalIndent(head, "", "  ")
	if err != nil {
		return err
	}
	b, ok := bytes.CutSuffix(b, []byte("null\n}"))
	if !ok {
		return fmt.Errorf("unexpected resolution header: %s", b)
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	var ids []int
	for i := range r.Len() {
		if keep(r.TenantID(i)) {
			ids = append(ids, i)
		}
	}
	workers := runtime.GOMAXPROCS(0)
	const batch = 64
	encoded := make([][]byte, batch)
	// A writer a worker, kept from batch to batch: its buffer grows once,
	// where a new one each batch would allocate it again.
	writers := make([]tenantWriter, workers)
	n := 0
	sep := func() error {
		s := "[\n    "
		if n > 0 {
			s = ",\n    "
		}
		n++
		_, err := io.WriteString(w, s)
		return err
	}
	// encode resolves and writes the tenants of part in parallel.
	encode := func(part []int) error {
		var wg sync.WaitGroup
		next := make(chan int, len(part))
		for k := range part {
			next <- k
		}
		close(next)
		for i := range min(workers, len(part)) {
			wg.Go(func() {
				w := &writers[i]
				for k := range next {
					ts := r.TenantReusing(part[k], w.runs)
					w.reset()
					w.tenant(&ts)
					if cap(ts.RestoreRuns) > cap(w.runs) {
						w.runs = ts.RestoreRuns
					}
					encoded[k] = append(encoded[k][:0], w.b...)
				}
			})
		}
		wg.Wait()
		for k := range part {
			if err := sep(); err != nil {
				return err
			}
			if _, err := w.Write(encoded[k]); err != nil {
				return err
			}
		}
		return nil
	}
	var part []int
	for _, i := range ids {
		if r.RunCount(i) <= streamRunsFrom {
			if part = append(part, i); len(part) == batch {
				if err := encode(part); err != nil {
					return err
				}
				part = part[:0]
			}
			continue
		}
		// A tenant of many runs is written as it is resolved, a run at a
		// time: whole, its states and their JSON were 9.5 times its file.
		if err := encode(part); err != nil {
			return err
		}
		part = part[:0]
		if err := sep(); err != nil {
			return err
		}
		if err := writers[0].stream(w, r, i); err != nil {
			return err
		}
	}
	if err := encode(part); err != nil {
		return err
	}
	end := "\n  ]\n}\n"
	if n == 0 {
		end = "[]\n}\n"
	}
	_, err = io.WriteString(w, end)
	return err
}

// streamRunsFrom is how many runs make a tenant written a run at a time;
// a tenant of fewer is resolved whole, in parallel with others.
var streamRunsFrom = 1024

// writeTable prints one line a tenant and its runs beneath it, then errors.
func writeTable(w io.Writer, res *domain.Resolution) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TENANT\tNAME\tBACKUP\tRECOVERY\tLATEST RUN\tNEEDS ATTENTION")
	for _, t := range res.Tenants {
		if t.DataStatus == domain.DataInvalid {
			fmt.Fprintf(tw, "%d\t%s\tinvalid\tinvalid\t-\tsee errors\n", t.TenantID, termtext.Escape(t.Name))
			continue
		}
		latest := "-"
		if id := t.RecoveryEvidence.LatestRelevantRestoreRunID; id != nil {
			latest = "#" + strconv.FormatInt(*id, 10)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\n", t.TenantID, termtext.Escape(t.Name), t.BackupHealth.Posture,
			t.RecoveryEvidence.OverviewState, latest, len(t.NeedsAttention))
		for _, r := range t.RestoreRuns {
			fmt.Fprintf(tw, "\t  run #%d\t%s\t%s\t\t\n", r.ID, r.Attention.State, r.Result.State)
		}
	}
	tw.Flush()
	if len(res.Errors) > 0 {
		fmt.Fprintln(w)
		writeLine(w, "%d errors:", len(res.Errors)+res.ErrorsOmitted)
		for _, p := range res.Errors {
			writeLine(w, "  %s", p.String())
		}
		if res.ErrorsOmitted > 0 {
			writeLine(w, "  and %d more", res.ErrorsOmitted)
		}
	}
}
