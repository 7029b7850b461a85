package domain_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
)

// No text we produce makes a rules.md §6 claim, and every
// no_recent_issues_visible carries its claim boundary.
func TestPropertyNoForbiddenClaims(t *testing.T) {
	for _, seed := range propertySeeds(t) {
		_, res := resolveDoc(t, genDoc(t, seed))
		for _, ts := range res.Tenants {
			ts.Name = "" // snapshot data, shown as given
			walkStrings(reflect.ValueOf(ts), func(s string) {
				phrase, found := domain.ContainsForbiddenClaim(s)
				assert.False(t, found, "%s: %q claims %q", seedName(seed), s, phrase)
			})
			if ev := ts.RecoveryEvidence; ev != nil && ev.OverviewState == domain.OverviewNoRecentIssuesVisible {
				assert.NotEmpty(t, ev.ClaimBoundary, "%s tenant %d", seedName(seed), ts.TenantID)
			}
			for _, r := range ts.RestoreRuns {
				assert.NotEmpty(t, r.Attention.RecoveryClaimBoundary, "%s run %d", seedName(seed), r.ID)
			}
		}
	}
}

// Nothing is lost: every tenant is in the output; every restore run of a
// valid tenant is there; a record that names no tenant is named by an error
// of its own path; and every quarantined tenant has an error that says why.
func TestPropertyNothingLost(t *testing.T) {
	for _, seed := range propertySeeds(t) {
		d := genDoc(t, seed)
		// Orphans in every collection but tenants: records of a tenant 999999
		// that does not exist.
		orphans := map[string]bool{}
		for _, coll := range []string{"backup_sets", "restore_runs", "operation_runs", "evidence_snapshots"} {
			rs := d.records(coll)
			if len(rs) == 0 {
				continue
			}
			o := map[string]any{}
			for k, v := range rs[0].(map[string]any) {
				o[k] = v
			}
			o["id"], o["tenant_id"] = d.nextID(coll), int64(999999)
			d.add(coll, o)
			orphans[fmt.Sprintf("%s[%d]", coll, len(d.records(coll))-1)] = true
		}
		c, res := resolveDoc(t, d)
		require.Len(t, res.Tenants, len(d.tenantIDs()), seedName(seed))

		runs := map[int64]int{}
		for _, r := range d.records("restore_runs") {
			runs[intOf(r, "tenant_id")]++
		}
		named, quarantinedWhy := map[string]bool{}, map[int64]bool{}
		for _, p := range c.Problems {
			named[p.Path] = true
			if p.Reach == domain.ReachTenant && p.TenantID != nil {
				quarantinedWhy[*p.TenantID] = true
			}
		}
		for _, ts := range res.Tenants {
			if ts.DataStatus == domain.DataValid {
				assert.Len(t, ts.RestoreRuns, runs[ts.TenantID], "%s tenant %d", seedName(seed), ts.TenantID)
			} else {
				assert.True(t, quarantinedWhy[ts.TenantID], "%s: tenant %d invalid without a reason", seedName(seed), ts.TenantID)
			}
		}
		for path := range orphans {
			found := false
			for p := range named {
				if p == path || len(p) > len(path) && p[:len(path)+1] == path+"." {
					found = true
				}
			}
			assert.True(t, found, "%s: orphan %s named by no error (%v)", seedName(seed), path, c.Problems)
		}
	}
}
