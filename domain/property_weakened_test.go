package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
)

// A newer failed, partial or follow-up run always weakens the overview,
// whatever came before it: a clean older run never outweighs it (docs/rules.md §3).
func TestPropertyNewerBadRunWeakens(t *testing.T) {
	bad := []struct {
		attention domain.AttentionState
		run       map[string]any
	}{
		{domain.AttentionFailed, map[string]any{"status": "failed"}},
		{domain.AttentionPartial, map[string]any{"status": "partial"}},
		{domain.AttentionPartial, map[string]any{"status": "completed", "metadata": map[string]any{"counts": map[string]any{"total": 3, "applied": 2, "failed": 1}}}},
		{domain.AttentionCompletedWithFollowUp, map[string]any{"status": "completed", "results": map[string]any{
			"assignments": []any{map[string]any{"id": "asg-1", "name": "All devices", "outcome": "skipped"}}}}},
		{domain.AttentionCompletedWithFollowUp, map[string]any{"status": "completed", "metadata": map[string]any{
			"non_applied": []any{map[string]any{"id": "asg-1", "name": "All devices"}}}}},
	}
	for _, seed := range propertySeeds(t) {
		d := genDoc(t, seed)
		ids := d.tenantIDs()
		b := bad[int(seed)%len(bad)]
		tenant := ids[int(seed/7)%len(ids)]
		run := map[string]any{"id": d.nextID("restore_runs"), "tenant_id": tenant, "is_dry_run": false,
			// Completed at the snapshot's own instant, with the highest id:
			// the latest relevant run, whatever the tenant's history.
			"created_at": d.generatedAt(), "completed_at": d.generatedAt()}
		for k, v := range b.run {
			run[k] = v
		}
		d.add("restore_runs", run)
		_, res := resolveDoc(t, d)
		for _, ts := range res.Tenants {
			if ts.TenantID != tenant {
				continue
			}
			require.Equal(t, domain.DataValid, ts.DataStatus, seedName(seed))
			ev := ts.RecoveryEvidence
			assert.Equal(t, domain.OverviewWeakened, ev.OverviewState, "%s: a newer %s run", seedName(seed), b.attention)
			require.NotNil(t, ev.LatestRelevantRestoreRunID, seedName(seed))
			assert.Equal(t, run["id"], *ev.LatestRelevantRestoreRunID, seedName(seed))
			assert.Equal(t, b.attention, *ev.LatestRelevantAttentionState, seedName(seed))
		}
	}
}
