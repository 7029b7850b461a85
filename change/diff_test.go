package change_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

const (
	day1 = "2026-04-08T01:00:00Z"
	day2 = "2026-04-09T01:00:00Z"
)

func compare(t *testing.T, old, new *domain.TenantState) change.TenantChange {
	t.Helper()
	var o, n []domain.TenantState
	if old != nil {
		o = append(o, *old)
	}
	if new != nil {
		n = append(n, *new)
	}
	d, err := change.Compare(resolution(day1, o...), resolution(day2, n...))
	require.NoError(t, err)
	require.Len(t, d.Tenants, 1)
	return d.Tenants[0]
}

// TestChange: every row of the `change` table (docs/history.md).
func TestChange(t *testing.T) {
	a := tenant(1, healthy, clean, done(100))
	cases := []struct {
		name     string
		old, new *domain.TenantState
		want     string
	}{
		{"added: only in NEW", nil, &a, change.Added},
		{"removed: only in OLD", &a, nil, change.Removed},
		{"changed: a compared value differs", &a, p(tenant(1, stale, clean, done(100))), change.Changed},
		{"unchanged: nothing compared differs", &a, p(tenant(1, healthy, clean, done(100))), change.Unchanged},
		{"unchanged: both invalid", p(invalid(1)), p(invalid(1)), change.Unchanged},
		{"changed: valid to invalid", &a, p(invalid(1)), change.Changed},
		{"changed: invalid to valid", p(invalid(1)), &a, change.Changed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, compare(t, c.old, c.new).Change)
		})
	}
}

// TestComparedValues: each compared value, differing alone, makes a
// tenant changed; a value that is not compared (a headline) does not.
func TestComparedValues(t *testing.T) {
	base := func() domain.TenantState { return tenant(1, degraded, weakened, done(100), failed(101)) }
	cases := []struct {
		name   string
		edit   func(*domain.TenantState)
		listed []int64 // runs listed
	}{
		{"backup_posture", func(s *domain.TenantState) { s.BackupHealth.Posture = domain.PostureStale }, nil},
		{"primary_reason", func(s *domain.TenantState) { s.BackupHealth.PrimaryReason = p(domain.ReasonLatestBackupPartial) }, nil},
		{"overview_state", func(s *domain.TenantState) { s.RecoveryEvidence.OverviewState = domain.OverviewUnvalidated }, nil},
		{"latest_relevant_restore_run_id", func(s *domain.TenantState) { s.RecoveryEvidence.LatestRelevantRestoreRunID = p(int64(100)) }, nil},
		{"latest_relevant_attention_state", func(s *domain.TenantState) {
			s.RecoveryEvidence.LatestRelevantAttentionState = p(domain.AttentionPartial)
		}, nil},
		{"the set of Needs Attention kinds", func(s *domain.TenantState) { s.NeedsAttention = s.NeedsAttention[:1] }, nil},
		{"a run present or not", func(s *domain.TenantState) { s.RestoreRuns = s.RestoreRuns[:1] }, []int64{101}},
		{"a run's attention state", func(s *domain.TenantState) { s.RestoreRuns[0].Attention.State = domain.AttentionPartial }, []int64{100}},
		{"a run's result state", func(s *domain.TenantState) { s.RestoreRuns[0].Result.State = domain.ResultNeedsReview }, []int64{100}},
		{"a run's operation_proof_state", func(s *domain.TenantState) {
			s.RestoreRuns[1].Result.OperationProofState = domain.ProofUnavailable
		}, []int64{101}},
		{"a run's post_run_evidence_state", func(s *domain.TenantState) {
			s.RestoreRuns[1].Result.PostRunEvidenceState = domain.ProofAvailable
		}, []int64{101}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old, new := base(), base()
			c.edit(&new)
			tc := compare(t, &old, &new)
			assert.Equal(t, change.Changed, tc.Change)
			var ids []int64
			for _, r := range *tc.RestoreRuns {
				ids = append(ids, r.ID)
			}
			assert.Equal(t, c.listed, ids, "runs listed")
		})
	}
	t.Run("not compared: copy", func(t *testing.T) {
		old, new := base(), base()
		new.BackupHealth.Headline = "other words"
		new.Name = "Renamed"
		tc := compare(t, &old, &new)
		assert.Equal(t, change.Unchanged, tc.Change)
		assert.Equal(t, "Renamed", tc.Name, "the name is NEW's")
	})
}

