package domain_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
)

// Adding dry runs and runs that never executed (pre-execution statuses) never
// changes a tenant's backup health, recovery evidence or Needs Attention,
// however recent they are: a preview is not an execution.
func TestPropertyPreviewsChangeNoOverview(t *testing.T) {
	statuses := []string{"draft", "scoped", "checked", "previewed"}
	for _, seed := range propertySeeds(t) {
		d := genDoc(t, seed)
		_, before := resolveDoc(t, d)
		rng := rngFor(seed)
		now, err := time.Parse(time.RFC3339, d.generatedAt())
		require.NoError(t, err)
		ids := d.tenantIDs()
		for k := 0; k < 1+rng.IntN(4); k++ {
			at := now.Add(-time.Duration(rng.IntN(3600)) * time.Second).UTC().Format(time.RFC3339)
			run := map[string]any{"id": d.nextID("restore_runs"), "tenant_id": ids[rng.IntN(len(ids))], "created_at": at}
			if rng.IntN(2) == 0 {
				// A dry run, whatever its status says, even "completed".
				run["is_dry_run"], run["status"], run["completed_at"] = true, "completed", at
			} else {
				run["is_dry_run"], run["status"] = false, statuses[rng.IntN(len(statuses))]
			}
			d.add("restore_runs", run)
		}
		_, after := resolveDoc(t, d)
		require.Len(t, after.Tenants, len(before.Tenants))
		for i, b := range before.Tenants {
			a := after.Tenants[i]
			assert.Equal(t, overview(t, b), overview(t, a), "%s tenant %d", seedName(seed), b.TenantID)
		}
	}
}

// overview is what a tenant's dashboard says, without its run list and the
// recovery explanation (which counts the runs it looked at).
func overview(t *testing.T, ts domain.TenantState) string {
	t.Helper()
	ts.RestoreRuns = nil
	if ts.RecoveryEvidence != nil {
		ev := *ts.RecoveryEvidence
		ev.Why = nil
		ts.RecoveryEvidence = &ev
	}
	b, err := json.Marshal(ts)
	require.NoError(t, err)
	return recordIndex.ReplaceAllString(string(b), "$1[]")
}
