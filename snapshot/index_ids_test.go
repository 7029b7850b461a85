package snapshot

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// edgeIDs are ids at and near the edges of int64, where arithmetic on an id
// (id+1, a table of maxID+1 entries) overflows.
var edgeIDs = []int64{math.MinInt64, math.MinInt64 + 1, -1, 0, 1, 2, math.MaxInt32, math.MaxInt32 + 1,
	math.MaxUint32, 1 << 53, 1<<53 + 1, math.MaxInt64 - 2, math.MaxInt64 - 1, math.MaxInt64}

// The id indexes find what maps keyed by tenant and id found, for compact
// ids, sparse ones, negative ones, and ids used by several tenants or
// several times by one.
func TestIDIndexesFindWhatMapsFound(t *testing.T) {
	tests := []struct {
		name   string
		n      int
		ids    func(r *rand.Rand) int64
		tenant func(r *rand.Rand) int64
	}{
		{"compact, one tenant each", 200, func(r *rand.Rand) int64 { return r.Int64N(200) + 1 }, func(r *rand.Rand) int64 { return r.Int64N(5) + 1 }},
		{"compact, shared by tenants", 200, func(r *rand.Rand) int64 { return r.Int64N(20) }, func(r *rand.Rand) int64 { return r.Int64N(3) + 1 }},
		{"sparse", 100, func(r *rand.Rand) int64 { return r.Int64N(1 << 40) }, func(r *rand.Rand) int64 { return r.Int64N(3) + 1 }},
		{"negative and zero", 100, func(r *rand.Rand) int64 { return r.Int64N(10) - 5 }, func(r *rand.Rand) int64 { return r.Int64N(2) + 1 }},
		{"none", 0, nil, nil},
		{"at the edges of int64", 50, func(r *rand.Rand) int64 { return edgeIDs[r.IntN(len(edgeIDs))] }, func(r *rand.Rand) int64 { return r.Int64N(2) + 1 }},
		{"compact and the largest", 50, func(r *rand.Rand) int64 {
			if r.IntN(10) == 0 {
				return math.MaxInt64
			}
			return r.Int64N(20) + 1
		}, func(r *rand.Rand) int64 { return r.Int64N(2) + 1 }},
	}
	for _, tt := range tests {
		for seed := range uint64(20) {
			t.Run(fmt.Sprintf("%s/seed %d", tt.name, seed), func(t *testing.T) {
				r := rand.New(rand.NewPCG(seed, 7))
				ops := make([]OperationRun, tt.n)
				evidence := make([]EvidenceSnapshot, tt.n)
				for i := range tt.n {
					ops[i] = OperationRun{Index: i, ID: tt.ids(r), TenantID: tt.tenant(r)}
					evidence[i] = EvidenceSnapshot{Index: i, OperationRunID: tt.ids(r), TenantID: tt.tenant(r)}
				}
				wantOp := map[tenantKey]*OperationRun{}
				for i := range ops {
					wantOp[tenantKey{ops[i].TenantID, ops[i].ID}] = &ops[i]
				}
				wantEv := map[int64][]*EvidenceSnapshot{}
				for i := range evidence {
					wantEv[evidence[i].OperationRunID] = append(wantEv[evidence[i].OperationRunID], &evidence[i])
				}
				oi, ei := NewOpIndex(ops), NewEvidenceIndex(evidence)
				probes := append([]int64{-6, -1, 0, 1, 1 << 41}, edgeIDs...)
				for i := range tt.n {
					probes = append(probes, ops[i].ID, evidence[i].OperationRunID)
				}
				for _, id := range probes {
					for tenant := int64(0); tenant <= 5; tenant++ {
						assert.Same(t, wantOp[tenantKey{tenant, id}], oi.Find(tenant, id), "op %d of tenant %d", id, tenant)
					}
					got := ei.Naming(id)
					assert.Equal(t, len(wantEv[id]), len(got), "evidence naming %d", id)
					for k := range min(len(got), len(wantEv[id])) {
						assert.Same(t, wantEv[id][k], got[k], "evidence naming %d, #%d", id, k)
					}
					assert.Equal(t, len(got), cap(got), "a list to read, not to append to")
				}
			})
		}
	}
}
