package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Tenant isolation: changing, adding or removing another tenant's records
// never changes a tenant's output, and evidence that names another tenant, or
// an operation that is not the run's, never counts.
func TestPropertyTenantIsolation(t *testing.T) {
	for _, seed := range propertySeeds(t) {
		d := genDoc(t, seed)
		_, before := resolveDoc(t, d)
		ids := d.tenantIDs()
		rng := rngFor(seed)
		victim := ids[rng.IntN(len(ids))] // whose records change
		changed := d.clone(t)

		// The victim's runs all fail, its backups vanish, and it gains a run.
		for _, r := range changed.records("restore_runs") {
			if intOf(r, "tenant_id") == victim {
				r.(map[string]any)["status"] = "failed"
			}
		}
		keep := []any{}
		for _, b := range changed.records("backup_sets") {
			if intOf(b, "tenant_id") != victim {
				keep = append(keep, b)
			}
		}
		changed["backup_sets"] = keep
		for _, r := range changed.records("restore_runs") {
			if intOf(r, "tenant_id") == victim {
				if rec := r.(map[string]any); rec["backup_set_id"] != nil {
					rec["backup_set_id"] = nil // its backup sets are gone
				}
			}
		}
		changed.add("restore_runs", map[string]any{"id": changed.nextID("restore_runs"), "tenant_id": victim,
			"status": "partial", "is_dry_run": false, "created_at": d.generatedAt(), "completed_at": d.generatedAt()})

		// Evidence of the victim that names another tenant's operation: a
		// cross-tenant reference, which can only ever hurt the victim.
		for _, op := range changed.records("operation_runs") {
			if other := intOf(op, "tenant_id"); other != victim {
				changed.add("evidence_snapshots", map[string]any{"id": changed.nextID("evidence_snapshots"), "tenant_id": victim,
					"operation_run_id": intOf(op, "id"), "status": "active", "captured_at": d.generatedAt(), "expires_at": nil})
				break
			}
		}

		c, after := resolveDoc(t, changed)
		want, got := tenantJSON(t, before), tenantJSON(t, after)
		assert.NotEqual(t, want[victim], got[victim], "%s: the change reached tenant %d", seedName(seed), victim)
		for _, id := range ids {
			if id == victim {
				continue
			}
			assert.Equal(t, want[id], got[id], "%s: tenant %d changed when tenant %d's records did", seedName(seed), id, victim)
			assert.False(t, c.Quarantined[id], "%s: tenant %d quarantined by tenant %d's records", seedName(seed), id, victim)
		}
	}
}

// Evidence of another operation of the same tenant never counts for a run:
// evidence is looked up by the run's own operation only.
func TestPropertyEvidenceOfAnotherOperationDoesNotCount(t *testing.T) {
	for _, seed := range propertySeeds(t) {
		d := genDoc(t, seed)
		_, before := resolveDoc(t, d)
		// An operation no run points to, of each tenant, with fresh evidence.
		for _, id := range d.tenantIDs() {
			op := d.nextID("operation_runs")
			d.add("operation_runs", map[string]any{"id": op, "tenant_id": id, "type": "restore.execute", "status": "completed",
				"outcome": "succeeded", "started_at": d.generatedAt(), "completed_at": d.generatedAt()})
			d.add("evidence_snapshots", map[string]any{"id": d.nextID("evidence_snapshots"), "tenant_id": id,
				"operation_run_id": op, "status": "active", "captured_at": d.generatedAt(), "expires_at": nil})
		}
		_, after := resolveDoc(t, d)
		assert.Equal(t, tenantJSON(t, before), tenantJSON(t, after), seedName(seed))
	}
}
