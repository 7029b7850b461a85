package change_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/domain"
)

// forbidden are the claims of docs/rules.md §6 and the words change copy never
// uses (docs/history.md).
var forbidden = []string{"recovery verified", "verified recovery", "recovery proven", "fully recovered",
	"healthy", "compliant", "customer-safe", "customer safe", "recovered", "fixed", "resolved"}

// sides is every kind of side a tenant can have: absent, invalid, and each
// pair of states with and without a run.
func sides() []*domain.TenantState {
	out := []*domain.TenantState{nil, p(invalid(1))}
	for _, posture := range []string{healthy, degraded, stale, absent} {
		out = append(out, p(tenant(1, posture, unknown)))
		out = append(out, p(tenant(1, posture, weakened, failed(1))))
		out = append(out, p(tenant(1, posture, clean, failed(1), done(2))))
	}
	return out
}

// TestCopyNeverClaims: no sentence for any pair of sides says what change
// copy must never say.
func TestCopyNeverClaims(t *testing.T) {
	n := 0
	for _, old := range sides() {
		for _, new := range sides() {
			if old == nil && new == nil {
				continue
			}
			tc := compare(t, old, new)
			words := change.Describe(&tc)
			require.NotEmpty(t, words)
			for _, f := range forbidden {
				assert.NotContains(t, strings.ToLower(words), f)
			}
			n++
		}
	}
	for _, s := range []string{healthy, degraded, stale, absent} {
		for _, f := range forbidden {
			assert.NotContains(t, strings.ToLower(change.PostureWords(s)), f)
		}
	}
	for _, s := range []string{clean, unknown, weakened} {
		for _, f := range forbidden {
			assert.NotContains(t, strings.ToLower(change.OverviewWords(s)), f)
		}
	}
	assert.Equal(t, 14*14-1, n)
}

// TestDescribe: what each kind of change reads like.
func TestDescribe(t *testing.T) {
	cases := []struct {
		name     string
		old, new *domain.TenantState
		want     string
	}{
		{"weakened, now no recent issues visible, with its boundary",
			p(tenant(1, stale, weakened, failed(1))), p(tenant(1, stale, clean, failed(1), done(2))),
			"recovery evidence was weakened, now no recent issues visible; latest relevant restore run was #1, now #2 (completed); " +
				"no longer lists recovery weakened; restore run: 1 added " +
				"(no recent issues visible does not prove that a restore of the tenant would succeed)"},
		{"backup current again, with its boundary",
			p(tenant(1, stale, unknown)), p(tenant(1, healthy, unknown)),
			"backup was stale, now current; no longer lists backup stale " +
				"(backup health reflects backup inputs only and does not prove restore success)"},
		{"worse", p(tenant(1, healthy, clean, done(1))), p(tenant(1, degraded, weakened, done(1), failed(2))),
			"backup was current, now degraded; recovery evidence was no recent issues visible, now weakened; " +
				"latest relevant restore run was #1, now #2 (failed); needs attention for recovery weakened, backup degraded; restore run: 1 added"},
		{"a reason alone", p(tenant(1, degraded, unknown)), func() *domain.TenantState {
			s := tenant(1, degraded, unknown)
			s.BackupHealth.PrimaryReason = p(domain.ReasonLatestBackupPartial)
			return &s
		}(), "backup still degraded, reason was latest attempt failed, now latest backup partial"},
		{"a run's states alone", p(tenant(1, healthy, weakened, failed(1))), func() *domain.TenantState {
			s := tenant(1, healthy, weakened, failed(1))
			s.RestoreRuns[0].Result.PostRunEvidenceState = domain.ProofAvailable
			return &s
		}(), "restore run: 1 with changed states"},
		{"the latest run's attention alone", p(tenant(1, healthy, weakened, failed(1))), func() *domain.TenantState {
			s := tenant(1, healthy, weakened, failed(1))
			s.RecoveryEvidence.LatestRelevantAttentionState = p(domain.AttentionPartial)
			return &s
		}(), "latest relevant restore run #1 was failed, now partial"},
		{"nothing", p(tenant(1, healthy, unknown)), p(tenant(1, healthy, unknown)), "no compared state changed"},
		{"added", nil, p(tenant(1, stale, weakened, failed(1))), "only in the new snapshot: backup stale, recovery evidence weakened"},
		{"added invalid", nil, p(invalid(1)), "only in the new snapshot, with invalid records: nothing is derived from them"},
		{"removed", p(tenant(1, stale, unknown)), nil, "only in the old snapshot: nothing is known about it in the new one"},
		{"quarantined", p(tenant(1, stale, unknown)), p(invalid(1)),
			"records now invalid: nothing is derived from them (was backup stale, recovery evidence not yet known)"},
		{"back from quarantine", p(invalid(1)), p(tenant(1, absent, unknown)),
			"records were invalid, now valid: backup absent, recovery evidence not yet known"},
		{"invalid on both sides", p(invalid(1)), p(invalid(1)), "records invalid in both snapshots"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tc := compare(t, c.old, c.new)
			assert.Equal(t, c.want, change.Describe(&tc))
		})
	}
}

