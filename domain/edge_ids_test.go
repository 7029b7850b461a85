package domain_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Ids at the edges of int64 are valid ids: arithmetic on an id (id+1, a
// table of maxID+1 entries) must never overflow. A run whose operation's id
// was 9223372036854775807 once passed validation and made resolve panic.

// edgeSnapshot is a snapshot whose every id, and every reference, is one of
// the given ids: tenant T has a backup set, a completed run, its operation
// and active evidence, all numbered T.
func edgeSnapshot(ids ...int64) []byte {
	var tenants, sets, runs, ops, evidence []string
	for _, id := range ids {
		tenants = append(tenants, fmt.Sprintf(`{"id": %d, "name": "Tenant %d"}`, id, id))
		sets = append(sets, fmt.Sprintf(`{"id": %d, "tenant_id": %d, "status": "completed", "completed_at": "2026-04-08T22:04:10Z"}`, id, id))
		runs = append(runs, fmt.Sprintf(`{"id": %d, "tenant_id": %d, "backup_set_id": %d, "status": "completed", "is_dry_run": false,
			"created_at": "2026-04-08T23:00:00Z", "completed_at": "2026-04-08T23:06:00Z", "operation_run_id": %d}`, id, id, id, id))
		ops = append(ops, fmt.Sprintf(`{"id": %d, "tenant_id": %d, "type": "restore.execute", "status": "completed", "outcome": "succeeded"}`, id, id))
		evidence = append(evidence, fmt.Sprintf(`{"id": %d, "tenant_id": %d, "operation_run_id": %d, "status": "active", "captured_at": "2026-04-08T23:10:00Z"}`, id, id, id))
	}
	j := func(s []string) string { return "[" + strings.Join(s, ",\n") + "]" }
	return fmt.Appendf(nil, `{"schema_version": 1, "generated_at": "2026-04-09T01:19:36+02:00",
		"tenants": %s, "backup_sets": %s, "restore_runs": %s, "operation_runs": %s, "evidence_snapshots": %s}`,
		j(tenants), j(sets), j(runs), j(ops), j(evidence))
}

func TestEdgeIDsResolve(t *testing.T) {
	tests := []struct {
		name string
		ids  []int64
	}{
		{"the largest id", []int64{math.MaxInt64}},
		{"one below the largest", []int64{math.MaxInt64 - 1}},
		{"the smallest id", []int64{1}},
		{"past int32 and float64's exact integers", []int64{math.MaxInt32 + 1, 1<<53 + 1}},
		{"compact ids and the largest", []int64{1, 2, 3, math.MaxInt64}},
		{"the smallest and the two largest", []int64{1, math.MaxInt64 - 1, math.MaxInt64}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			{
				c := snapshot.Check(bytes.NewReader(edgeSnapshot(tt.ids...)), snapshot.Limits{})
				require.Empty(t, c.Problems)
				require.False(t, c.Rejected())
				res := domain.Resolve(c)
				require.Len(t, res.Tenants, len(tt.ids))
				want := slices.Sorted(slices.Values(tt.ids))
				for i, ts := range res.Tenants {
					id := want[i]
					assert.Equal(t, id, ts.TenantID)
					require.Len(t, ts.RestoreRuns, 1)
					r := ts.RestoreRuns[0].Result
					assert.Equal(t, domain.ResultCompletedWithEvidence, r.State, "tenant %d: its run's operation and evidence are found", id)
					assert.Equal(t, []int64{id}, r.CurrentEvidenceIDs)
					require.NotNil(t, ts.BackupHealth.LatestUsableBackupSetID)
					assert.Equal(t, id, *ts.BackupHealth.LatestUsableBackupSetID)
					require.NotNil(t, ts.RecoveryEvidence.LatestRelevantRestoreRunID)
					assert.Equal(t, id, *ts.RecoveryEvidence.LatestRelevantRestoreRunID)
				}
			}
		})
	}
}

// References to ids at the edges that name nothing are reported, not
// followed: negative ids, zero, and the largest id where no record has it.
func TestEdgeIDReferencesToNothing(t *testing.T) {
	for _, ref := range []int64{math.MinInt64, -1, 0, math.MaxInt64} {
		t.Run(fmt.Sprint(ref), func(t *testing.T) {
			doc := edgeSnapshot(1, 2)
			doc = bytes.Replace(doc, []byte(`"operation_run_id": 2}`), fmt.Appendf(nil, `"operation_run_id": %d}`, ref), 1)
			c := snapshot.Check(bytes.NewReader(doc), snapshot.Limits{})
			require.False(t, c.Rejected())
			var codes []string
			for _, p := range c.Problems {
				codes = append(codes, p.Path+" "+p.Code)
			}
			assert.Equal(t, []string{"restore_runs[1].operation_run_id missing_reference"}, codes)
			res := domain.Resolve(c)
			assert.Equal(t, domain.DataInvalid, res.Tenants[1].DataStatus)
		})
	}
}