// TestDirection: every row of the `direction` table (docs/history.md).
func TestDirection(t *testing.T) {
	cases := []struct {
		name     string
		old, new *domain.TenantState
		want     *string
	}{
		{"worse: posture rank rose", p(tenant(1, healthy, clean, done(1))), p(tenant(1, stale, clean, done(1))), p(change.Worse)},
		{"worse: overview rank rose", p(tenant(1, healthy, clean, done(1))), p(tenant(1, healthy, weakened, failed(1))), p(change.Worse)},
		{"worse: both rose", p(tenant(1, degraded, unknown)), p(tenant(1, absent, weakened, failed(1))), p(change.Worse)},
		{"worse: valid to invalid", p(tenant(1, healthy, clean, done(1))), p(invalid(1)), p(change.Worse)},
		{"worse: invalid to valid with Needs Attention", p(invalid(1)), p(tenant(1, stale, clean, done(1))), p(change.Worse)},
		{"worse: invalid to valid, only weakened", p(invalid(1)), p(tenant(1, healthy, weakened, failed(1))), p(change.Worse)},
		{"better: posture rank fell", p(tenant(1, absent, weakened, failed(1))), p(tenant(1, degraded, weakened, failed(1))), p(change.Better)},
		{"better: overview rank fell", p(tenant(1, stale, weakened, failed(1))), p(tenant(1, stale, clean, failed(1), done(2))), p(change.Better)},
		{"better: both fell", p(tenant(1, stale, weakened, failed(1))), p(tenant(1, healthy, unknown)), p(change.Better)},
		{"better: invalid to valid, nothing needs attention", p(invalid(1)), p(tenant(1, healthy, unknown)), p(change.Better)},
		{"mixed: posture rose, overview fell", p(tenant(1, healthy, weakened, failed(1))), p(tenant(1, stale, clean, failed(1), done(2))), p(change.Mixed)},
		{"mixed: posture fell, overview rose", p(tenant(1, absent, unknown)), p(tenant(1, healthy, weakened, failed(1))), p(change.Mixed)},
		{"same: no rank changed", p(tenant(1, healthy, clean, done(1))), p(tenant(1, healthy, clean, done(1))), p(change.Same)},
		{"same: a reason changed", p(tenant(1, degraded, unknown)), func() *domain.TenantState {
			s := tenant(1, degraded, unknown)
			s.BackupHealth.PrimaryReason = p(domain.ReasonLatestBackupPartial)
			return &s
		}(), p(change.Same)},
		{"same: the latest run changed", p(tenant(1, healthy, weakened, failed(1))), p(tenant(1, healthy, weakened, failed(1), failed(2))), p(change.Same)},
		{"same: both invalid", p(invalid(1)), p(invalid(1)), p(change.Same)},
		{"null: added", nil, p(tenant(1, healthy, clean, done(1))), nil},
		{"null: removed", p(tenant(1, stale, weakened, failed(1))), nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, compare(t, c.old, c.new).Direction)
		})
	}
}

// TestPairsOnlyWhereComparable: data_status always, the rest only when the
// tenant is valid on both sides (docs/interfaces.md).
func TestPairsOnlyWhereComparable(t *testing.T) {
	valid := tenant(1, healthy, clean, done(1))
	for _, c := range []struct {
		name       string
		old, new   *domain.TenantState
		comparable bool
	}{
		{"both valid", &valid, &valid, true},
		{"valid to invalid", &valid, p(invalid(1)), false},
		{"invalid to valid", p(invalid(1)), &valid, false},
		{"added", nil, &valid, false},
		{"removed", &valid, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			tc := compare(t, c.old, c.new)
			b, err := json.Marshal(tc)
			require.NoError(t, err)
			assert.Contains(t, string(b), `"data_status":{`)
			for _, member := range []string{"backup_posture", "primary_reason", "overview_state", "latest_relevant_restore_run_id",
				"latest_relevant_attention_state", "needs_attention", "restore_runs"} {
				assert.Equal(t, c.comparable, strings.Contains(string(b), `"`+member+`":`), member)
			}
		})
	}
}