// TestWorstFirst: worse, mixed, removed, added, changed without a rank
// moving, better, unchanged; the more severe NEW first within each.
func TestWorstFirst(t *testing.T) {
	old := resolution(day1,
		tenant(1, healthy, unknown),             // unchanged
		tenant(2, stale, weakened, failed(1)),   // better
		tenant(3, healthy, clean, done(1)),      // worse, mild
		tenant(4, healthy, weakened, failed(1)), // mixed
		tenant(5, healthy, clean, done(1)),      // removed
		tenant(6, healthy, weakened, failed(1)), // same ranks, a new run
		tenant(7, healthy, clean, done(1)),      // worse, severe
		tenant(8, healthy, clean),               // worse: quarantined
	)
	new := resolution(day2,
		tenant(1, healthy, unknown),
		tenant(2, healthy, unknown),
		tenant(3, degraded, clean, done(1)),
		tenant(4, stale, clean, failed(1), done(2)),
		tenant(6, healthy, weakened, failed(1), failed(2)),
		tenant(7, absent, weakened, done(1), failed(2)),
		invalid(8),
		tenant(9, healthy, unknown), // added
	)
	d, err := change.Compare(old, new)
	require.NoError(t, err)
	var ids []int64
	for _, tc := range change.WorstFirst(d.Tenants) {
		ids = append(ids, tc.TenantID)
	}
	assert.Equal(t, []int64{8, 7, 3, 4, 5, 9, 6, 2, 1}, ids)
	assert.Equal(t, int64(1), d.Tenants[0].TenantID, "the diff itself stays in ascending id")
}

// TestDescribeHidingRestoreRecords: a viewer without restore.view reads no
// run id, run state or run count; what changed in the overview it still
// reads.
func TestDescribeHidingRestoreRecords(t *testing.T) {
	cases := []struct {
		name     string
		old, new *domain.TenantState
		want     string
	}{
		{"overview and runs", p(tenant(1, stale, weakened, failed(1))), p(tenant(1, stale, clean, failed(1), done(2))),
			"recovery evidence was weakened, now no recent issues visible; no longer lists recovery weakened " +
				"(no recent issues visible does not prove that a restore of the tenant would succeed)"},
		{"runs alone", p(tenant(1, healthy, weakened, failed(1))), p(tenant(1, healthy, weakened, failed(1), failed(2))),
			"restore records changed"},
		{"nothing", p(tenant(1, healthy, unknown)), p(tenant(1, healthy, unknown)), "no compared state changed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tc := compare(t, c.old, c.new)
			got := change.Describe(&tc, change.HideRestoreRecords)
			assert.Equal(t, c.want, got)
			assert.NotContains(t, got, "#")
		})
	}
}

// TestDescribeWithoutRows: a change built without its rows (decoded from
// JSON, say) still reads true.
func TestDescribeWithoutRows(t *testing.T) {
	for _, c := range []struct {
		name     string
		old, new *domain.TenantState
		want     string
	}{
		{"added", nil, p(tenant(1, stale, unknown)), "only in the new snapshot"},
		{"quarantined", p(tenant(1, stale, unknown)), p(invalid(1)), "records now invalid: nothing is derived from them"},
		{"back", p(invalid(1)), p(tenant(1, stale, unknown)), "records were invalid, now valid"},
		{"both valid", p(tenant(1, healthy, unknown)), p(tenant(1, stale, unknown)), "backup was current, now stale; needs attention for backup stale"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tc := compare(t, c.old, c.new)
			tc.OldRow, tc.NewRow = nil, nil
			assert.Equal(t, c.want, change.Describe(&tc))
		})
	}
}