// stateKeys are a resolution's states without its ids: what must not change
// when every id is renumbered in the same order.
func stateKeys(res *domain.Resolution) []string {
	var out []string
	for _, ts := range res.Tenants {
		s := string(ts.DataStatus)
		if ts.BackupHealth != nil {
			s += " " + string(ts.BackupHealth.Posture) + " " + string(ts.RecoveryEvidence.OverviewState)
		}
		for _, a := range ts.NeedsAttention {
			s += " " + string(a.Kind)
		}
		for _, r := range ts.RestoreRuns {
			s += fmt.Sprintf(" [%s %s %s %s %d]", r.Attention.State, r.Result.State, r.Result.OperationProofState,
				r.Result.PostRunEvidenceState, len(r.Result.CurrentEvidenceIDs))
		}
		out = append(out, s)
	}
	return out
}

// edgePool is ids near both edges and past the widths where arithmetic on
// an id would go wrong (int32, float64's exact integers).
func edgePool() []int64 {
	pool := []int64{1, 2, 3, 4, math.MaxInt32 - 1, math.MaxInt32, math.MaxInt32 + 1, math.MaxUint32, 1<<53 - 1, 1 << 53, 1<<53 + 1}
	for k := int64(255); k >= 0; k-- {
		pool = append(pool, math.MaxInt64-k)
	}
	return pool
}

// renumberToEdges gives each collection's ids new values from edgePool, in
// the same order (so that "ties go to the larger id" still picks the same
// record), and renames every reference alike. pick chooses which.
func renumberToEdges(d snapDoc, pick func(n int) int) {
	refs := map[string]string{"tenant_id": "tenants", "backup_set_id": "backup_sets", "operation_run_id": "operation_runs"}
	maps := map[string]map[int64]int64{}
	pool := edgePool()
	for _, coll := range []string{"tenants", "backup_sets", "restore_runs", "operation_runs", "evidence_snapshots"} {
		var ids []int64
		for _, r := range d.records(coll) {
			ids = append(ids, intOf(r, "id"))
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		// Choose len(ids) of the pool, keeping their order.
		chosen := append([]int64(nil), pool...)
		for len(chosen) > len(ids) {
			i := pick(len(chosen))
			chosen = append(chosen[:i], chosen[i+1:]...)
		}
		m := map[int64]int64{}
		for i, id := range ids {
			m[id] = chosen[i]
		}
		maps[coll] = m
	}
	for coll, m := range maps {
		for _, r := range d.records(coll) {
			rec := r.(map[string]any)
			rec["id"] = m[intOf(r, "id")]
			for member, target := range refs {
				if _, ok := rec[member]; ok && rec[member] != nil {
					if v, ok := maps[target][intOf(r, member)]; ok {
						rec[member] = v
					}
				}
			}
		}
	}
}

// Renumbering every id to the edges of int64, in the same order, changes no
// state: ids are names, never numbers to compute with.
func TestPropertyEdgeIDsChangeNothing(t *testing.T) {
	for _, seed := range propertySeeds(t) {
		d := genDoc(t, seed)
		_, want := resolveDoc(t, d)
		rng := rngFor(seed)
		renumberToEdges(d, rng.IntN)
		_, got := resolveDoc(t, d)
		assert.Equal(t, stateKeys(want), stateKeys(got), seedName(seed))
	}
}

// FuzzEdgeIDs: a generated portfolio renumbered to ids at the edges of
// int64, as the fuzzer chooses, resolves to the same states.
func FuzzEdgeIDs(f *testing.F) {
	f.Add(uint8(0), []byte{})
	f.Add(uint8(9), []byte{255, 255, 255, 0, 0, 0})
	f.Add(uint8(30), []byte{1, 2, 3, 4, 5, 6, 7, 8})
	f.Fuzz(func(t *testing.T, seed uint8, picks []byte) {
		var buf bytes.Buffer
		require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 1 + int(seed)%3, RunsPerTenant: int(seed/3) % 6, Seed: uint64(seed)}))
		d := decodeDoc(t, buf.Bytes())
		_, want := resolveDoc(t, d)
		rng := rand.New(rand.NewPCG(uint64(seed), 1))
		renumberToEdges(d, func(n int) int {
			if len(picks) == 0 {
				return rng.IntN(n)
			}
			p := int(picks[0])
			picks = picks[1:]
			return p % n
		})
		data, err := json.Marshal(d)
		require.NoError(t, err)
		c := snapshot.Check(bytes.NewReader(data), snapshot.Limits{})
		checkProblems(t, c)
		require.False(t, c.Rejected(), "%v", c.Problems)
		got := domain.Resolve(c)
		checkResolution(t, data, c, got)
		assert.Equal(t, stateKeys(want), stateKeys(got))
	})
}
