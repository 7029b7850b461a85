package gen_test

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

func generate(t testing.TB, o gen.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, gen.Write(&buf, o))
	return buf.Bytes()
}

func TestWriteIsDeterministic(t *testing.T) {
	o := gen.Options{Tenants: 25, RunsPerTenant: 12, Seed: 9}
	a, b := generate(t, o), generate(t, o)
	assert.Equal(t, a, b, "same options, same bytes")
	o.Seed = 10
	assert.NotEqual(t, a, generate(t, o), "another seed, other bytes")
}

// A tenant draws from its own stream: asking for more tenants does not
// change the ones already there (only the ids of later records shift).
func TestTenantsDoNotDependOnTheirNeighbours(t *testing.T) {
	small := resolve(t, generate(t, gen.Options{Tenants: 3, RunsPerTenant: 5, Seed: 4}))
	large := resolve(t, generate(t, gen.Options{Tenants: 6, RunsPerTenant: 5, Seed: 4}))
	for i, ts := range small.Tenants {
		assert.Equal(t, ts.Name, large.Tenants[i].Name)
		assert.Equal(t, ts.BackupHealth.Posture, large.Tenants[i].BackupHealth.Posture)
		assert.Equal(t, ts.RecoveryEvidence.OverviewState, large.Tenants[i].RecoveryEvidence.OverviewState)
	}
}

func TestWriteIsValid(t *testing.T) {
	tests := []struct {
		name string
		o    gen.Options
	}{
		{"no tenants", gen.Options{Tenants: 0, RunsPerTenant: 5, Seed: 1}},
		{"no runs", gen.Options{Tenants: 4, RunsPerTenant: 0, Seed: 1}},
		{"one of each", gen.Options{Tenants: 1, RunsPerTenant: 1, Seed: 2}},
		{"small", gen.Options{Tenants: 10, RunsPerTenant: 10, Seed: 3}},
		{"more tenants than names", gen.Options{Tenants: 100, RunsPerTenant: 4, Seed: 4}},
		{"many runs", gen.Options{Tenants: 5, RunsPerTenant: 300, Seed: 5}},
		{"seed 0", gen.Options{Tenants: 20, RunsPerTenant: 20, Seed: 0}},
		{"large seed", gen.Options{Tenants: 20, RunsPerTenant: 20, Seed: 1<<64 - 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := generate(t, tt.o)
			assert.True(t, json.Valid(doc))
			c := snapshot.Check(bytes.NewReader(doc), snapshot.Limits{})
			require.NotNil(t, c.Snapshot, "%v", c.Problems)
			assert.Empty(t, c.Problems)
			assert.Len(t, c.Snapshot.Tenants, tt.o.Tenants)
			assert.Len(t, c.Snapshot.RestoreRuns, tt.o.Tenants*tt.o.RunsPerTenant)
		})
	}
}

// The benchmark size (100,000 runs) fits the default size limit, so that
// `gen | resolve -` works without flags.
func TestLargePortfolioFitsTheDefaultLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("writes about 50 MB")
	}
	var n countingWriter
	require.NoError(t, gen.Write(&n, gen.Options{Tenants: 1000, RunsPerTenant: 100, Seed: 1}))
	assert.Less(t, int64(n), int64(snapshot.DefaultMaxBytes))
}

// A portfolio of a few thousand runs shows every state of docs/rules.md, each
// proof-state variant of §4, and results with full, partial and no counts.
func TestWriteHasRealisticShape(t *testing.T) {
	doc := generate(t, gen.Options{Tenants: 120, RunsPerTenant: 25, Seed: 3})
	res := resolve(t, doc)
	// Keyed by the domain's typed keys: a posture and an attention state of
	// the same word are two keys.
	seen := map[any]int{}
	for _, ts := range res.Tenants {
		seen[ts.BackupHealth.Posture]++
		if r := ts.BackupHealth.PrimaryReason; r != nil {
			seen[*r]++
		}
		seen[ts.RecoveryEvidence.OverviewState]++
		for _, n := range ts.NeedsAttention {
			seen[n.Kind]++
		}
		for _, r := range ts.RestoreRuns {
			seen[r.Attention.State]++
			seen[r.Result.State]++
			seen["proof:"+string(r.Result.State)+"/"+string(r.Result.OperationProofState)+"/"+string(r.Result.PostRunEvidenceState)]++
		}
	}
	// Every key of the domain's lists but unvalidated, which a generated
	// tenant never is: each has executed runs.
	var want []any
	for _, k := range domain.Postures {
		want = append(want, k)
	}
	for _, k := range domain.PostureReasons {
		want = append(want, k)
	}
	want = append(want, domain.OverviewWeakened, domain.OverviewNoRecentIssuesVisible)
	for _, k := range domain.NeedsAttentionKinds {
		want = append(want, k)
	}
	for _, k := range domain.AttentionStates {
		want = append(want, k)
	}
	for _, k := range domain.ResultStateKeys {
		want = append(want, k)
	}
	want = append(want,
		"proof:completed_proof_incomplete/available/unavailable", "proof:completed_proof_incomplete/unavailable/unavailable",
		"proof:needs_review/available/available", "proof:needs_review/available/unavailable",
		"proof:failed/available/available", "proof:failed/available/unavailable", "proof:failed/unavailable/unavailable",
		"proof:blocked_or_cancelled/available/unavailable",
	)
	for _, w := range want {
		assert.Positive(t, seen[w], "no %s", w)
	}
	// Typical runs dominate: most runs completed, few in flight.
	assert.Greater(t, seen[domain.AttentionCompleted], seen[domain.AttentionFailed])
	assert.Greater(t, seen[domain.ResultCompletedWithEvidence], seen[domain.ResultInProgress])

	var snap struct {
		RestoreRuns []struct {
			Metadata *struct {
				Counts map[string]int `json:"counts"`
			} `json:"metadata"`
		} `json:"restore_runs"`
	}
	require.NoError(t, json.Unmarshal(doc, &snap))
	shapes := map[string]bool{}
	for _, r := range snap.RestoreRuns {
		switch {
		case r.Metadata == nil || r.Metadata.Counts == nil:
			shapes["none"] = true
		case r.Metadata.Counts["failed"] > 0 || r.Metadata.Counts["skipped"] > 0:
			shapes["full"] = true
		case len(r.Metadata.Counts) == 2:
			shapes["total and applied only"] = true
		}
	}
	assert.Len(t, shapes, 3, "counts: %v", shapes)
}

func resolve(t testing.TB, doc []byte) *domain.Resolution {
	t.Helper()
	c := snapshot.Check(bytes.NewReader(doc), snapshot.Limits{})
	require.NotNil(t, c.Snapshot, "%v", c.Problems)
	require.Empty(t, c.Problems)
	return domain.Resolve(c)
}

type countingWriter int64

func (n *countingWriter) Write(p []byte) (int, error) {
	*n += countingWriter(len(p))
	return len(p), nil
}

// BenchmarkWrite: 100,000 runs, the size the CLI is benchmarked on.
func BenchmarkWrite(b *testing.B) {
	var n countingWriter
	b.ReportAllocs()
	for b.Loop() {
		n = 0
		if err := gen.Write(&n, gen.Options{Tenants: 1000, RunsPerTenant: 100, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(n))
}

var _ io.Writer = (*countingWriter)(nil)
