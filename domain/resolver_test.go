package domain_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/gen"
)

// A Resolver only reads: tenants resolved from many goroutines at once (as
// the CLI does) are exactly the tenants resolved one by one. Run with -race
// to see that nothing is shared and written.
func TestResolverIsSafeForConcurrentUse(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 60, RunsPerTenant: 15, Seed: 5}))
	c := domain.Check(bytes.NewReader(buf.Bytes()), domain.Limits{})
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
