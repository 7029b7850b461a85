package domain_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// A tenant streamed is the tenant resolved whole: the same states, its runs
// the same and in the same order, with explanations and without.
func TestTenantStreamIsTenant(t *testing.T) {
	seeds := propertySeeds(t)
	for _, seed := range seeds[:min(len(seeds), 100)] {
		d := genDoc(t, seed)
		addFaults(d, seed) // a quarantined tenant too
		c := snapshot.Check(bytes.NewReader(d.bytes(t)), snapshot.Limits{})
		require.False(t, c.Rejected())
		for _, explain := range []bool{false, true} {
			r := domain.NewResolver(c)
			if !explain {
				r.WithoutWhy()
			}
			for i := range r.Len() {
				want := r.Tenant(i)
				got, runs := r.TenantStream(i)
				assert.Nil(t, got.RestoreRuns)
				assert.Equal(t, len(want.RestoreRuns), r.RunCount(i)*boolInt(want.DataStatus == domain.DataValid))
				for run := range runs {
					got.RestoreRuns = append(got.RestoreRuns, *run)
				}
				if got.RestoreRuns == nil {
					got.RestoreRuns = []domain.RunState{}
				}
				assert.Equal(t, want, got, "%s: tenant %d", seedName(seed), want.TenantID)
			}
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
