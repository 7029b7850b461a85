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
	maxBytes := fs.Int64("max-bytes", domain.DefaultMaxBytes, "reject a snapshot larger than this many bytes")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return flagExit(err)
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
			fmt.Fprintf(stderr, "%s: %v\n", changeText(name), changeText(err.Error()))
			failed = true
			continue
		}
		if c.Rejected() {
			for _, p := range c.Problems {
				if p.Reach == domain.ReachSnapshot {
					fmt.Fprintf(stderr, "%s: rejected: %s\n", changeText(name), changeText(p.String()))
				}
			}
			failed = true
			continue
		}
		if n := len(c.Problems) + c.Omitted; n > 0 {
			fmt.Fprintf(stderr, "%s: %d errors in records (tenantatlas validate lists them)\n", changeText(name), n)
		}
		// Only the states are kept: the snapshot and its runs are garbage
		// before the next file is read.
		e, err := change.EntryOf(seriesFile(name), resolveAll(c))
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", changeText(name), changeText(err.Error()))
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
		fmt.Fprintf(stderr, "tenantatlas history: %s\n", changeText(err.Error()))
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
	fmt.Fprintln(tw, "TENANT\tNAME\tBACKUP\tSINCE\tRECOVERY\tSINCE")
	for _, t := range h.Tenants {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", t.TenantID, changeText(t.Name), sinceCells(t.BackupPosture), sinceCells(t.OverviewState))
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	// The columns are state keys, as resolve prints them.
	fmt.Fprintln(tw, "SNAPSHOT\tGENERATED AT\thealthy\tdegraded\tstale\tabsent\tunvalidated\tweakened\tno_recent_issues_visible\tinvalid\t")
	for _, s := range h.Snapshots {
		c := s.Counts
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", changeText(s.File), changeText(s.GeneratedAt),
			c.BackupPosture.Healthy, c.BackupPosture.Degraded, c.BackupPosture.Stale, c.BackupPosture.Absent,
			c.OverviewState.Unvalidated, c.OverviewState.Weakened, c.OverviewState.NoRecentIssuesVisible, c.Invalid)
	}
	tw.Flush()
}

func sinceCells(s *change.Since) string {
	if s == nil {
		return "-\tnever valid"
	}
	return s.State + "\t" + changeText(s.Phrase())
}

// writeHistoryCSV writes one row a tenant: RFC 4180, cells a spreadsheet
// would run as a formula prefixed with '.
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
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
