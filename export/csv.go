// Package export writes the portfolio as CSV (RFC 4180), for the CLI's
// `resolve --format csv` and the app's "Download CSV" alike, so that both
// give the same bytes for the same tenants.
package export

import (
	"io"
	"strconv"
	"strings"

	"github.com/tenantatlas/tenantatlas/domain"
)

// Header names the columns, in order.
var Header = []string{
	"tenant_id", "name", "data_status", "backup_posture", "primary_reason", "overview_state",
	"latest_relevant_restore_run_id", "latest_relevant_attention_state", "needs_attention",
}

// Row is a tenant's cells, as text before quoting. A state that is null (a
// quarantined tenant's, a healthy posture's reason, no relevant run) is empty.
func Row(ts *domain.TenantState) []string {
	row := []string{strconv.FormatInt(ts.TenantID, 10), ts.Name, string(ts.DataStatus), "", "", "", "", "", ""}
	if bh := ts.BackupHealth; bh != nil {
		row[3] = string(bh.Posture)
		if bh.PrimaryReason != nil {
			row[4] = string(*bh.PrimaryReason)
		}
	}
	if ev := ts.RecoveryEvidence; ev != nil {
		row[5] = string(ev.OverviewState)
		if ev.LatestRelevantRestoreRunID != nil {
			row[6] = strconv.FormatInt(*ev.LatestRelevantRestoreRunID, 10)
		}
		if ev.LatestRelevantAttentionState != nil {
			row[7] = string(*ev.LatestRelevantAttentionState)
		}
	}
	kinds := make([]domain.NeedsAttentionKind, len(ts.NeedsAttention))
	for i, n := range ts.NeedsAttention {
		kinds[i] = n.Kind
	}
	row[8] = kindsText(kinds)
	return row
}

// IndexRow is the same row from a tenant's portfolio row, which is all a
// sharded snapshot's index has. Without restore.view the row has no latest
// relevant run, and neither has the CSV.
func IndexRow(t *domain.PortfolioTenant) []string {
	r := &t.Row
	row := []string{strconv.FormatInt(t.ID, 10), t.Name, string(r.DataStatus), deref(r.BackupPosture), deref(r.PrimaryReason),
		deref(r.OverviewState), "", deref(r.LatestRelevantAttentionState), kindsText(r.NeedsAttentionKinds)}
	if r.LatestRelevantRestoreRunID != nil {
		row[6] = strconv.FormatInt(*r.LatestRelevantRestoreRunID, 10)
	}
	return row
}

func deref[K ~string](s *K) string {
	if s == nil {
		return ""
	}
	return string(*s)
}

// kindsText is a cell of Needs Attention kinds, separated by ";".
func kindsText(kinds []domain.NeedsAttentionKind) string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ";")
}

// Writer writes the header, then a line a tenant, each ended by CRLF.
type Writer struct {
	w   io.Writer
	buf []byte
	err error
}

// NewWriter writes the header row to w.
func NewWriter(w io.Writer) *Writer {
	cw := &Writer{w: w}
	cw.line(Header)
	return cw
}

// Tenant writes one tenant's row.
func (cw *Writer) Tenant(ts *domain.TenantState) { cw.line(Row(ts)) }

// Indexed writes one tenant's row from its portfolio row.
func (cw *Writer) Indexed(t *domain.PortfolioTenant) { cw.line(IndexRow(t)) }

// Err is the first write error.
func (cw *Writer) Err() error { return cw.err }

func (cw *Writer) line(cells []string) {
	if cw.err != nil {
		return
	}
	b := cw.buf[:0]
	for i, c := range cells {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendCell(b, c)
	}
	b = append(b, '\r', '\n')
	cw.buf = b
	_, cw.err = cw.w.Write(b)
}

// AppendCell appends one cell. A cell a spreadsheet would run as a formula
// (one starting with =, +, -, @, a tab or a carriage return) gets a leading
// apostrophe, which spreadsheets show as text; a tenant name is data from
// the snapshot and must never run. A cell with a comma, a quote or a line
// break is quoted, its quotes doubled (RFC 4180).
func AppendCell(b []byte, c string) []byte {
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		c = "'" + c
	}
	if !strings.ContainsAny(c, ",\"\r\n") {
		return append(b, c...)
	}
	b = append(b, '"')
	for i := 0; i < len(c); i++ {
		if c[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, c[i])
	}
	return append(b, '"')
}

// Portfolio is the CSV of a portfolio's tenants, in the order given.
func Portfolio(tenants []domain.PortfolioTenant) string {
	var sb strings.Builder
	w := NewWriter(&sb)
	for i := range tenants {
		w.Indexed(&tenants[i])
	}
	return sb.String()
}
