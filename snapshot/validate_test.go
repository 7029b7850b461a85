package snapshot_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// doc is a snapshot under construction: two valid tenants (1 Contoso, 2
// Fabrikam), each with a backup set, a restore run, an operation run and an
// evidence snapshot. A case changes one thing. encoding/json writes members in
// sorted order, so tenants come last and tenant_id after status: records must
// find their tenant whatever the order.
type doc map[string]any

type rec = map[string]any

// raw is a value written as is, for values Go would not marshal (huge numbers).
func raw(s string) json.RawMessage { return json.RawMessage(s) }

func validDoc() doc {
	return doc{
		"schema_version": 1,
		"generated_at":   "2026-04-09T01:19:36+02:00",
		"tenants": []rec{
			{"id": 1, "name": "Contoso Ltd"},
			{"id": 2, "name": "Fabrikam Inc.", "backup_freshness_hours": 48},
		},
		"backup_sets": []rec{
			{"id": 10, "tenant_id": 1, "name": "Nightly", "status": "completed", "completed_at": "2026-04-08T22:04:10Z", "item_count": 412, "failed_item_count": 0},
			{"id": 20, "tenant_id": 2, "name": "Nightly", "status": "completed", "completed_at": "2026-04-08T21:58:00Z"},
		},
		"restore_runs": []rec{
			{"id": 100, "tenant_id": 1, "backup_set_id": 10, "status": "completed", "is_dry_run": false,
				"created_at": "2026-04-08T23:00:00Z", "completed_at": "2026-04-08T23:06:00Z", "operation_run_id": 500,
				"results": rec{"items": []rec{{"id": "cfg-1", "name": "Windows baseline", "type": "deviceConfiguration", "outcome": "applied"}},
					"assignments": []rec{{"id": "asg-1", "name": "All devices", "outcome": "skipped", "message": "Group not found"}}},
				"metadata": rec{"counts": rec{"total": 2, "applied": 1, "skipped": 1},
					"non_applied": []rec{{"id": "asg-1", "name": "All devices", "reason": "Group not found"}}, "scope_basis": "selected_items"}},
			{"id": 200, "tenant_id": 2, "backup_set_id": 20, "status": "completed", "is_dry_run": false,
				"created_at": "2026-04-08T22:00:00Z", "completed_at": "2026-04-08T22:06:00Z", "operation_run_id": 600},
		},
		"operation_runs": []rec{
			{"id": 500, "tenant_id": 1, "type": "restore.execute", "status": "completed", "outcome": "succeeded",
				"started_at": "2026-04-08T23:00:05Z", "completed_at": "2026-04-08T23:06:00Z"},
			{"id": 600, "tenant_id": 2, "type": "restore.execute", "status": "completed", "outcome": "succeeded"},
		},
		"evidence_snapshots": []rec{
			{"id": 900, "tenant_id": 1, "operation_run_id": 500, "status": "active", "captured_at": "2026-04-08T23:10:00Z", "expires_at": nil},
			{"id": 901, "tenant_id": 2, "operation_run_id": 600, "status": "active", "captured_at": "2026-04-08T22:10:00Z"},
		},
	}
}

// record returns the i-th record of a collection.
func (d doc) record(coll string, i int) rec { return d[coll].([]rec)[i] }

func (d doc) set(coll string, i int, member string, v any) doc {
	d.record(coll, i)[member] = v
	return d
}

func (d doc) del(coll string, i int, member string) doc {
	delete(d.record(coll, i), member)
	return d
}

func (d doc) add(coll string, r rec) doc {
	d[coll] = append(d[coll].([]rec), r)
	return d
}

// addRaw appends a value that is not a record (the collection becomes []any).
func (d doc) addRaw(coll string, v any) doc {
	var out []any
	for _, r := range d[coll].([]rec) {
		out = append(out, r)
	}
	d[coll] = append(out, v)
	return d
}

func (d doc) check(t *testing.T) *snapshot.Checked {
	t.Helper()
	b, err := json.Marshal(map[string]any(d))
	require.NoError(t, err)
	return snapshot.Check(bytes.NewReader(b), snapshot.Limits{})
}

// line renders a problem as "PATH CODE REACH TENANT" (TENANT "-" for none).
func line(p snapshot.Problem) string {
	tenant := "-"
	if p.TenantID != nil {
		tenant = fmt.Sprint(*p.TenantID)
	}
	return strings.Join([]string{p.Path, p.Code, string(p.Reach), tenant}, " ")
}

