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
	if err := writeHead(w, c); err != nil {
		return err
	}
	e := newTenantEncoder(w, r)
	for i := range r.Len() {
		if keep(r.TenantID(i)) {
			if err := e.add(i); err != nil {
				return err
			}
		}
	}
	return e.close()
}

// writeHead writes the resolution's members before its tenants, up to the
// tenants' opening.
func writeHead(w io.Writer, c *snapshot.Checked) error {
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
	_, err = w.Write(b)
	return err
}

// tenantEncoder writes a resolution's tenants in order: a batch of them
// resolved and encoded in parallel, a tenant of many runs streamed.
type tenantEncoder struct {
	w io.Writer
	r *domain.Resolver
	// A writer a worker, kept from batch to batch: its buffer grows once,
	// where a new one each batch would allocate it again.
	writers []tenantWriter
	encoded [][]byte // the batch's tenants, encoded, in order
	batch   []int    // tenants waiting to be encoded
	n       int      // tenants written
}

const encodeBatch = 64

func newTenantEncoder(w io.Writer, r *domain.Resolver) *tenantEncoder {
	return &tenantEncoder{w: w, r: r, writers: make([]tenantWriter, runtime.GOMAXPROCS(0)), encoded: make([][]byte, encodeBatch)}
}

// add writes tenant i, or keeps it for the next batch.
func (e *tenantEncoder) add(i int) error {
	if e.r.RunCount(i) <= streamRunsFrom {
		if e.batch = append(e.batch, i); len(e.batch) == encodeBatch {
			return e.flush()
		}
		return nil
	}
	// A tenant of many runs is written as it is resolved, a run at a
	// time: whole, its states and their JSON were 9.5 times its file.
	if err := e.flush(); err != nil {
		return err
	}
	if err := e.sep(); err != nil {
		return err
	}
	return e.writers[0].stream(e.w, e.r, i)
}

// sep opens the list before the first tenant, separates the others.
func (e *tenantEncoder) sep() error {
	s := "[\n    "
	if e.n > 0 {
		s = ",\n    "
	}
	e.n++
	_, err := io.WriteString(e.w, s)
	return err
}

// flush resolves and encodes the batch in parallel, then writes it in order.
func (e *tenantEncoder) flush() error {
	var wg sync.WaitGroup
	next := make(chan int, len(e.batch))
	for k := range e.batch {
		next <- k
	}
	close(next)
	for i := range min(len(e.writers), len(e.batch)) {
		wg.Go(func() {
			w := &e.writers[i]
			for k := range next {
				ts := e.r.TenantReusing(e.batch[k], w.runs)
				w.reset()
				w.tenant(&ts)
				if cap(ts.RestoreRuns) > cap(w.runs) {
					w.runs = ts.RestoreRuns
				}
				e.encoded[k] = append(e.encoded[k][:0], w.b...)
			}
		})
	}
	wg.Wait()
	for k := range e.batch {
		if err := e.sep(); err != nil {
			return err
		}
		if _, err := e.w.Write(e.encoded[k]); err != nil {
			return err
		}
	}
	e.batch = e.batch[:0]
	return nil
}

// close writes what is left and ends the resolution.
func (e *tenantEncoder) close() error {
	if err := e.flush(); err != nil {
		return err
	}
	end := "\n  ]\n}\n"
	if e.n == 0 {
		end = "[]\n}\n"
	}
	_, err := io.WriteString(e.w, end)
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