// TestDiffJSON: the members and their order as docs/interfaces.md shows them.
func TestDiffJSON(t *testing.T) {
	old := resolution(day1, tenant(1, healthy, clean, done(100)), tenant(2, healthy, unknown))
	old.Name = p("Demo")
	new := resolution(day2, tenant(1, stale, weakened, done(100), failed(102)), tenant(3, healthy, unknown))
	d, err := change.Compare(old, new)
	require.NoError(t, err)
	b, err := json.MarshalIndent(d, "", "  ")
	require.NoError(t, err)
	assert.JSONEq(t, `{
  "old": { "generated_at": "2026-04-08T01:00:00Z", "name": "Demo", "errors": [] },
  "new": { "generated_at": "2026-04-09T01:00:00Z", "name": null, "errors": [] },
  "reversed": false,
  "summary": { "added": 1, "removed": 1, "changed": 1, "unchanged": 0, "worse": 1, "better": 0, "mixed": 0 },
  "tenants": [
    { "tenant_id": 1, "name": "Tenant", "change": "changed", "direction": "worse",
      "data_status": { "old": "valid", "new": "valid" },
      "backup_posture": { "old": "healthy", "new": "stale" },
      "primary_reason": { "old": null, "new": "latest_backup_stale" },
      "overview_state": { "old": "no_recent_issues_visible", "new": "weakened" },
      "latest_relevant_restore_run_id": { "old": 100, "new": 102 },
      "latest_relevant_attention_state": { "old": "completed", "new": "failed" },
      "needs_attention": { "added": ["recovery_weakened", "backup_stale"], "removed": [] },
      "restore_runs": [
        { "id": 102, "change": "added", "attention": { "old": null, "new": "failed" }, "result": { "old": null, "new": "failed" },
          "operation_proof_state": { "old": null, "new": "available" }, "post_run_evidence_state": { "old": null, "new": "unavailable" } } ] },
    { "tenant_id": 2, "name": "Tenant", "change": "removed", "direction": null, "data_status": { "old": "valid", "new": null } },
    { "tenant_id": 3, "name": "Tenant", "change": "added", "direction": null, "data_status": { "old": null, "new": "valid" } }
  ]
}`, string(b))
	assert.Less(t, strings.Index(string(b), `"old"`), strings.Index(string(b), `"reversed"`))
	assert.Less(t, strings.Index(string(b), `"summary"`), strings.Index(string(b), `"tenants"`))
}

// TestReversed: NEW earlier than OLD is still a diff, and says so; the
// instants are compared, not the text.
func TestReversed(t *testing.T) {
	for _, c := range []struct {
		name     string
		old, new string
		want     bool
	}{
		{"forward", day1, day2, false},
		{"reversed", day2, day1, true},
		{"same instant", day1, day1, false},
		{"same instant, other offset", "2026-04-08T03:00:00+02:00", day1, false},
		{"earlier by its offset", "2026-04-08T01:00:00+02:00", "2026-04-08T00:30:00Z", false},
		{"later text, earlier instant", "2026-04-08T01:00:00Z", "2026-04-08T02:00:00+02:00", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := change.Compare(resolution(c.old, tenant(1, healthy, clean)), resolution(c.new, tenant(1, stale, clean)))
			require.NoError(t, err)
			assert.Equal(t, c.want, d.Reversed)
			assert.Equal(t, change.Worse, *d.Tenants[0].Direction, "the direction is OLD → NEW whatever the instants")
		})
	}
}

