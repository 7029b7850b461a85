package change_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/depth"
	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// pairSeeds are the seeds of a property over generated snapshot pairs: 200
// in `make test`, 1,000 in `make check`, 20 with -short.
func pairSeeds(t *testing.T) []uint64 { return depth.Seeds(t, 200, 1000, 20) }

// generated is a small generated portfolio, resolved. Its generated_at is
// moved by shift: later, backups go stale; earlier, records fall after it
// and quarantine their tenants. Both sides of a pair thus differ in every
// way a real pair can: tenants added and removed, postures, runs, validity.
func generatedChecked(t *testing.T, seed uint64, shift time.Duration) *snapshot.Checked {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 2 + int(seed%5), RunsPerTenant: 1 + int(seed%7), Seed: seed}))
	at, err := time.Parse(time.RFC3339, gen.GeneratedAt)
	require.NoError(t, err)
	moved := at.Add(shift).Format(time.RFC3339)
	doc := bytes.Replace(buf.Bytes(), []byte(`"generated_at": "`+gen.GeneratedAt+`"`), []byte(`"generated_at": "`+moved+`"`), 1)
	c := snapshot.Check(bytes.NewReader(doc), snapshot.Limits{})
	require.False(t, c.Rejected(), "seed %d", seed)
	return c
}

// pair is two snapshots of one seed's family: the second from the next
// seed, a different number of tenants, another instant.
func pair(t *testing.T, seed uint64) (a, b *domain.Resolution) {
	ca, cb := pairChecked(t, seed)
	return domain.Resolve(ca), domain.Resolve(cb)
}

func pairChecked(t *testing.T, seed uint64) (a, b *snapshot.Checked) {
	shift := func(s uint64) time.Duration { return time.Duration(int64(s%9)-2) * 12 * time.Hour }
	return generatedChecked(t, seed, shift(seed)), generatedChecked(t, seed+1, shift(seed*7+3))
}

// TestPropertySelfDiff: a snapshot diffed with itself says nothing changed.
func TestPropertySelfDiff(t *testing.T) {
	for _, seed := range pairSeeds(t) {
		a, _ := pair(t, seed)
		d, err := change.Compare(a, a)
		require.NoError(t, err)
		assert.False(t, d.Changed(), "seed %d", seed)
		assert.False(t, d.Reversed, "seed %d", seed)
		assert.Equal(t, change.Summary{Unchanged: len(a.Tenants)}, *d.Summary, "seed %d", seed)
		for _, tc := range d.Tenants {
			assert.Equal(t, change.Same, *tc.Direction, "seed %d tenant %d", seed, tc.TenantID)
			if tc.Comparable() {
				assert.Empty(t, *tc.RestoreRuns, "seed %d tenant %d", seed, tc.TenantID)
			}
		}
	}
}

// mirror is what a change reads like from the other side.
var mirror = map[string]string{
	change.Added: change.Removed, change.Removed: change.Added,
	change.Changed: change.Changed, change.Unchanged: change.Unchanged,
	change.Worse: change.Better, change.Better: change.Worse,
	change.Mixed: change.Mixed, change.Same: change.Same,
}

// TestPropertyMirror: diff(A,B) and diff(B,A) mirror each other: added ↔
// removed, and for tenants valid on both sides worse ↔ better, mixed ↔
// mixed, every pair swapped.
func TestPropertyMirror(t *testing.T) {
	var seen = map[string]int{}
	for _, seed := range pairSeeds(t) {
		a, b := pair(t, seed)
		ab, err := change.Compare(a, b)
		require.NoError(t, err)
		ba, err := change.Compare(b, a)
		require.NoError(t, err)
		require.Len(t, ba.Tenants, len(ab.Tenants), "seed %d", seed)
		assert.Equal(t, ab.Summary.Added, ba.Summary.Removed, "seed %d", seed)
		assert.Equal(t, ab.Reversed && ba.Reversed, false, "seed %d: at most one side is reversed", seed)
		for i := range ab.Tenants {
			x, y := ab.Tenants[i], ba.Tenants[i]
			where := fmt.Sprintf("seed %d tenant %d", seed, x.TenantID)
			require.Equal(t, x.TenantID, y.TenantID, where)
			assert.Equal(t, mirror[x.Change], y.Change, where)
			assert.Equal(t, swap(x.DataStatus), y.DataStatus, where)
			seen[x.Change]++
			if x.DataStatus.Old != nil && *x.DataStatus.Old == invalidData {
				seen[invalidData]++
			}
			if !x.Comparable() {
				assert.Equal(t, x.Direction == nil, y.Direction == nil, where)
				continue
			}
			require.True(t, y.Comparable(), where)
			seen[*x.Direction]++
			assert.Equal(t, mirror[*x.Direction], *y.Direction, where)
			assert.Equal(t, swap(*x.BackupPosture), *y.BackupPosture, where)
			assert.Equal(t, swap(*x.PrimaryReason), *y.PrimaryReason, where)
			assert.Equal(t, swap(*x.OverviewState), *y.OverviewState, where)
			assert.Equal(t, swap(*x.LatestRelevantRestoreRunID), *y.LatestRelevantRestoreRunID, where)
			assert.Equal(t, swap(*x.LatestRelevantAttentionState), *y.LatestRelevantAttentionState, where)
			assert.Equal(t, x.NeedsAttention.Added, y.NeedsAttention.Removed, where)
			assert.Equal(t, x.NeedsAttention.Removed, y.NeedsAttention.Added, where)
			require.Len(t, *y.RestoreRuns, len(*x.RestoreRuns), where)
			for k, rx := range *x.RestoreRuns {
				ry := (*y.RestoreRuns)[k]
				assert.Equal(t, rx.ID, ry.ID, where)
				assert.Equal(t, mirror[rx.Change], ry.Change, where)
				assert.Equal(t, swap(rx.Attention), ry.Attention, where)
				assert.Equal(t, swap(rx.Result), ry.Result, where)
			}
		}
	}
	if !testing.Short() {
		// The pairs reach every change and every direction, or the property
		// proves less than it says.
		for _, k := range []string{change.Added, change.Removed, change.Changed, change.Unchanged, change.Worse, change.Better, change.Mixed, change.Same, invalidData} {
			assert.Positive(t, seen[k], k)
		}
	}
}

