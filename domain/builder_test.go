package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// generatedAt is "now" in every built snapshot: 2026-04-08T23:19:36Z.
const generatedAt = "2026-04-09T01:19:36+02:00"

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func atp(s string) *time.Time { t := at(s); return &t }
func i64(v int64) *int64      { return &v }

// hoursAgo is generated_at minus h hours.
func hoursAgo(h float64) *time.Time {
	t := at(generatedAt).Add(-time.Duration(h * float64(time.Hour)))
	return &t
}

// built is a one-tenant snapshot (tenant 1) assembled in Go, so the rule
// tests do not depend on the decoder.
type built struct{ s snapshot.Snapshot }

func newSnap() *built {
	return &built{s: snapshot.Snapshot{
		SchemaVersion: 1, GeneratedAt: at(generatedAt), GeneratedAtText: generatedAt,
		Tenants: []snapshot.Tenant{{ID: 1, Name: "Contoso Ltd", FreshnessHours: 24}},
	}}
}

func (b *built) freshness(h int64) *built { b.s.Tenants[0].FreshnessHours = h; return b }

func (b *built) set(id int64, status snapshot.BackupSetStatus, completed *time.Time) *built {
	b.s.BackupSets = append(b.s.BackupSets, snapshot.BackupSet{Index: len(b.s.BackupSets), ID: id, TenantID: 1, Status: status, CompletedAt: completed})
	return b
}

func (b *built) failedItems(n int64) *built {
	b.s.BackupSets[len(b.s.BackupSets)-1].FailedItemCount = &n
	return b
}

// run adds restore run id, completed an hour ago unless changed by mods.
func (b *built) run(id int64, status snapshot.RestoreStatus, mods ...func(*snapshot.RestoreRun)) *built {
	r := snapshot.RestoreRun{Index: len(b.s.RestoreRuns), ID: id, TenantID: 1, Status: status,
		CreatedAt: *hoursAgo(2), CompletedAt: hoursAgo(1)}
	for _, m := range mods {
		m(&r)
	}
	b.s.RestoreRuns = append(b.s.RestoreRuns, r)
	return b
}

func (b *built) op(id int64, status snapshot.OperationStatus, outcome snapshot.OperationOutcome) *built {
	b.s.OperationRuns = append(b.s.OperationRuns, snapshot.OperationRun{Index: len(b.s.OperationRuns), ID: id, TenantID: 1, Status: status, Outcome: outcome})
	return b
}

func (b *built) evidence(id, op, tenant int64, status snapshot.EvidenceStatus, expires *time.Time) *built {
	b.s.EvidenceSnapshots = append(b.s.EvidenceSnapshots, snapshot.EvidenceSnapshot{Index: len(b.s.EvidenceSnapshots), ID: id, TenantID: tenant, OperationRunID: op, Status: status, CapturedAt: *hoursAgo(0.5), ExpiresAt: expires})
	return b
}

func (b *built) viewer(caps ...snapshot.Capability) *built {
	b.s.Viewer = &snapshot.Viewer{Name: "Test viewer", Capabilities: caps}
	return b
}

// Run modifiers.
func dry(r *snapshot.RestoreRun) { r.IsDryRun = true }
func withOp(id int64) func(*snapshot.RestoreRun) {
	return func(r *snapshot.RestoreRun) { r.OperationRunID = &id }
}
func notCompleted(r *snapshot.RestoreRun) { r.CompletedAt = nil }
func completedHoursAgo(h float64) func(*snapshot.RestoreRun) {
	return func(r *snapshot.RestoreRun) { r.CompletedAt = hoursAgo(h); r.CreatedAt = *hoursAgo(h + 0.1) }
}
func items(outcomes ...snapshot.Outcome) func(*snapshot.RestoreRun) {
	return func(r *snapshot.RestoreRun) {
		for i, o := range outcomes {
			r.Results.Items = append(r.Results.Items, snapshot.ResultEntry{ID: "cfg-" + string(rune('a'+i)), Name: "Windows baseline", Outcome: o})
		}
	}
}
func assignments(outcomes ...snapshot.Outcome) func(*snapshot.RestoreRun) {
	return func(r *snapshot.RestoreRun) {
		for i, o := range outcomes {
			r.Results.Assignments = append(r.Results.Assignments, snapshot.ResultEntry{ID: "asg-" + string(rune('a'+i)), Name: "All devices", Outcome: o})
		}
	}
}
func counts(c snapshot.Counts) func(*snapshot.RestoreRun) {
	return func(r *snapshot.RestoreRun) { r.Metadata.Counts = &c }
}
func nonApplied(n int) func(*snapshot.RestoreRun) {
	return func(r *snapshot.RestoreRun) {
		for i := 0; i < n; i++ {
			r.Metadata.NonApplied = append(r.Metadata.NonApplied, snapshot.NonApplied{ID: "x", Name: "Filter: corporate devices"})
		}
	}
}

// resolve resolves the built snapshot and returns tenant 1.
func (b *built) resolve(t *testing.T) domain.TenantState {
	t.Helper()
	res := domain.Resolve(&snapshot.Checked{Snapshot: &b.s, Quarantined: map[int64]bool{}})
	require.Len(t, res.Tenants, len(b.s.Tenants))
	require.Equal(t, domain.DataValid, res.Tenants[0].DataStatus)
	return res.Tenants[0]
}

// runState returns the derived state of run id.
func runState(t *testing.T, ts domain.TenantState, id int64) domain.RunState {
	t.Helper()
	for _, r := range ts.RestoreRuns {
		if r.ID == id {
			return r
		}
	}
	require.FailNow(t, "run not in output", "run #%d", id)
	return domain.RunState{}
}
