package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// docs/rules.md §3: only the latest relevant run decides.
func TestRecoveryEvidence(t *testing.T) {
	R, F := snapshot.RestoreCompleted, snapshot.RestoreFailed
	tests := []struct {
		name      string
		snap      *built
		state     domain.OverviewState
		latest    int64 // 0: none
		attention domain.AttentionState
		url       string
	}{
		{"no runs", newSnap(), domain.OverviewUnvalidated, 0, "", "tenants/1/restore-runs?recovery_posture_reason=no_history"},
		{"only a dry run, a draft and a running run", newSnap().run(1, R, dry).run(2, snapshot.RestoreDraft, notCompleted).run(3, snapshot.RestoreRunning, notCompleted),
			domain.OverviewUnvalidated, 0, "", "tenants/1/restore-runs?recovery_posture_reason=no_history"},
		{"a cancelled run that applied nothing is not relevant", newSnap().run(1, snapshot.RestoreCancelled), domain.OverviewUnvalidated, 0, "", "tenants/1/restore-runs?recovery_posture_reason=no_history"},
		{"latest failed", newSnap().run(1, F), domain.OverviewWeakened, 1, domain.AttentionFailed, "tenants/1/restore-runs/1"},
		{"latest partial", newSnap().run(1, snapshot.RestorePartial), domain.OverviewWeakened, 1, domain.AttentionPartial, "tenants/1/restore-runs/1"},
		{"latest needs follow-up", newSnap().run(1, R, nonApplied(1)), domain.OverviewWeakened, 1, domain.AttentionCompletedWithFollowUp, "tenants/1/restore-runs/1"},
		{"latest completed", newSnap().run(1, R), domain.OverviewNoRecentIssuesVisible, 1, domain.AttentionCompleted, "tenants/1/restore-runs?recovery_posture_reason=no_recent_issues_visible"},
		{"an older failure does not weaken a newer clean run", newSnap().run(1, F, completedHoursAgo(30)).run(2, R, completedHoursAgo(3)),
			domain.OverviewNoRecentIssuesVisible, 2, domain.AttentionCompleted, "tenants/1/restore-runs?recovery_posture_reason=no_recent_issues_visible"},
		{"a newer failure weakens an older clean run", newSnap().run(1, R, completedHoursAgo(30)).run(2, F, completedHoursAgo(3)), domain.OverviewWeakened, 2, domain.AttentionFailed, "tenants/1/restore-runs/2"},
		{"latest by time, not by id", newSnap().run(9, F, completedHoursAgo(3)).run(10, R, completedHoursAgo(30)), domain.OverviewWeakened, 9, domain.AttentionFailed, "tenants/1/restore-runs/9"},
		{"a newer dry run does not hide an older partial run", newSnap().run(1, snapshot.RestorePartial, completedHoursAgo(30)).run(2, R, dry, completedHoursAgo(1)),
			domain.OverviewWeakened, 1, domain.AttentionPartial, "tenants/1/restore-runs/1"},
		{"a newer in-flight run does not hide an older clean run", newSnap().run(1, R, completedHoursAgo(30)).run(2, snapshot.RestoreQueued, notCompleted),
			domain.OverviewNoRecentIssuesVisible, 1, domain.AttentionCompleted, "tenants/1/restore-runs?recovery_posture_reason=no_recent_issues_visible"},
		{"completed_at null falls back to created_at", newSnap().run(1, R, completedHoursAgo(5)).run(2, F, func(r *snapshot.RestoreRun) { r.CompletedAt = nil; r.CreatedAt = *hoursAgo(1) }),
			domain.OverviewWeakened, 2, domain.AttentionFailed, "tenants/1/restore-runs/2"},
		{"ties go to the larger id", newSnap().run(2, R, completedHoursAgo(3)).run(1, F, completedHoursAgo(3)), domain.OverviewNoRecentIssuesVisible, 2, domain.AttentionCompleted,
			"tenants/1/restore-runs?recovery_posture_reason=no_recent_issues_visible"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := tt.snap.resolve(t).RecoveryEvidence
			require.NotNil(t, ev)
			assert.Equal(t, tt.state, ev.OverviewState)
			assert.Equal(t, tt.latest != 0, ev.RelevantRestoreHistoryPresent)
			if tt.latest == 0 {
				assert.Nil(t, ev.LatestRelevantRestoreRunID)
				assert.Nil(t, ev.LatestRelevantAttentionState)
			} else if assert.NotNil(t, ev.LatestRelevantRestoreRunID) && assert.NotNil(t, ev.LatestRelevantAttentionState) {
				assert.Equal(t, tt.latest, *ev.LatestRelevantRestoreRunID)
				assert.Equal(t, tt.attention, *ev.LatestRelevantAttentionState)
			}
			assert.Equal(t, tt.url, ev.Action.URL)
			assert.False(t, ev.Action.Disabled)
			assert.NotEmpty(t, ev.Action.Label)
			assert.NotEmpty(t, ev.Headline)
			assert.NotEmpty(t, ev.Summary)
			assert.NotEmpty(t, ev.ClaimBoundary, "claim_boundary is never empty")
			if ev.OverviewState == domain.OverviewNoRecentIssuesVisible {
				assert.Contains(t, ev.ClaimBoundary, "does not prove the tenant can be recovered")
			}
			require.NotNil(t, ev.Why)
			assert.Equal(t, "rules.md §3 "+string(ev.OverviewState), ev.Why.Rule)
		})
	}
}

