package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"text/tabwriter"

	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/termtext"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

const diffUsage = `diff [--format json|table] [--tenant ID] [--all] [--max-bytes N] OLD NEW

Prints what changed between two snapshots (docs/history.md): each side is
checked and resolved as resolve does, and the resolutions are compared, never
the raw records. Lists the changed, added and removed tenants, or every
tenant with --all; the table shows the worst first. A NEW generated before
OLD is still compared, and the output says so. "-" reads one side from
standard input.
Exit status: 0 nothing changed, 1 something changed (for --tenant: that
tenant), 2 a rejected side or a usage or I/O error.`

func runDiff(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("diff", diffUsage, stderr)
	format := fs.String("format", "json", "output format: json or table")
	tenant := fs.Int64("tenant", 0, "print only the tenant with this id")
	all := fs.Bool("all", false, "list unchanged tenants too")
	maxBytes := fs.Int64("max-bytes", snapshot.DefaultMaxBytes, "reject a snapshot larger than this many bytes")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return flagExit(err, stderr)
	}
	if len(files) != 2 || (*format != "json" && *format != "table") {
		fs.Usage()
		return exitRejected
	}
	if files[0] == "-" && files[1] == "-" {
		fmt.Fprintln(stderr, "tenantatlas diff: only one side can be read from standard input")
		return exitRejected
	}
	sides := []string{change.SideOld, change.SideNew}
	checked, err := checkSides(files, stdin, *maxBytes)
	if err != nil {
		fmt.Fprintf(stderr, "tenantatlas diff: %v\n", err)
		return exitRejected
	}
	d, err := change.CompareChecked(checked[0], checked[1])

	out := bufio.NewWriterSize(stdout, 1<<16)
	defer out.Flush()
	var rej *change.RejectedError
	if errors.As(err, &rej) {
		for i, c := range checked {
			if c.Rejected() {
				for _, p := range c.Problems {
					if p.Reach == snapshot.ReachSnapshot {
						fmt.Fprintf(stderr, "tenantatlas diff: %s snapshot %s rejected: %s\n", sides[i], termtext.Escape(files[i]), termtext.Escape(p.String()))
					}
				}
			}
		}
		if *format == "json" {
			writeDiffJSON(out, d, nil)
		}
		return exitRejected
	}
	if err != nil {
		fmt.Fprintf(stderr, "tenantatlas diff: %v\n", err)
		return exitRejected
	}

	only := flagSet(fs, "tenant")
	var rows []change.TenantChange
	for _, tc := range d.Tenants {
		if (only && tc.TenantID == *tenant) || (!only && (*all || tc.Listed())) {
			rows = append(rows, tc)
		}
	}
	if only && len(rows) == 0 {
		fmt.Fprintf(stderr, "tenantatlas diff: no tenant with id %d in either snapshot\n", *tenant)
		return exitRejected
	}
	if *format == "table" {
		writeDiffTable(out, files, d, rows)
	} else if err := writeDiffJSON(out, d, rows); err != nil {
		fmt.Fprintf(stderr, "tenantatlas: %v\n", err)
		return exitRejected
	}
	changed := d.Changed()
	if only {
		changed = rows[0].Listed()
	}
	if changed {
		return exitRecords
	}
	return exitOK
}

// checkSides checks both sides. Both are held at once, so the heap is
// bounded for their sum, not for each in turn.
func checkSides(files []string, stdin io.Reader, maxBytes int64) ([]*snapshot.Checked, error) {
	sides := []string{change.SideOld, change.SideNew}
	readers := make([]io.Reader, len(files))
	var total int64
	for i, name := range files {
		if name == "-" {
			readers[i] = stdin
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("%s snapshot: %v", sides[i], termtext.Escape(err.Error()))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			total += st.Size()
		}
		readers[i] = f
	}
	if total > 0 {
		boundMemory(total)
	}
	out := make([]*snapshot.Checked, len(files))
	for i, r := range readers {
		out[i] = snapshot.Check(r, snapshot.Limits{MaxBytes: maxBytes})
	}
	return out, nil
}