func swap[T comparable](p change.Pair[T]) change.Pair[T] {
	return change.Pair[T]{Old: p.New, New: p.Old}
}

// TestPropertyHistoryOfOne: the history of one snapshot gives
// last_different_at null everywhere: nothing is known before it.
func TestPropertyHistoryOfOne(t *testing.T) {
	for _, seed := range pairSeeds(t) {
		a, _ := pair(t, seed)
		e, err := change.EntryOf("one.json", a)
		require.NoError(t, err)
		h, err := change.NewHistory([]change.Entry{e})
		require.NoError(t, err)
		require.Len(t, h.Tenants, len(a.Tenants))
		for i, th := range h.Tenants {
			where := fmt.Sprintf("seed %d tenant %d", seed, th.TenantID)
			require.Len(t, th.Timeline, 1, where)
			if a.Tenants[i].DataStatus != domain.DataValid {
				assert.Nil(t, th.BackupPosture, where)
				assert.Nil(t, th.OverviewState, where)
				continue
			}
			for _, s := range []*change.Since{th.BackupPosture, th.OverviewState} {
				require.NotNil(t, s, where)
				assert.Nil(t, s.LastDifferentAt, where)
				assert.Equal(t, *a.GeneratedAt, s.FirstSeenAt, where)
			}
		}
	}
}

// TestPropertyHistoryAgreesWithDiff: in a series of two snapshots, a state
// that the diff shows changing holds since between the two; one that did
// not change holds since at least the first.
func TestPropertyHistoryAgreesWithDiff(t *testing.T) {
	var moved, held int
	for _, seed := range pairSeeds(t) {
		a, b := pair(t, seed)
		d, err := change.Compare(a, b)
		require.NoError(t, err)
		if d.Reversed {
			a, b = b, a
			d, err = change.Compare(a, b)
			require.NoError(t, err)
		}
		ea, err := change.EntryOf("a", a)
		require.NoError(t, err)
		eb, err := change.EntryOf("b", b)
		require.NoError(t, err)
		h, err := change.NewHistory([]change.Entry{ea, eb})
		if err != nil {
			var tie *change.TieError
			require.ErrorAs(t, err, &tie, "seed %d", seed)
			continue // one instant: not a series
		}
		for _, tc := range d.Tenants {
			if !tc.Comparable() {
				continue
			}
			th := h.Tenant(tc.TenantID)
			where := fmt.Sprintf("seed %d tenant %d", seed, tc.TenantID)
			require.NotNil(t, th, where)
			for _, c := range []struct {
				pair  *change.Pair[string]
				since *change.Since
			}{{tc.BackupPosture, th.BackupPosture}, {tc.OverviewState, th.OverviewState}} {
				require.NotNil(t, c.since, where)
				assert.Equal(t, *c.pair.New, c.since.State, where)
				if c.pair.Differs() {
					moved++
					assert.Equal(t, &change.Since{State: *c.pair.New, FirstSeenAt: *b.GeneratedAt, LastDifferentAt: a.GeneratedAt}, c.since, where)
				} else {
					held++
					assert.Equal(t, &change.Since{State: *c.pair.New, FirstSeenAt: *a.GeneratedAt}, c.since, where)
				}
			}
		}
	}
	assert.Positive(t, moved, "states that moved")
	assert.Positive(t, held, "states that held")
}