func lines(ps snapshot.Problems) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, line(p))
	}
	return out
}

func TestValidDocHasNoProblems(t *testing.T) {
	c := validDoc().check(t)
	require.NotNil(t, c.Snapshot, "%v", c.Problems)
	assert.Empty(t, c.Problems)
	assert.Empty(t, c.Quarantined)
	assert.Equal(t, int64(24), c.Snapshot.Tenants[0].FreshnessHours, "default")
	assert.Equal(t, int64(48), c.Snapshot.Tenants[1].FreshnessHours)
}

// TestRecordErrors: every kind of error inside a record, with its path, code,
// reach and tenant. Tenant 2 is never touched, so it is never quarantined.
func TestRecordErrors(t *testing.T) {
	const (
		q1 = " tenant_quarantined 1"
		q2 = " tenant_quarantined 2"
		or = " record_orphaned -"
	)
	orphan := rec{"id": 30, "tenant_id": 7, "status": "completed", "completed_at": "2026-04-08T22:04:10Z"}
	tests := []struct {
		name string
		doc  doc
		want []string
		msg  string // a part of the first problem's message
	}{
		{"restore status not in the enum", validDoc().set("restore_runs", 0, "status", "complete"),
			[]string{"restore_runs[0].status unknown_value" + q1},
			`unknown status "complete"; expected one of draft, scoped, checked, previewed, queued, running, completed, partial, completed_with_errors, failed, cancelled`},
		{"backup status not in the enum", validDoc().set("backup_sets", 0, "status", "done"),
			[]string{"backup_sets[0].status unknown_value" + q1}, "expected one of queued, running, completed, partial, failed"},
		{"operation outcome not in the enum", validDoc().set("operation_runs", 0, "outcome", "ok"),
			[]string{"operation_runs[0].outcome unknown_value" + q1}, "expected one of pending, succeeded"},
		{"evidence status not in the enum", validDoc().set("evidence_snapshots", 0, "status", "current"),
			[]string{"evidence_snapshots[0].status unknown_value" + q1}, "expected one of pending, active, superseded, expired, failed"},
		{"result entry outcome not in the enum", validDoc().set("restore_runs", 0, "results", rec{"items": []rec{{"id": "a", "name": "b", "outcome": "done"}}}),
			[]string{"restore_runs[0].results.items[0].outcome unknown_value" + q1}, `unknown outcome "done"`},
		{"an enum value is case-sensitive", validDoc().set("restore_runs", 0, "status", "Completed"),
			[]string{"restore_runs[0].status unknown_value" + q1}, ""},

		{"unknown member is_dryrun", validDoc().set("restore_runs", 0, "is_dryrun", true),
			[]string{"restore_runs[0].is_dryrun unknown_member" + q1}, `unknown member "is_dryrun"`},
		{"unknown member in counts", validDoc().set("restore_runs", 0, "metadata", rec{"counts": rec{"totl": 2}}),
			[]string{"restore_runs[0].metadata.counts.totl unknown_member" + q1}, ""},
		{"unknown member in a result entry", validDoc().set("restore_runs", 0, "results", rec{"items": []rec{{"id": "a", "name": "b", "outcome": "applied", "note": "x"}}}),
			[]string{"restore_runs[0].results.items[0].note unknown_member" + q1}, ""},
		{"unknown results kind", validDoc().set("restore_runs", 0, "results", rec{"policies": []rec{}}),
			[]string{"restore_runs[0].results.policies unknown_member" + q1}, ""},

		{"id as string", validDoc().set("restore_runs", 0, "id", "100"),
			[]string{"restore_runs[0].id wrong_type" + q1}, `not a string ("100")`},
		{"count as string", validDoc().set("backup_sets", 0, "item_count", "412"),
			[]string{"backup_sets[0].item_count wrong_type" + q1}, ""},
		{"fractional id", validDoc().set("evidence_snapshots", 0, "id", raw("900.5")),
			[]string{"evidence_snapshots[0].id wrong_type" + q1}, ""},
		{"integer with an exponent", validDoc().set("evidence_snapshots", 0, "id", raw("9e2")),
			[]string{"evidence_snapshots[0].id wrong_type" + q1}, "without a fraction or exponent"},
		{"an unreadable id leaves its referrers without a target", validDoc().set("operation_runs", 1, "id", "600"),
			[]string{"evidence_snapshots[1].operation_run_id missing_reference" + q2, "operation_runs[1].id wrong_type" + q2, "restore_runs[1].operation_run_id missing_reference" + q2}, ""},
		{"huge number", validDoc().set("backup_sets", 0, "item_count", raw("123456789012345678901234567890")),
			[]string{"backup_sets[0].item_count out_of_range" + q1}, "too large"},
		{"boolean as string", validDoc().set("restore_runs", 0, "is_dry_run", "false"),
			[]string{"restore_runs[0].is_dry_run wrong_type" + q1}, ""},
		{"string as number", validDoc().set("operation_runs", 0, "type", 7),
			[]string{"operation_runs[0].type wrong_type" + q1}, "must be a string, not a number"},
		{"results not an object", validDoc().set("restore_runs", 0, "results", []rec{}),
			[]string{"restore_runs[0].results wrong_type" + q1}, ""},
		{"result entry not an object", validDoc().set("restore_runs", 0, "results", rec{"items": []any{"cfg-1"}}),
			[]string{"restore_runs[0].results.items[0] wrong_type" + q1}, ""},

		{"negative count", validDoc().set("backup_sets", 0, "failed_item_count", -1),
			[]string{"backup_sets[0].failed_item_count out_of_range" + q1}, "negative"},
		{"negative metadata count", validDoc().set("restore_runs", 0, "metadata", rec{"counts": rec{"total": -2}}),
			[]string{"restore_runs[0].metadata.counts.total out_of_range" + q1}, ""},
		{"id zero", validDoc().set("backup_sets", 0, "id", 0),
			// The run's reference to backup set 10 now names nothing.
			[]string{"backup_sets[0].id out_of_range" + q1, "restore_runs[0].backup_set_id missing_reference" + q1}, "1 or more"},

		{"null where not nullable", validDoc().set("restore_runs", 0, "is_dry_run", nil),
			[]string{"restore_runs[0].is_dry_run null_not_allowed" + q1}, ""},
		{"null status", validDoc().set("operation_runs", 0, "status", nil),
			[]string{"operation_runs[0].status null_not_allowed" + q1}, ""},
		{"null name of a backup set", validDoc().set("backup_sets", 0, "name", nil),
			[]string{"backup_sets[0].name null_not_allowed" + q1}, ""},
		{"null results", validDoc().set("restore_runs", 0, "results", nil),
			[]string{"restore_runs[0].results null_not_allowed" + q1}, ""},
		{"null results.items", validDoc().set("restore_runs", 0, "results", rec{"items": nil}),
			[]string{"restore_runs[0].results.items null_not_allowed" + q1}, ""},
		{"null created_at", validDoc().set("restore_runs", 0, "created_at", nil),
			[]string{"restore_runs[0].created_at null_not_allowed" + q1}, ""},
		{"null evidence operation_run_id", validDoc().set("evidence_snapshots", 0, "operation_run_id", nil),
			[]string{"evidence_snapshots[0].operation_run_id null_not_allowed" + q1}, ""},
		{"nullable members may be null", validDoc().set("restore_runs", 0, "backup_set_id", nil).set("restore_runs", 0, "operation_run_id", nil).
			set("restore_runs", 0, "completed_at", nil).set("operation_runs", 0, "started_at", nil).set("backup_sets", 1, "started_at", nil),
			[]string{}, ""},

		{"missing created_at", validDoc().del("restore_runs", 0, "created_at"),
			[]string{"restore_runs[0].created_at missing" + q1}, `required member "created_at" is missing`},
		{"missing is_dry_run", validDoc().del("restore_runs", 0, "is_dry_run"),
			[]string{"restore_runs[0].is_dry_run missing" + q1}, ""},
		{"missing status", validDoc().del("backup_sets", 0, "status"),
			[]string{"backup_sets[0].status missing" + q1}, ""},
		{"missing operation type", validDoc().del("operation_runs", 0, "type"),
			[]string{"operation_runs[0].type missing" + q1}, ""},
		{"missing evidence operation", validDoc().del("evidence_snapshots", 0, "operation_run_id"),
			[]string{"evidence_snapshots[0].operation_run_id missing" + q1}, ""},
		{"missing id", validDoc().del("evidence_snapshots", 0, "id"),
			[]string{"evidence_snapshots[0].id missing" + q1}, ""},
		{"missing result entry name", validDoc().set("restore_runs", 0, "results", rec{"foundations": []rec{{"id": "tag-1", "outcome": "applied"}}}),
			[]string{"restore_runs[0].results.foundations[0].name missing" + q1}, ""},
		{"missing non_applied id", validDoc().set("restore_runs", 0, "metadata", rec{"non_applied": []rec{{"name": "All devices"}}}),
			[]string{"restore_runs[0].metadata.non_applied[0].id missing" + q1}, ""},

		{"completed backup without completed_at", validDoc().del("backup_sets", 0, "completed_at"),
			[]string{"backup_sets[0].completed_at inconsistent" + q1}, "must have a completed_at"},
		{"failed backup with null completed_at", validDoc().set("backup_sets", 1, "status", "failed").set("backup_sets", 1, "completed_at", nil),
			[]string{"backup_sets[1].completed_at inconsistent" + q2}, ""},
		{"running backup needs no completed_at", validDoc().set("backup_sets", 0, "status", "running").del("backup_sets", 0, "completed_at"),
			[]string{}, ""},
		{"completed operation with outcome pending", validDoc().set("operation_runs", 0, "outcome", "pending"),
			[]string{"operation_runs[0].outcome inconsistent" + q1}, "cannot have outcome pending"},
		{"running operation with an outcome", validDoc().set("operation_runs", 0, "status", "running"),
			[]string{"operation_runs[0].outcome inconsistent" + q1}, "must have outcome pending"},
		{"running operation, outcome pending", validDoc().set("operation_runs", 0, "status", "running").set("operation_runs", 0, "outcome", "pending"),
			[]string{}, ""},

		{"evidence of another tenant's operation", validDoc().set("evidence_snapshots", 0, "operation_run_id", 600),
			[]string{"evidence_snapshots[0].operation_run_id cross_tenant_reference" + q1}, "belongs to tenant 2"},
		{"restore run on another tenant's backup set", validDoc().set("restore_runs", 1, "backup_set_id", 10),
			[]string{"restore_runs[1].backup_set_id cross_tenant_reference" + q2}, ""},
		{"restore run on another tenant's operation", validDoc().set("restore_runs", 0, "operation_run_id", 600),
			[]string{"restore_runs[0].operation_run_id cross_tenant_reference" + q1}, ""},
		{"missing reference", validDoc().set("restore_runs", 0, "operation_run_id", 999),
			[]string{"restore_runs[0].operation_run_id missing_reference" + q1}, "operation run 999 does not exist"},
		{"reference to an orphan is missing", validDoc().add("backup_sets", orphan).set("restore_runs", 0, "backup_set_id", 30),
			[]string{"backup_sets[2].tenant_id unknown_tenant" + or, "restore_runs[0].backup_set_id missing_reference" + q1}, ""},

		{"restore run id used by two tenants", validDoc().set("restore_runs", 1, "id", 100),
			[]string{"restore_runs[0].id duplicate_id" + q1, "restore_runs[1].id duplicate_id" + q2}, "also used by restore_runs[1]"},
		{"operation run id used twice in one tenant", validDoc().add("operation_runs", rec{"id": 500, "tenant_id": 1, "type": "restore.execute", "status": "queued", "outcome": "pending"}),
			[]string{"operation_runs[0].id duplicate_id" + q1, "operation_runs[2].id duplicate_id" + q1}, ""},
		{"evidence id used by a tenant and an orphan", validDoc().add("evidence_snapshots", rec{"id": 900, "tenant_id": 9, "operation_run_id": 500, "status": "active", "captured_at": "2026-04-08T23:10:00Z"}),
			[]string{"evidence_snapshots[0].id duplicate_id" + q1, "evidence_snapshots[2].tenant_id unknown_tenant" + or, "evidence_snapshots[2].id duplicate_id" + or}, ""},

		{"record of an unknown tenant", validDoc().add("backup_sets", orphan),
			[]string{"backup_sets[2].tenant_id unknown_tenant" + or}, "tenant 7 does not exist"},
		{"record without tenant_id", validDoc().del("operation_runs", 1, "tenant_id"),
			// Its evidence and run now name an orphan: a missing reference.
			[]string{"evidence_snapshots[1].operation_run_id missing_reference" + q2, "operation_runs[1].tenant_id missing" + or, "restore_runs[1].operation_run_id missing_reference" + q2}, ""},
		{"tenant_id as string", validDoc().add("backup_sets", rec{"id": 30, "tenant_id": "1", "status": "queued"}),
			[]string{"backup_sets[2].tenant_id wrong_type" + or}, ""},
		{"an orphan's other faults stay with the orphan", validDoc().add("backup_sets", rec{"id": 30, "tenant_id": 7, "status": "bogus", "extra": 1}),
			[]string{"backup_sets[2].extra unknown_member" + or, "backup_sets[2].status unknown_value" + or, "backup_sets[2].tenant_id unknown_tenant" + or}, ""},
		{"record that is not an object", validDoc().addRaw("restore_runs", "run-300"),
			[]string{"restore_runs[2] not_object" + or}, "must be an object, not a string"},

		{"timestamp after generated_at", validDoc().set("backup_sets", 0, "completed_at", "2026-04-09T00:00:00Z"),
			[]string{"backup_sets[0].completed_at future_timestamp" + q1}, "more than 5 minutes"},
		{"timestamp exactly 5 minutes after, as an instant", validDoc().set("backup_sets", 0, "completed_at", "2026-04-09T01:24:36+02:00"),
			[]string{}, ""},
		{"timestamp 5 minutes and a second after, as an instant", validDoc().set("backup_sets", 0, "completed_at", "2026-04-09T01:24:37+02:00"),
			[]string{"backup_sets[0].completed_at future_timestamp" + q1}, ""},
		{"earlier by the clock, later as an instant", validDoc().set("operation_runs", 0, "started_at", "2026-04-08T20:00:00-05:00"),
			[]string{"operation_runs[0].started_at future_timestamp" + q1}, ""},
		{"future created_at", validDoc().set("restore_runs", 0, "created_at", "2026-04-10T00:00:00Z"),
			[]string{"restore_runs[0].created_at future_timestamp" + q1}, ""},
		{"future captured_at", validDoc().set("evidence_snapshots", 1, "captured_at", "2026-04-10T00:00:00Z"),
			[]string{"evidence_snapshots[1].captured_at future_timestamp" + q2}, ""},
		{"expires_at may lie in the future", validDoc().set("evidence_snapshots", 0, "expires_at", "2027-01-01T00:00:00Z"),
			[]string{}, ""},
		{"timestamp without offset", validDoc().set("restore_runs", 0, "created_at", "2026-04-08T23:00:00"),
			[]string{"restore_runs[0].created_at bad_timestamp" + q1}, "RFC 3339"},
		{"timestamp with a space", validDoc().set("operation_runs", 0, "completed_at", "2026-04-08 23:06:00Z"),
			[]string{"operation_runs[0].completed_at bad_timestamp" + q1}, ""},
		{"timestamp not a date", validDoc().set("evidence_snapshots", 0, "captured_at", "yesterday"),
			[]string{"evidence_snapshots[0].captured_at bad_timestamp" + q1}, ""},
		{"timestamp with an offset of 24 hours", validDoc().set("operation_runs", 0, "completed_at", "2026-04-08T23:06:00+24:00"),
			[]string{"operation_runs[0].completed_at bad_timestamp" + q1}, ""},
		{"timestamp with fractions and an offset", validDoc().set("restore_runs", 0, "completed_at", "2026-04-09T01:06:00.123+02:00"),
			[]string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.doc.check(t)
			require.NotNil(t, c.Snapshot, "a record error never rejects: %v", c.Problems)
			assert.Equal(t, tt.want, lines(c.Problems))
			if tt.msg != "" && assert.NotEmpty(t, c.Problems) {
				assert.Contains(t, c.Problems[0].Message, tt.msg)
			}
			assert.False(t, c.Quarantined[2] && !strings.Contains(strings.Join(tt.want, "\n"), " 2"), "tenant 2 is untouched")
			for _, p := range c.Problems {
				assert.NotEmpty(t, p.Message)
				if p.Reach == snapshot.ReachTenant {
					assert.True(t, c.Quarantined[*p.TenantID])
				}
			}
		})
	}
}

