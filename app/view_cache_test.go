package app

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gatedSource counts the loads of each snapshot and holds every load until
// the test opens the gate, so that the test decides who runs when.
type gatedSource struct {
	memSource
	gate   chan struct{}
	mu     sync.Mutex
	loads  map[string]int
	active int // loads inside Snapshot now
	peak   int
}

func newGatedSource(src memSource) *gatedSource {
	return &gatedSource{memSource: src, gate: make(chan struct{}), loads: map[string]int{}}
}

func (g *gatedSource) Snapshot(name string) ([]byte, error) {
	g.mu.Lock()
	g.loads[name]++
	g.active++
	g.peak = max(g.peak, g.active)
	g.mu.Unlock()
	<-g.gate
	g.mu.Lock()
	g.active--
	g.mu.Unlock()
	return g.memSource.Snapshot(name)
}

// waitUntil lets the other goroutines run until cond holds (no clock: the
// goroutines under test make progress on their own, or the test times out).
func waitUntil(cond func() bool) {
	for !cond() {
		waitABit()
	}
}

func joined() int {
	sourceMu.Lock()
	defer sourceMu.Unlock()
	return views.joined
}

// N simultaneous first requests for one snapshot share one decode, and all
// get the same view.
func TestConcurrentFirstRequestsShareOneDecode(t *testing.T) {
	const n = 50
	src := newGatedSource(fixtureSource(t))
	Configure(src, Catalog{}, "/")
	t.Cleanup(func() { Configure(nil, Catalog{}, "/") })

	got := make([]*View, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			v, err := ViewFor(ParseAddress("/s/demo/", nil))
			assert.NoError(t, err)
			got[i] = v
		})
	}
	waitUntil(func() bool { return joined() == n-1 }) // one loads, the others wait for it
	close(src.gate)
	wg.Wait()

	assert.Equal(t, 1, src.loads["demo"], "one decode for %d concurrent first requests", n)
	require.NotNil(t, got[0])
	for i := range got {
		assert.Same(t, got[0], got[i])
	}
	v, err := ViewFor(ParseAddress("/s/demo/tenants/1", nil))
	require.NoError(t, err)
	assert.Same(t, got[0], v, "later requests read the cache")
	assert.Equal(t, 1, src.loads["demo"])
}

// Whatever snapshots are asked for at once, at most decodeSlots decode at a
// time, and the others wait their turn.
func TestDecodesAreBounded(t *testing.T) {
	src := newGatedSource(fixtureSource(t))
	Configure(src, Catalog{}, "/")
	t.Cleanup(func() { Configure(nil, Catalog{}, "/") })
	names := src.Names()
	require.Greater(t, len(names), 3*decodeSlots)

	var wg sync.WaitGroup
	var waiting atomic.Int64
	for _, name := range names {
		wg.Go(func() {
			waiting.Add(1)
			_, _ = ViewFor(ParseAddress("/s/"+name+"/", nil))
		})
	}
	waitUntil(func() bool {
		src.mu.Lock()
		defer src.mu.Unlock()
		return waiting.Load() == int64(len(names)) && src.active == decodeSlots
	})
	close(src.gate)
	wg.Wait()
	assert.Equal(t, decodeSlots, src.peak, "never more than %d decodes at once", decodeSlots)
	for _, name := range names {
		assert.Equal(t, 1, src.loads[name], name)
	}
}

// The views kept never weigh more than the budget, whatever is asked for:
// the least recently used go first, the one just loaded stays.
func TestViewCacheKeepsToItsBudget(t *testing.T) {
	src := fixtureSource(t)
	Configure(src, Catalog{}, "/")
	t.Cleanup(func() { Configure(nil, Catalog{}, "/") })
	var largest int64
	for _, b := range src {
		largest = max(largest, int64(len(b)))
	}
	sourceMu.Lock()
	views.budget = largest * 2
	sourceMu.Unlock()

	for round := range 3 {
		for _, name := range src.Names() {
			_, err := ViewFor(ParseAddress("/s/"+name+"/", nil))
			require.NoError(t, err)
			sourceMu.Lock()
			cost, n := views.cost, len(views.entries)
			sourceMu.Unlock()
			assert.LessOrEqual(t, cost, largest*2, "round %d, after %s: %d views", round, name, n)
			assert.Positive(t, n, "the view just loaded is kept")
		}
	}
	sourceMu.Lock()
	_, kept := views.get("demo")
	sourceMu.Unlock()
	if !kept {
		_, err := ViewFor(ParseAddress("/s/demo/", nil))
		require.NoError(t, err, "an evicted view is loaded again")
	}
}

// The user's own file is never evicted: it cannot be loaded again.
func TestViewCacheKeepsTheLocalFile(t *testing.T) {
	c := newViewCache(10)
	local := &View{Name: LocalSnapshot, cost: 100}
	c.put(LocalSnapshot, local, true)
	for i := range 5 {
		c.put(fmt.Sprint(i), &View{cost: 100}, false)
	}
	v, ok := c.get(LocalSnapshot)
	assert.True(t, ok)
	assert.Same(t, local, v)
	assert.Len(t, c.entries, 2, "the local file and the newest view")
}

// Names lists the snapshots, sorted.
func (m memSource) Names() []string {
	return slices.Sorted(maps.Keys(m))
}

func waitABit() { runtime.Gosched() }
