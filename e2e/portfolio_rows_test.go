package e2e

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
)

// portfolioRow is one tenant row of a portfolio page, as its markers say.
type portfolioRow struct {
	ID, Backup, Overview string
	Quarantined          bool // the row holds the tenant-invalid marker
}

const readPortfolioRows = `JSON.stringify([...document.querySelectorAll('[data-testid="tenant-row"]')].map(r => ({
	ID: r.dataset.tenantId ?? "", Backup: r.dataset.backupPosture ?? "", Overview: r.dataset.overviewState ?? "",
	Quarantined: !!r.querySelector('[data-testid="tenant-invalid"]')})))`

// derivedStates are every state the resolver derives for a tenant's row. A
// quarantined tenant has none (rules: nothing derived), so its row may carry
// none of them.
var derivedStates = func() []string {
	var out []string
	for _, p := range domain.Postures {
		out = append(out, string(p))
	}
	for _, o := range domain.OverviewStates {
		out = append(out, string(o))
	}
	return out
}()

// rowsAgreeWithCLI checks the portfolio page open in ctx against res, the
// CLI's resolve output: one row per tenant, each with the backup posture
// and overview state resolve gives; a quarantined tenant's row marked as
// such and with no derived state. where names the page in messages.
func rowsAgreeWithCLI(t *testing.T, ctx context.Context, res domain.Resolution, where string) {
	t.Helper()
	var rows []portfolioRow
	require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, readPortfolioRows)), &rows), where)
	got := map[string]portfolioRow{}
	for _, r := range rows {
		assert.NotContains(t, got, r.ID, "%s: tenant %s has two rows", where, r.ID)
		got[r.ID] = r
	}
	assert.Len(t, rows, len(res.Tenants), "%s: one row per tenant", where)
	for _, ts := range res.Tenants {
		id := tenantID(ts)
		r, ok := got[id]
		if !assert.True(t, ok, "%s: no row for tenant %s", where, id) {
			continue
		}
		if ts.DataStatus != domain.DataValid {
			assert.True(t, r.Quarantined, "%s: tenant %s is quarantined: its row says so", where, id)
			for _, marker := range []string{r.Backup, r.Overview} {
				assert.NotEmpty(t, marker, "%s: tenant %s: the row carries a marker", where, id)
				assert.NotContains(t, derivedStates, marker, "%s: tenant %s is quarantined: nothing is derived", where, id)
			}
			continue
		}
		require.NotNil(t, ts.BackupHealth, "%s: tenant %s", where, id)
		require.NotNil(t, ts.RecoveryEvidence, "%s: tenant %s", where, id)
		assert.Equal(t, string(ts.BackupHealth.Posture), r.Backup, "%s: tenant %s: data-backup-posture", where, id)
		assert.Equal(t, string(ts.RecoveryEvidence.OverviewState), r.Overview, "%s: tenant %s: data-overview-state", where, id)
		assert.False(t, r.Quarantined, "%s: tenant %s is valid", where, id)
	}
}

// tenantID is a tenant's id as the page's data-tenant-id writes it.
func tenantID(ts domain.TenantState) string { return strconv.FormatInt(ts.TenantID, 10) }
