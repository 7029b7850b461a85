package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A snapshot whose viewer lacks a capability is published withheld: the
// app in the browser reads the tenant's withheld file (the visible records
// and the states precomputed) and shows the states the CLI derives from
// the whole snapshot.
func TestStaticSiteWithheldFilesInTheBrowser(t *testing.T) {
	chromium := browserTest(t)
	srv := startNginx(t, builtSite(t, "/"), "/")
	ctx := newBrowser(t, chromium)
	for _, name := range []string{"viewer-no-backup", "viewer-no-restore"} {
		res := golden(t, name)
		ts := res.Tenants[0]
		page := fmt.Sprintf("%ss/%s/tenants/%d", srv.URL, name, ts.TenantID)
		ps := visit(t, ctx, page)
		assert.Equal(t, string(ts.BackupHealth.Posture), ps.Backup, page)
		assert.Equal(t, string(ts.RecoveryEvidence.OverviewState), ps.Recovery, page)
		fetched := evalString(t, ctx, `performance.getEntriesByType("resource").map(e => e.name).join(" ")`)
		assert.Contains(t, fetched, fmt.Sprintf("snapshots/%s/tenants/%d.json", name, ts.TenantID), "the app read the tenant's withheld file")
		assert.NotContains(t, fetched, "snapshots/"+name+".json", "there is no whole file to read")
		if name == "viewer-no-backup" && len(ts.RestoreRuns) > 0 {
			r := ts.RestoreRuns[0]
			detail := visit(t, ctx, fmt.Sprintf("%s/restore-runs/%d", page, r.ID))
			assert.Equal(t, string(r.Result.State), detail.Result)
			assert.False(t, strings.Contains(detail.Text, "backup set #"), "no backup set named")
		}
	}
}