// resolveAll resolves every tenant, without the explanations a diff never
// shows, on every core: tenants are independent work.
func resolveAll(c *snapshot.Checked) *domain.Resolution {
	res := domain.ResolveHeader(c)
	r := domain.NewResolver(c).WithoutWhy()
	res.Tenants = make([]domain.TenantState, r.Len())
	workers := min(runtime.GOMAXPROCS(0), r.Len())
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < r.Len(); i += workers {
				res.Tenants[i] = r.Tenant(i)
			}
		})
	}
	wg.Wait()
	return res
}

// writeDiffJSON writes the diff with only the rows given (the summary still
// counts every tenant) as json.MarshalIndent would, byte for byte, but a
// tenant at a time: the diff of two large snapshots is never held twice,
// as values and as bytes.
func writeDiffJSON(w io.Writer, d *change.Diff, rows []change.TenantChange) error {
	head := *d
	head.Tenants = nil
	b, err := json.MarshalIndent(&head, "", "  ")
	if err != nil {
		return err
	}
	b, ok := bytes.CutSuffix(b, []byte("null\n}"))
	if !ok {
		return fmt.Errorf("unexpected diff header: %s", b)
	}
	if len(rows) == 0 {
		_, err = w.Write(append(b, "[]\n}\n"...))
		return err
	}
	for i := range rows {
		sep := ",\n    "
		if i == 0 {
			sep = "[\n    "
		}
		b = append(b, sep...)
		row, err := json.MarshalIndent(&rows[i], "    ", "  ")
		if err != nil {
			return err
		}
		b = append(b, row...)
		if _, err := w.Write(b); err != nil {
			return err
		}
		b = b[:0]
	}
	_, err = io.WriteString(w, "\n  ]\n}\n")
	return err
}

// writeDiffTable writes the sides, a warning when NEW is the earlier, the
// summary, and the rows worst first, each saying in words what changed.
func writeDiffTable(w io.Writer, files []string, d *change.Diff, rows []change.TenantChange) {
	for i, side := range []*change.SideHeader{&d.Old, &d.New} {
		label := [...]string{"old", "new"}[i]
		fmt.Fprintf(w, "%s: %s, generated at %s", label, termtext.Escape(files[i]), termtext.Escape(*side.GeneratedAt))
		if side.Name != nil {
			fmt.Fprintf(w, " (%s)", termtext.Escape(*side.Name))
		}
		fmt.Fprintln(w)
	}
	if d.Reversed {
		fmt.Fprintf(w, "warning: reversed pair: new (%s) was generated before old (%s); the changes below run backwards in time\n",
			termtext.Escape(*d.New.GeneratedAt), termtext.Escape(*d.Old.GeneratedAt))
	}
	s := d.Summary
	fmt.Fprintf(w, "%d added, %d removed, %d changed, %d unchanged; %d worse, %d better, %d mixed\n\n",
		s.Added, s.Removed, s.Changed, s.Unchanged, s.Worse, s.Better, s.Mixed)
	if len(rows) == 0 {
		fmt.Fprintln(w, "No tenant changed.")
	} else {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "TENANT\tNAME\tCHANGE\tDIRECTION\tWHAT CHANGED")
		for _, tc := range change.WorstFirst(rows) {
			dir := "-"
			if tc.Direction != nil {
				dir = *tc.Direction
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", tc.TenantID, termtext.Escape(tc.Name), tc.Change, dir, termtext.Escape(change.Describe(&tc)))
		}
		tw.Flush()
	}
	for i, side := range []*change.SideHeader{&d.Old, &d.New} {
		if n := len(side.Errors) + side.ErrorsOmitted; n > 0 {
			fmt.Fprintf(w, "\n%s (%s), errors in records: %d\n", [...]string{"old", "new"}[i], termtext.Escape(files[i]), n)
			for _, p := range side.Errors {
				fmt.Fprintf(w, "  %s\n", termtext.Escape(p.String()))
			}
			if side.ErrorsOmitted > 0 {
				fmt.Fprintf(w, "  and %d more\n", side.ErrorsOmitted)
			}
		}
	}
}
