package domain_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Nothing is lost (docs/snapshot-format.md): every record of every collection is
// either part of a tenant's derived output or named in an error. "Part of the
// output", per collection, is what the output can show of it:
//   - a tenant is listed, once;
//   - a restore run of a valid tenant is in that tenant's restore_runs;
//   - a backup set of a valid tenant counts toward its backup health, which
//     therefore never reads no_backup_sets;
//   - an operation run or evidence snapshot belongs to a valid tenant whose
//     states were derived (they count only through that tenant's runs);
//   - any record of a quarantined tenant: the tenant is listed as invalid,
//     with an error that quarantines it.
//
// Otherwise an error must name the record: its path, or a member of it.
// Each generated portfolio gets faults of every reach but rejection: an
// orphan and a record that is not an object in each collection but tenants,
// and a bad backup set that quarantines one tenant.
func TestPropertyNothingLost(t *testing.T) {
	for _, seed := range propertySeeds(t) {
		d := genDoc(t, seed)
		quarantined := addFaults(d, seed)
		c, res := resolveDoc(t, d)
		require.Len(t, res.Tenants, len(d.tenantIDs()), seedName(seed))

		out := map[int64]domain.TenantState{}
		for _, ts := range res.Tenants {
			_, twice := out[ts.TenantID]
			assert.False(t, twice, "%s: tenant %d listed twice", seedName(seed), ts.TenantID)
			out[ts.TenantID] = ts
		}
		why := map[int64]bool{} // the tenants a problem quarantines
		for _, p := range c.Problems {
			if p.Reach == snapshot.ReachTenant && p.TenantID != nil {
				why[*p.TenantID] = true
			}
		}
		assert.Equal(t, domain.DataInvalid, out[quarantined].DataStatus, "%s: tenant %d has a bad backup set", seedName(seed), quarantined)
		for _, ts := range res.Tenants {
			if ts.DataStatus != domain.DataValid {
				assert.True(t, why[ts.TenantID], "%s: tenant %d invalid without an error that says why", seedName(seed), ts.TenantID)
			}
		}

		for _, coll := range []string{"tenants", "backup_sets", "restore_runs", "operation_runs", "evidence_snapshots"} {
			for i, rec := range d.records(coll) {
				path := fmt.Sprintf("%s[%d]", coll, i)
				if named(c.Problems, path) {
					continue
				}
				assert.True(t, inOutput(coll, rec, out, why), "%s: %s (%.120v) is in no tenant's output and named by no error",
					seedName(seed), path, rec)
			}
		}
	}
}

// addFaults adds to d a backup set with an unknown status for a tenant drawn
// by seed, which quarantines it; then, at the end of each collection but
// tenants, an orphan (a copy of the first record, of a tenant that does not
// exist) and a value that is not an object. It returns the quarantined tenant.
func addFaults(d snapDoc, seed uint64) int64 {
	ids := d.tenantIDs()
	victim := ids[rngFor(seed).IntN(len(ids))]
	d.add("backup_sets", map[string]any{"id": d.nextID("backup_sets"), "tenant_id": victim, "status": "complete"})
	for _, coll := range []string{"backup_sets", "restore_runs", "operation_runs", "evidence_snapshots"} {
		if rs := d.records(coll); len(rs) > 0 {
			o := map[string]any{}
			for k, v := range rs[0].(map[string]any) {
				o[k] = v
			}
			o["id"], o["tenant_id"] = d.nextID(coll), int64(999999)
			d.add(coll, o)
		}
		d[coll] = append(d.records(coll), "not a record") // last: nextID reads records
	}
	return victim
}

// named reports whether a problem names the record at path or a member of it.
func named(ps snapshot.Problems, path string) bool {
	for _, p := range ps {
		if p.Path == path || strings.HasPrefix(p.Path, path+".") {
			return true
		}
	}
	return false
}

// inOutput reports whether the record is part of its tenant's output, as
// TestPropertyNothingLost defines it; why holds the tenants an error
// quarantines.
func inOutput(coll string, rec any, out map[int64]domain.TenantState, why map[int64]bool) bool {
	if _, ok := rec.(map[string]any); !ok {
		return false // only an error can account for a value that is not a record
	}
	if coll == "tenants" {
		_, ok := out[intOf(rec, "id")]
		return ok
	}
	ts, ok := out[intOf(rec, "tenant_id")]
	switch {
	case !ok:
		return false
	case ts.DataStatus != domain.DataValid:
		return why[ts.TenantID]
	case ts.BackupHealth == nil || ts.RecoveryEvidence == nil:
		return false // a valid tenant whose states were not derived
	}
	switch coll {
	case "restore_runs":
		for _, r := range ts.RestoreRuns {
			if r.ID == intOf(rec, "id") {
				return true
			}
		}
		return false
	case "backup_sets":
		r := ts.BackupHealth.PrimaryReason
		return r == nil || *r != domain.ReasonNoBackupSets
	}
	return true // operation runs and evidence: their tenant's states were derived
}