func TestRecoveryEvidenceDoesNotDependOnBackupHealth(t *testing.T) {
	for _, b := range []*built{newSnap(), newSnap().set(10, snapshot.BackupCompleted, hoursAgo(1)), newSnap().set(10, snapshot.BackupFailed, hoursAgo(1))} {
		ts := b.run(1, snapshot.RestoreCompleted).resolve(t)
		assert.Equal(t, domain.OverviewNoRecentIssuesVisible, ts.RecoveryEvidence.OverviewState)
		assert.Equal(t, ts.BackupHealth.Posture, ts.RecoveryEvidence.BackupPosture)
	}
}

func TestWeakenedWhy(t *testing.T) {
	ts := newSnap().run(100, snapshot.RestoreCompleted, assignments(snapshot.OutcomeFailed), func(r *snapshot.RestoreRun) { r.CompletedAt = atp("2026-04-08T23:06:00Z") }).resolve(t)
	assert.Equal(t, "weakened: run #100 is the latest relevant run, completed 2026-04-08 23:06 UTC; attention partial because 1 assignment failed", ts.RecoveryEvidence.Why.Text)
	assert.Equal(t, []string{"restore_runs[0]"}, ts.RecoveryEvidence.Why.Records)
}

// Needs Attention: weakened first, then an absent, stale or degraded backup;
// unvalidated stays on the recovery card.
func TestNeedsAttention(t *testing.T) {
	tests := []struct {
		name string
		snap *built
		want []domain.AttentionItem
	}{
		{"nothing: current backup, clean run", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(1)).run(1, snapshot.RestoreCompleted), nil},
		{"unvalidated is not listed", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(1)), nil},
		{"absent", newSnap(), []domain.AttentionItem{{Kind: domain.KindBackupAbsent, URL: "tenants/1/backup-sets"}}},
		{"stale", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(30)), []domain.AttentionItem{{Kind: domain.KindBackupStale, URL: "tenants/1/backup-sets"}}},
		{"degraded", newSnap().set(10, snapshot.BackupPartial, hoursAgo(1)), []domain.AttentionItem{{Kind: domain.KindBackupDegraded, URL: "tenants/1/backup-sets"}}},
		{"weakened first, then backup", newSnap().run(7, snapshot.RestoreFailed), []domain.AttentionItem{
			{Kind: domain.KindRecoveryWeakened, URL: "tenants/1/restore-runs/7"}, {Kind: domain.KindBackupAbsent, URL: "tenants/1/backup-sets"}}},
		{"without access, entries are disabled with helper text", newSnap().viewer().run(7, snapshot.RestoreFailed), []domain.AttentionItem{
			{Kind: domain.KindRecoveryWeakened, Disabled: true}, {Kind: domain.KindBackupAbsent, Disabled: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.snap.resolve(t).NeedsAttention
			require.NotNil(t, got, "an empty list, never null")
			require.Len(t, got, len(tt.want))
			for i, w := range tt.want {
				assert.Equal(t, w.Kind, got[i].Kind)
				assert.Equal(t, w.URL, got[i].URL)
				assert.Equal(t, w.Disabled, got[i].Disabled)
				assert.NotEmpty(t, got[i].Headline)
				assert.Equal(t, w.Disabled, got[i].HelperText != "")
			}
		})
	}
}

func TestRecoveryActionWithoutRestoreView(t *testing.T) {
	ev := newSnap().viewer(snapshot.CapBackupView).run(1, snapshot.RestoreFailed).resolve(t).RecoveryEvidence
	assert.True(t, ev.Action.Disabled)
	assert.Empty(t, ev.Action.URL)
	assert.Contains(t, ev.Action.HelperText, "restore.view")
}
