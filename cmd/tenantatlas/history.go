package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/termtext"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

const historyUsage = `history [--format json|table|csv] [--max-bytes N] FILE...

Prints a series of snapshots of one portfolio, in the order of their
generated_at (docs/history.md): since when each tenant's backup posture and
recovery overview hold, each tenant's timeline, and the trend of counts per
snapshot. The CSV has one row a tenant. "-" reads one snapshot from standard
input.
Exit status: 0, or 2 on a rejected snapshot, two snapshots at one instant, or
a usage or I/O error. Errors in records are counted on standard error; they
do not fail the history.`

func runHistory(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("history", historyUsage, stderr)
	format := fs.String("format", "json", "output format: json, table or csv")
	maxBytes := fs.Int64("max-bytes", snapshot.DefaultMaxBytes, "reject a snapshot larger than this many bytes")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return flagExit(err, stderr)
	}
	if len(files) == 0 || (*format != "json" && *format != "table" && *format != "csv") {
		fs.Usage()
		return exitRejected
	}
	stdins := 0
	for _, f := range files {
		if f == "-" {
			stdins++
		}
	}
	if stdins > 1 {
		fmt.Fprintln(stderr, "tenantatlas history: only one snapshot can be read from standard input")
		return exitRejected
	}
	entries := make([]change.Entry, 0, len(files))
	failed := false
	for _, name := range files {
		c, err := checkFile(name, stdin, *maxBytes)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", termtext.Escape(name), termtext.Escape(err.Error()))
			failed = true
			continue
		}
		if c.Rejected() {
			for _, p := range c.Problems {
				if p.Reach == snapshot.ReachSnapshot {
					fmt.Fprintf(stderr, "%s: rejected: %s\n", termtext.Escape(name), termtext.Escape(p.String()))
				}
			}
			failed = true
			continue
		}
		if n := len(c.Problems) + c.Omitted; n > 0 {
			fmt.Fprintf(stderr, "%s: errors in records: %d (tenantatlas validate lists them)\n", termtext.Escape(name), n)
		}
		// Only the states are kept: the snapshot and its runs are garbage
		// before the next file is read.
		e, err := change.EntryOf(seriesFile(name), resolveAll(c))
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", termtext.Escape(name), termtext.Escape(err.Error()))
			failed = true
			continue
		}
		entries = append(entries, e)
	}
	if failed {
		return exitRejected
	}
	h, err := change.NewHistory(entries)
	if err != nil {
		fmt.Fprintf(stderr, "tenantatlas history: %s\n", termtext.Escape(err.Error()))
		return exitRejected
	}
	out := bufio.NewWriterSize(stdout, 1<<16)
	defer out.Flush()
	switch *format {
	case "table":
		writeHistoryTable(out, h)
	case "csv":
		err = writeHistoryCSV(out, h)
	default:
		var b []byte
		if b, err = json.MarshalIndent(h, "", "  "); err == nil {
			_, err = out.Write(append(b, '\n'))
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "tenantatlas: %v\n", err)
		return exitRejected
	}
	return exitOK
}

// seriesFile names a snapshot of the series by its file name, as the site
// names it by its stem: where it was read from is not part of the series.
func seriesFile(name string) string {
	if name == "-" {
		return name
	}
	return filepath.Base(name)
}

// writeHistoryTable writes since when each tenant's states hold, then the
// trend.
func writeHistoryTable(w io.Writer, h *change.History) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TENANT\tNAME\tBACKUP\tSINCE\tRECOVERY EVIDENCE\tSINCE\tIN THE LATEST SNAPSHOT")
	for _, t := range h.Tenants {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", t.TenantID, termtext.Escape(t.Name),
			sinceCells(t.BackupPosture, change.PostureWords), sinceCells(t.OverviewState, change.OverviewWords), latestNote(&t))
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	// Tenants per state: backup posture, then recovery evidence, in words.
	fmt.Fprintln(tw, "SNAPSHOT\tGENERATED AT\tBACKUP CURRENT\tDEGRADED\tSTALE\tABSENT\tRECOVERY EVIDENCE NOT YET KNOWN\tWEAKENED\tNO RECENT ISSUES VISIBLE\tINVALID\t")
	for _, s := range h.Snapshots {
		c := s.Counts
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", termtext.Escape(s.File), termtext.Escape(s.GeneratedAt),
			c.BackupPosture.Healthy, c.BackupPosture.Degraded, c.BackupPosture.Stale, c.BackupPosture.Absent,
			c.OverviewState.Unvalidated, c.OverviewState.Weakened, c.OverviewState.NoRecentIssuesVisible, c.Invalid)
	}
	tw.Flush()
}

// latestNote says where the tenant stands in the latest snapshot: its
// states are as of the latest snapshot in which it is valid, which need not
// be the latest of the series.
func latestNote(t *change.TenantHistory) string {
	switch p := t.Timeline[len(t.Timeline)-1]; {
	case p == nil:
		return "absent"
	case p.DataStatus != string(domain.DataValid):
		return "invalid records"
	}
	return "valid"
}

// sinceCells are a state in words and since when it holds.
func sinceCells(s *change.Since, words func(string) string) string {
	if s == nil {
		return "-\tnever valid"
	}
	return words(s.State) + "\t" + termtext.Escape(s.Phrase())
}

// writeHistoryCSV writes one row a tenant: RFC 4180, cells a spreadsheet
// would run as a formula prefixed with ', control characters escaped as in
// the table: a CSV is read at a terminal too.
func writeHistoryCSV(w io.Writer, h *change.History) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"tenant_id", "name",
		"backup_posture", "backup_posture_first_seen_at", "backup_posture_last_different_at",
		"overview_state", "overview_state_first_seen_at", "overview_state_last_different_at"})
	for _, t := range h.Tenants {
		row := []string{strconv.FormatInt(t.TenantID, 10), historyCell(t.Name)}
		for _, s := range []*change.Since{t.BackupPosture, t.OverviewState} {
			if s == nil {
				row = append(row, "", "", "")
				continue
			}
			last := ""
			if s.LastDifferentAt != nil {
				last = *s.LastDifferentAt
			}
			row = append(row, s.State, historyCell(s.FirstSeenAt), historyCell(last))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

func historyCell(s string) string {
	s = termtext.Escape(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
