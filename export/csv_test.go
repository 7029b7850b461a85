package export

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

func TestAppendCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Contoso Ltd", "Contoso Ltd"},
		{"", ""},
		{"=HYPERLINK(\"x\")", `"'=HYPERLINK(""x"")"`},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tTab", "'\tTab"},
		{"\rReturn", "\"'\rReturn\""},
		{"a,b", `"a,b"`},
		{`say "hi"`, `"say ""hi"""`},
		{"two\nlines", "\"two\nlines\""},
		{"mid=dle", "mid=dle"},
		{"Ünïcødé", "Ünïcødé"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, string(AppendCell(nil, tt.in)))
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestPortfolioRoundTrips(t *testing.T) {
	tenants := []*domain.TenantState{
		{TenantID: 1, Name: "=cmd|' /C calc'!A0, \"quoted\"", DataStatus: domain.DataValid,
			BackupHealth: &domain.BackupHealth{Posture: domain.PostureStale, PrimaryReason: ptr(domain.ReasonLatestBackupStale)},
			RecoveryEvidence: &domain.RecoveryEvidence{OverviewState: domain.OverviewWeakened,
				LatestRelevantRestoreRunID: ptr(int64(100)), LatestRelevantAttentionState: ptr(domain.AttentionFailed)},
			NeedsAttention: []domain.AttentionItem{{Kind: domain.KindRecoveryWeakened}, {Kind: domain.KindBackupStale}}},
		{TenantID: 2, Name: "Fabrikam", DataStatus: domain.DataInvalid},
		{TenantID: 3, Name: "Northwind", DataStatus: domain.DataValid,
			BackupHealth:     &domain.BackupHealth{Posture: domain.PostureHealthy},
			RecoveryEvidence: &domain.RecoveryEvidence{OverviewState: domain.OverviewUnvalidated}},
	}
	var sb strings.Builder
	w := NewWriter(&sb)
	for _, ts := range tenants {
		w.Tenant(ts)
	}
	require.NoError(t, w.Err())
	out := sb.String()
	assert.True(t, strings.HasSuffix(out, "\r\n"))
	r := csv.NewReader(strings.NewReader(out))
	recs, err := r.ReadAll()
	require.NoError(t, err)
	assert.Equal(t, [][]string{
		Header,
		{"1", "'=cmd|' /C calc'!A0, \"quoted\"", "valid", "stale", "latest_backup_stale", "weakened", "100", "failed", "recovery_weakened;backup_stale"},
		{"2", "Fabrikam", "invalid", "", "", "", "", "", ""},
		{"3", "Northwind", "valid", "healthy", "", "unvalidated", "", "", ""},
	}, recs)
}

// TestIndexRowsEqualResolvedRows: for every shipped snapshot, the CSV made
// from the portfolio rows (the app's, and a sharded index's) is the CSV made
// from the resolved tenants (the CLI's), when the viewer may see restores.
func TestIndexRowsEqualResolvedRows(t *testing.T) {
	files, err := fs.Glob(fixtures.FS, "scenarios/*.json")
	require.NoError(t, err)
	files = append(files, "demo.json")
	for _, f := range files {
		b, err := fs.ReadFile(fixtures.FS, f)
		require.NoError(t, err)
		c := snapshot.Check(bytes.NewReader(b), snapshot.Limits{})
		res := domain.Resolve(c)
		p := domain.NewPortfolio(c, res)
		require.NotNil(t, p, f)
		var sb strings.Builder
		w := NewWriter(&sb)
		for i := range res.Tenants {
			ts := res.Tenants[i]
			if !p.Can(snapshot.CapRestoreView) {
				ts.RecoveryEvidence = redactRuns(ts.RecoveryEvidence)
			}
			w.Tenant(&ts)
		}
		assert.Equal(t, sb.String(), Portfolio(p.Tenants), f)
	}
}

// redactRuns drops the latest relevant run, as a portfolio row does for a
// viewer without restore.view.
func redactRuns(ev *domain.RecoveryEvidence) *domain.RecoveryEvidence {
	if ev == nil {
		return nil
	}
	c := *ev
	c.LatestRelevantRestoreRunID, c.LatestRelevantAttentionState = nil, nil
	return &c
}
