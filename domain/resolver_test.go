package domain_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/fixturetest"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// A Resolver only reads: tenants resolved from many goroutines at once (as
// the CLI does) are exactly the tenants resolved one by one. Run with -race
// to see that nothing is shared and written.
func TestResolverIsSafeForConcurrentUse(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 60, RunsPerTenant: 15, Seed: 5}))
	c := snapshot.Check(bytes.NewReader(buf.Bytes()), snapshot.Limits{})
	require.False(t, c.Rejected())
	want := domain.Resolve(c).Tenants

	r := domain.NewResolver(c)
	require.Equal(t, len(want), r.Len())
	got := make([]domain.TenantState, r.Len())
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < r.Len(); i += 4 {
				got[i] = r.Tenant(i)
			}
		})
	}
	wg.Wait()
	for i := range want {
		assert.Equal(t, want[i].TenantID, r.TenantID(i))
	}
	assert.Equal(t, want, got)
}

// WithoutWhy is an optimisation, not another answer: every state and every
// sentence is what the full resolution gives, only each Why is nil.
func TestResolverWithoutWhyChangesOnlyTheWhys(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 40, RunsPerTenant: 25, Seed: 11}))
	for _, tc := range []struct {
		name string
		c    *snapshot.Checked
	}{
		{"generated", snapshot.Check(bytes.NewReader(buf.Bytes()), snapshot.Limits{})},
		{"demo", fixturetest.Check(t, "demo.json")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.False(t, tc.c.Rejected())
			full, terse := domain.NewResolver(tc.c), domain.NewResolver(tc.c).WithoutWhy()
			require.Equal(t, full.Len(), terse.Len())
			whys := 0
			for i := range full.Len() {
				want, got := full.Tenant(i), terse.Tenant(i)
				whys += dropWhys(&want)
				assert.Zero(t, dropWhys(&got), "tenant %d: a Why was built", got.TenantID)
				assert.Equal(t, want, got)
			}
			assert.Positive(t, whys, "the full resolution explains its states")
		})
	}
}

// dropWhys sets every Why of a tenant's states to nil and counts those it found.
func dropWhys(t *domain.TenantState) int {
	n := 0
	drop := func(w **domain.Why) {
		if *w != nil {
			n++
			*w = nil
		}
	}
	if t.BackupHealth != nil {
		drop(&t.BackupHealth.Why)
	}
	if t.RecoveryEvidence != nil {
		drop(&t.RecoveryEvidence.Why)
	}
	for i := range t.RestoreRuns {
		drop(&t.RestoreRuns[i].Attention.Why)
		drop(&t.RestoreRuns[i].Result.Why)
	}
	return n
}

// TenantReusing resolves exactly what Tenant does, whatever the buffer it
// is given holds: none, too small, or the last tenant's states, as the
// CLI's writer passes it.
func TestResolverTenantReusingResolvesAsTenant(t *testing.T) {
	var buf bytes.Buffer
	// Runs per tenant vary with the seed, so buffers are sometimes too small.
	require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 40, RunsPerTenant: 12, Seed: 9}))
	c := snapshot.Check(bytes.NewReader(buf.Bytes()), snapshot.Limits{})
	require.False(t, c.Rejected())
	r := domain.NewResolver(c)
	require.Greater(t, r.Len(), 1)

	var last []domain.RunState
	for i := range r.Len() {
		want := r.Tenant(i)
		assert.Equal(t, want, r.TenantReusing(i, nil), "tenant %d, no buffer", i)
		assert.Equal(t, want, r.TenantReusing(i, make([]domain.RunState, 0, 1)), "tenant %d, small buffer", i)
		got := r.TenantReusing(i, last)
		assert.Equal(t, want, got, "tenant %d, the last tenant's states", i)
		last = got.RestoreRuns
	}
}
