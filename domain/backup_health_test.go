package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Every row of docs/rules.md §1, first match wins.
func TestBackupHealth(t *testing.T) {
	tests := []struct {
		name    string
		snap    *built
		posture domain.Posture
		reason  domain.PostureReason // "" for null
		basedOn int64                // latest usable set, 0 for none
	}{
		{"absent: no backup set at all", newSnap(), domain.PostureAbsent, domain.ReasonNoBackupSets, 0},
		{"absent: sets exist, none usable", newSnap().set(10, snapshot.BackupFailed, hoursAgo(2)).set(11, snapshot.BackupRunning, nil).set(12, snapshot.BackupQueued, nil),
			domain.PostureAbsent, domain.ReasonNoUsableBackup, 0},
		{"stale: latest usable older than 24h", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(25)), domain.PostureStale, domain.ReasonLatestBackupStale, 10},
		{"stale wins over degraded (old partial set)", newSnap().set(10, snapshot.BackupPartial, hoursAgo(30)), domain.PostureStale, domain.ReasonLatestBackupStale, 10},
		{"stale wins over a later failed attempt", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(30)).set(11, snapshot.BackupFailed, hoursAgo(1)), domain.PostureStale, domain.ReasonLatestBackupStale, 10},
		{"exactly F hours old is not stale (> F)", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(24)), domain.PostureHealthy, "", 10},
		{"custom freshness: 30h old within 48h", newSnap().freshness(48).set(10, snapshot.BackupCompleted, hoursAgo(30)), domain.PostureHealthy, "", 10},
		{"custom freshness: 30h old outside 12h", newSnap().freshness(12).set(10, snapshot.BackupCompleted, hoursAgo(13)), domain.PostureStale, domain.ReasonLatestBackupStale, 10},
		{"degraded: latest finished attempt failed after latest usable", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(10)).set(11, snapshot.BackupFailed, hoursAgo(2)),
			domain.PostureDegraded, domain.ReasonLatestAttemptFailed, 10},
		{"an older failed attempt does not degrade", newSnap().set(10, snapshot.BackupFailed, hoursAgo(10)).set(11, snapshot.BackupCompleted, hoursAgo(2)), domain.PostureHealthy, "", 11},
		{"attempt failed wins over partial", newSnap().set(10, snapshot.BackupPartial, hoursAgo(10)).set(11, snapshot.BackupFailed, hoursAgo(2)), domain.PostureDegraded, domain.ReasonLatestAttemptFailed, 10},
		{"degraded: latest usable set partial", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(10)).set(11, snapshot.BackupPartial, hoursAgo(2)), domain.PostureDegraded, domain.ReasonLatestBackupPartial, 11},
		{"partial wins over failed items", newSnap().set(10, snapshot.BackupPartial, hoursAgo(2)).failedItems(3), domain.PostureDegraded, domain.ReasonLatestBackupPartial, 10},
		{"degraded: latest usable set has failed items", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(2)).failedItems(3), domain.PostureDegraded, domain.ReasonLatestHasFailed, 10},
		{"failed items on an older set do not count", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(5)).failedItems(3).set(11, snapshot.BackupCompleted, hoursAgo(2)), domain.PostureHealthy, "", 11},
		{"healthy: current, no failure, no failed items", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(2)).failedItems(0), domain.PostureHealthy, "", 10},
		{"in-flight sets are ignored", newSnap().set(10, snapshot.BackupCompleted, hoursAgo(2)).set(11, snapshot.BackupRunning, nil), domain.PostureHealthy, "", 10},
		{"tie on completed_at goes to the larger id", newSnap().set(11, snapshot.BackupPartial, hoursAgo(2)).set(10, snapshot.BackupCompleted, hoursAgo(2)), domain.PostureDegraded, domain.ReasonLatestBackupPartial, 11},
		{"instants, not strings: +02:00 offset is 24h19m old", newSnap().set(10, snapshot.BackupCompleted, atp("2026-04-08T01:00:00+02:00")), domain.PostureStale, domain.ReasonLatestBackupStale, 10},
		{"instants, not strings: later in Z than an earlier +02:00", newSnap().set(10, snapshot.BackupCompleted, atp("2026-04-09T00:30:00+02:00")).set(11, snapshot.BackupPartial, atp("2026-04-08T22:45:00Z")),
			domain.PostureDegraded, domain.ReasonLatestBackupPartial, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.snap.resolve(t).BackupHealth
			require.NotNil(t, h)
			assert.Equal(t, tt.posture, h.Posture)
			if tt.reason == "" {
				assert.Nil(t, h.PrimaryReason)
			} else if assert.NotNil(t, h.PrimaryReason) {
				assert.Equal(t, tt.reason, *h.PrimaryReason)
			}
			if tt.basedOn == 0 {
				assert.Nil(t, h.LatestUsableBackupSetID)
			} else if assert.NotNil(t, h.LatestUsableBackupSetID) {
				assert.Equal(t, tt.basedOn, *h.LatestUsableBackupSetID)
			}
			assert.Equal(t, tt.posture == domain.PostureHealthy, h.HealthyClaimAllowed, "healthy_claim_allowed only for healthy")
			assert.Equal(t, domain.PositiveClaimBoundary, h.PositiveClaimBoundary)
			assert.Equal(t, domain.Action{Label: "Open backup sets", URL: "tenants/1/backup-sets"}, h.PrimaryActionTarget)
			assert.NotEmpty(t, h.Headline)
			assert.NotEmpty(t, h.SupportingMessage)
			require.NotNil(t, h.Why)
			assert.Contains(t, h.Why.Rule, "rules.md §1")
			for _, s := range []string{h.Headline, h.SupportingMessage, h.Why.Text, h.Why.Rule} {
				phrase, found := domain.ContainsForbiddenClaim(s)
				assert.False(t, found, "%q contains %q", s, phrase)
			}
		})
	}
}

func TestBackupHealthWithoutBackupView(t *testing.T) {
	h := newSnap().viewer(snapshot.CapRestoreView).set(10, snapshot.BackupCompleted, hoursAgo(2)).resolve(t).BackupHealth
	require.NotNil(t, h)
	assert.True(t, h.PrimaryActionTarget.Disabled)
	assert.Empty(t, h.PrimaryActionTarget.URL)
	assert.Contains(t, h.PrimaryActionTarget.HelperText, "backup.view")
}