// TestRejectingErrors: faults in the document, the viewer or a tenant record
// reject the snapshot.
func TestRejectingErrors(t *testing.T) {
	const rj = " snapshot_rejected -"
	long := strings.Repeat("x", 201)
	tests := []struct {
		name string
		doc  doc
		want []string
	}{
		{"schema_version missing", func() doc { d := validDoc(); delete(d, "schema_version"); return d }(), []string{"schema_version missing" + rj}},
		{"schema_version 2", func() doc { d := validDoc(); d["schema_version"] = 2; return d }(), []string{"schema_version unsupported_version" + rj}},
		{"schema_version as string", func() doc { d := validDoc(); d["schema_version"] = "1"; return d }(), []string{"schema_version wrong_type" + rj}},
		{"schema_version 1.0", func() doc { d := validDoc(); d["schema_version"] = raw("1.0"); return d }(), []string{"schema_version wrong_type" + rj}},
		{"generated_at missing", func() doc { d := validDoc(); delete(d, "generated_at"); return d }(), []string{"generated_at missing" + rj}},
		{"generated_at without offset", func() doc { d := validDoc(); d["generated_at"] = "2026-04-09T01:19:36"; return d }(), []string{"generated_at bad_timestamp" + rj}},
		{"generated_at not a date", func() doc { d := validDoc(); d["generated_at"] = "now"; return d }(), []string{"generated_at bad_timestamp" + rj}},
		{"generated_at null", func() doc { d := validDoc(); d["generated_at"] = nil; return d }(), []string{"generated_at null_not_allowed" + rj}},
		{"unknown top-level member", func() doc { d := validDoc(); d["restore_run"] = []rec{}; return d }(), []string{"restore_run unknown_member" + rj}},
		{"collection not an array", func() doc { d := validDoc(); d["backup_sets"] = rec{}; return d }(), []string{
			"backup_sets wrong_type" + rj,
			// The runs' backup sets are gone with it.
			"restore_runs[0].backup_set_id missing_reference tenant_quarantined 1",
			"restore_runs[1].backup_set_id missing_reference tenant_quarantined 2"}},
		{"collection null", func() doc { d := validDoc(); d["operation_runs"] = nil; return d }(), []string{
			"operation_runs null_not_allowed" + rj, // what rejects first
			"evidence_snapshots[0].operation_run_id missing_reference tenant_quarantined 1",
			"evidence_snapshots[1].operation_run_id missing_reference tenant_quarantined 2",
			"restore_runs[0].operation_run_id missing_reference tenant_quarantined 1",
			"restore_runs[1].operation_run_id missing_reference tenant_quarantined 2"}},

		{"viewer with a bad capability", func() doc {
			d := validDoc()
			d["viewer"] = rec{"name": "Ops", "capabilities": []string{"backup.view", "restore.edit"}}
			return d
		}(), []string{"viewer.capabilities[1] unknown_value" + rj}},
		{"viewer without capabilities", func() doc { d := validDoc(); d["viewer"] = rec{"name": "Ops"}; return d }(), []string{"viewer.capabilities missing" + rj}},
		{"viewer with an unknown member", func() doc {
			d := validDoc()
			d["viewer"] = rec{"capabilities": []string{}, "role": "admin"}
			return d
		}(), []string{"viewer.role unknown_member" + rj}},
		{"viewer null", func() doc { d := validDoc(); d["viewer"] = nil; return d }(), []string{"viewer null_not_allowed" + rj}},

		{"tenant name empty after trimming", validDoc().set("tenants", 0, "name", "  \t "), []string{"tenants[0].name out_of_range" + rj}},
		{"tenant name over 200 characters", validDoc().set("tenants", 0, "name", long), []string{"tenants[0].name too_long" + rj}},
		{"tenant name missing", validDoc().del("tenants", 0, "name"), []string{"tenants[0].name missing" + rj}},
		{"tenant id 0", validDoc().set("tenants", 1, "id", 0), []string{
			// What rejects the snapshot is listed first.
			"tenants[1].id out_of_range" + rj,
			"backup_sets[1].tenant_id unknown_tenant record_orphaned -",
			"evidence_snapshots[1].tenant_id unknown_tenant record_orphaned -",
			"operation_runs[1].tenant_id unknown_tenant record_orphaned -",
			"restore_runs[1].tenant_id unknown_tenant record_orphaned -"}},
		{"two tenants with one id", validDoc().set("tenants", 1, "id", 1), []string{
			// What rejects the snapshot is listed first.
			"tenants[1].id duplicate_id" + rj,
			"backup_sets[1].tenant_id unknown_tenant record_orphaned -",
			"evidence_snapshots[1].tenant_id unknown_tenant record_orphaned -",
			"operation_runs[1].tenant_id unknown_tenant record_orphaned -",
			"restore_runs[1].tenant_id unknown_tenant record_orphaned -"}},
		{"tenant freshness 0", validDoc().set("tenants", 0, "backup_freshness_hours", 0), []string{"tenants[0].backup_freshness_hours out_of_range" + rj}},
		{"tenant with an unknown member", validDoc().set("tenants", 0, "domain", "contoso.com"), []string{"tenants[0].domain unknown_member" + rj}},
		{"tenant id as string", validDoc().set("tenants", 0, "id", "1"), []string{
			// What rejects the snapshot is listed first.
			"tenants[0].id wrong_type" + rj,
			"backup_sets[0].tenant_id unknown_tenant record_orphaned -",
			"evidence_snapshots[0].tenant_id unknown_tenant record_orphaned -",
			"operation_runs[0].tenant_id unknown_tenant record_orphaned -",
			"restore_runs[0].tenant_id unknown_tenant record_orphaned -"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.doc.check(t)
			assert.Nil(t, c.Snapshot, "rejected")
			assert.True(t, c.Rejected())
			assert.Equal(t, tt.want, lines(c.Problems))
		})
	}
}