// TestIdenticalSnapshots: nothing changed, and Changed says so.
func TestIdenticalSnapshots(t *testing.T) {
	ts := []domain.TenantState{tenant(1, stale, weakened, failed(1)), invalid(2), tenant(3, healthy, clean, done(5))}
	d, err := change.Compare(resolution(day1, ts...), resolution(day1, ts...))
	require.NoError(t, err)
	assert.False(t, d.Changed())
	assert.Equal(t, change.Summary{Unchanged: 3}, *d.Summary)
	for _, tc := range d.Tenants {
		assert.Equal(t, change.Unchanged, tc.Change)
		assert.Equal(t, change.Same, *tc.Direction)
	}
}

// TestRejectedSide: a rejected side fails the diff, naming the side.
func TestRejectedSide(t *testing.T) {
	rejected := &domain.Resolution{Errors: snapshot.Problems{{Path: "generated_at", Message: "missing", Reach: snapshot.ReachSnapshot}}, Tenants: []domain.TenantState{}}
	ok := resolution(day1, tenant(1, healthy, clean))
	for _, c := range []struct {
		name     string
		old, new *domain.Resolution
		side     string
	}{
		{"old", rejected, ok, change.SideOld},
		{"new", ok, rejected, change.SideNew},
		{"both: old named first", rejected, rejected, change.SideOld},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := change.Compare(c.old, c.new)
			var rej *change.RejectedError
			require.ErrorAs(t, err, &rej)
			assert.Equal(t, c.side, rej.Side)
			assert.Equal(t, c.side+" snapshot rejected: generated_at: missing", err.Error())
			require.NotNil(t, d, "the sides are returned with their errors")
			assert.Nil(t, d.Summary)
		})
	}
}

// TestRecordErrorsDoNotFail: record errors on either side are listed per
// side.
func TestRecordErrorsDoNotFail(t *testing.T) {
	old := resolution(day1, invalid(1))
	old.Errors = snapshot.Problems{{Path: "restore_runs[0].status", TenantID: p(int64(1)), Message: "bad", Reach: snapshot.ReachTenant}}
	d, err := change.Compare(old, resolution(day2, tenant(1, healthy, unknown)))
	require.NoError(t, err)
	assert.Len(t, d.Old.Errors, 1)
	assert.NotNil(t, d.New.Errors)
	assert.Empty(t, d.New.Errors)
}

// TestSummaryCountsEveryTenant and Tenant finds one by id.
func TestSummaryCountsEveryTenant(t *testing.T) {
	old := resolution(day1, tenant(1, healthy, clean), tenant(2, stale, weakened, failed(1)), tenant(3, healthy, weakened, failed(1)),
		tenant(4, healthy, clean), tenant(5, healthy, clean))
	new := resolution(day2, tenant(1, healthy, clean), tenant(2, healthy, unknown), tenant(3, stale, clean, failed(1), done(2)),
		tenant(4, stale, clean), tenant(6, healthy, clean))
	d, err := change.Compare(old, new)
	require.NoError(t, err)
	assert.Equal(t, change.Summary{Added: 1, Removed: 1, Changed: 3, Unchanged: 1, Worse: 1, Better: 1, Mixed: 1}, *d.Summary)
	assert.True(t, d.Changed())
	require.NotNil(t, d.Tenant(4))
	assert.Equal(t, change.Worse, *d.Tenant(4).Direction)
	assert.Nil(t, d.Tenant(7))
}

// TestCompareCheckedIsCompare: resolving as it compares gives the diff of
// the resolutions.
func TestCompareCheckedIsCompare(t *testing.T) {
	for _, seed := range pairSeeds(t)[:20] {
		a, b := pairChecked(t, seed)
		want, err := change.Compare(domain.Resolve(a), domain.Resolve(b))
		require.NoError(t, err)
		got, err := change.CompareChecked(a, b)
		require.NoError(t, err)
		assert.Equal(t, want, got, "seed %d", seed)
	}
}
