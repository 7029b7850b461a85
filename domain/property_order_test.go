package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Shuffling any collection of the input changes no output: every state is
// derived from the records, never from where they stand (only the record
// paths in explanations move with them).
func TestPropertyOrderChangesNothing(t *testing.T) {
	for _, seed := range propertySeeds(t) {
		d := genDoc(t, seed)
		_, want := resolveDoc(t, d)
		shuffled := d.clone(t)
		rng := rngFor(seed)
		for _, coll := range []string{"tenants", "backup_sets", "restore_runs", "operation_runs", "evidence_snapshots"} {
			rs := shuffled.records(coll)
			rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
		}
		_, got := resolveDoc(t, shuffled)
		require.Len(t, got.Tenants, len(want.Tenants), seedName(seed))
		assert.Equal(t, tenantJSON(t, want), tenantJSON(t, got), seedName(seed))
	}
}
