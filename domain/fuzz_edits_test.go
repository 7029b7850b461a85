package domain_test

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Fuzzing resolution where bytes alone rarely reach it: mutated bytes seldom
// still validate, so this target starts from a small generated portfolio and
// edits it field by field. (Ported from the fuzzing branch's work.)

// editNow is gen's generated_at: edits place timestamps around it.
var editNow, _ = time.Parse(time.RFC3339, gen.GeneratedAt)

func hoursBefore(h float64) string {
	return editNow.Add(-time.Duration(h * float64(time.Hour))).UTC().Format(time.RFC3339)
}

// fieldValues are the values an edit may give a field: valid ones, edge
// cases (null, the future, zero) and faults, so that most edited snapshots
// still validate, or are quarantined rather than rejected.
var fieldValues = map[string][]any{
	"status": {"draft", "scoped", "checked", "previewed", "queued", "running", "completed", "partial",
		"completed_with_errors", "failed", "cancelled", "pending", "active", "superseded", "expired", "complete", nil},
	"outcome":           {"pending", "succeeded", "partially_succeeded", "failed", "blocked", "cancelled", "ok"},
	"is_dry_run":        {true, false, "yes", nil},
	"completed_at":      {nil, hoursBefore(0), hoursBefore(0.1), hoursBefore(30), hoursBefore(-0.05), hoursBefore(-1), "2026-04-08T23:00:00", "not a date"},
	"created_at":        {hoursBefore(0), hoursBefore(100), hoursBefore(-0.05), nil},
	"expires_at":        {nil, hoursBefore(0), hoursBefore(1), hoursBefore(-48)},
	"operation_run_id":  {nil, int64(1), int64(2), int64(3), int64(8_888_888), -1, "1", int64(math.MaxInt64), int64(math.MinInt64)},
	"backup_set_id":     {nil, int64(1), int64(2), int64(8_888_888), int64(math.MaxInt64), int64(math.MinInt64)},
	"tenant_id":         {int64(1), int64(2), int64(3), int64(999_999), nil, 0, int64(math.MaxInt64)},
	"failed_item_count": {0, 1, 7, -1, int64(math.MaxInt64)},
	"id":                {int64(1), int64(2), int64(3), 0, 1.5, int64(math.MaxInt64), int64(math.MaxInt64 - 1), int64(math.MinInt64)},
	"metadata": {
		map[string]any{"counts": map[string]any{}}, map[string]any{"counts": map[string]any{"skipped": 1}},
		map[string]any{"counts": map[string]any{"non_applied": 2, "total": 4}}, map[string]any{"counts": map[string]any{"failed": 0, "partial": 0}},
		map[string]any{"counts": map[string]any{"applied": 3}}, map[string]any{"counts": map[string]any{"failed": -1}},
		map[string]any{"non_applied": []any{map[string]any{"id": "asg-1", "name": "All devices"}}}, map[string]any{"non_applied": []any{}},
	},
	"results": {
		map[string]any{}, map[string]any{"items": []any{map[string]any{"id": "cfg-1", "name": "Baseline", "outcome": "applied"}}},
		map[string]any{"items": []any{map[string]any{"id": "cfg-1", "name": "Baseline", "outcome": "partial"}}},
		map[string]any{"assignments": []any{map[string]any{"id": "asg-1", "name": "All devices", "outcome": "skipped"}}},
		map[string]any{"foundations": []any{map[string]any{"id": "fnd-1", "name": "Scope tag", "outcome": "failed"}}},
		map[string]any{"items": []any{map[string]any{"id": "cfg-1", "outcome": "applied"}}},
	},
}

// editFields are fieldValues' keys in a fixed order: map order must not
// decide what an input means.
var editFields = []string{"status", "outcome", "is_dry_run", "completed_at", "created_at", "expires_at",
	"operation_run_id", "backup_set_id", "tenant_id", "failed_item_count", "id", "metadata", "results"}

// applyEdits reads edits four bytes at a time: a collection, a record, a
// field and a value; a value byte past the list deletes the field, and a
// field byte past the list removes or duplicates the record.
func applyEdits(d snapDoc, edits []byte) {
	colls := []string{"tenants", "backup_sets", "restore_runs", "operation_runs", "evidence_snapshots"}
	for len(edits) >= 4 {
		c, r, f, v := edits[0], edits[1], edits[2], edits[3]
		edits = edits[4:]
		coll := colls[int(c)%len(colls)]
		arr := d.records(coll)
		if len(arr) == 0 {
			continue
		}
		i := int(r) % len(arr)
		rec, ok := arr[i].(map[string]any)
		if !ok {
			continue
		}
		if int(f) >= len(editFields) {
			if f%2 == 0 {
				d[coll] = append(arr[:i:i], arr[i+1:]...)
			} else {
				twin := map[string]any{}
				for k, val := range rec {
					twin[k] = val
				}
				d[coll] = append(arr, twin)
			}
			continue
		}
		name := editFields[f]
		if values := fieldValues[name]; int(v) < len(values) {
			rec[name] = values[v]
		} else {
			delete(rec, name)
		}
	}
}

// FuzzResolveEdits: statuses, outcomes, timestamps at the edges of
// generated_at and expiry, references across tenants, counts, result
// entries, duplicated and removed records. Whatever validates resolves with
// every invariant kept, and alike twice.
func FuzzResolveEdits(f *testing.F) {
	f.Add(uint8(0), []byte{})
	f.Add(uint8(7), []byte{2, 0, 0, 9, 2, 0, 3, 0})
	f.Add(uint8(20), []byte{3, 1, 1, 3, 2, 1, 6, 1, 4, 0, 5, 1})
	f.Add(uint8(33), []byte{2, 4, 12, 3, 2, 4, 11, 1, 2, 5, 0, 6})
	f.Add(uint8(41), []byte{1, 0, 13, 0, 2, 2, 14, 0, 4, 1, 8, 1})

	f.Fuzz(func(t *testing.T, seed uint8, edits []byte) {
		if len(edits) > 4*64 {
			return // a few dozen edits reach every rule; more only costs time
		}
		var buf bytes.Buffer
		require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 1 + int(seed)%3, RunsPerTenant: int(seed/3) % 6, Seed: uint64(seed)}))
		d := decodeDoc(t, buf.Bytes())
		applyEdits(d, edits)
		data, err := json.Marshal(d)
		require.NoError(t, err)

		c := snapshot.Check(bytes.NewReader(data), snapshot.Limits{})
		checkProblems(t, c)
		if c.Rejected() {
			return
		}
		res := domain.Resolve(c)
		checkResolution(t, data, c, res)
		first, err := json.Marshal(res)
		require.NoError(t, err)
		again, err := json.Marshal(domain.Resolve(c))
		require.NoError(t, err)
		assert.Equal(t, string(first), string(again), "resolving twice differs")
	})
}