func TestTenantNameLimitCountsCharactersAfterTrimming(t *testing.T) {
	name := "  " + strings.Repeat("é", 200) + "  "
	c := validDoc().set("tenants", 0, "name", name).check(t)
	require.NotNil(t, c.Snapshot, "%v", c.Problems)
	assert.Equal(t, name, c.Snapshot.Tenants[0].Name, "kept as written")
}

// TestQuarantineIsolation: a fault in tenant 1's record quarantines tenant 1
// only; tenant 2 keeps its records and every record, bad or orphaned, is kept.
func TestQuarantineIsolation(t *testing.T) {
	d := validDoc().set("restore_runs", 0, "status", "complete").add("backup_sets", rec{"id": 30, "tenant_id": 7, "status": "queued"})
	c := d.check(t)
	require.NotNil(t, c.Snapshot)
	assert.Equal(t, map[int64]bool{1: true}, c.Quarantined)
	ofTenant := func(id int64) (n int) {
		for _, p := range c.Problems {
			if p.TenantID != nil && *p.TenantID == id {
				n++
			}
		}
		return n
	}
	assert.Zero(t, ofTenant(2))
	assert.Equal(t, 1, ofTenant(1))
	s := c.Snapshot
	assert.Len(t, s.Tenants, 2)
	assert.Len(t, s.BackupSets, 3, "the orphan is kept")
	assert.Len(t, s.RestoreRuns, 2, "the bad run is kept")
	assert.Equal(t, int64(7), s.BackupSets[2].TenantID)
	assert.Equal(t, int64(200), s.RestoreRuns[1].ID)
	assert.Equal(t, snapshot.RestoreStatus(""), s.RestoreRuns[0].Status, "a value that cannot be classified is not guessed")
}

// TestAllErrorsReported: one record with three faults gives three problems,
// and every tenant's faults are found, not just the first.
func TestAllErrorsReported(t *testing.T) {
	d := validDoc().
		set("restore_runs", 0, "status", "complete").
		set("restore_runs", 0, "is_dry_run", "no").
		set("restore_runs", 0, "metadata", rec{"counts": rec{"total": -1}}).
		set("operation_runs", 1, "outcome", "pending")
	c := d.check(t)
	require.NotNil(t, c.Snapshot)
	assert.Equal(t, []string{
		"operation_runs[1].outcome inconsistent tenant_quarantined 2",
		"restore_runs[0].is_dry_run wrong_type tenant_quarantined 1",
		"restore_runs[0].metadata.counts.total out_of_range tenant_quarantined 1",
		"restore_runs[0].status unknown_value tenant_quarantined 1",
	}, lines(c.Problems))
	assert.Equal(t, map[int64]bool{1: true, 2: true}, c.Quarantined)
}
