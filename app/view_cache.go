package app

// Views are cached so that each snapshot is checked and resolved once, and
// the cache is what bounds the server's memory whatever the requests:
//
//   - concurrent first requests for one snapshot share one load (a
//     hand-written singleflight): fifty visitors of a large snapshot cost
//     one decode, not fifty;
//   - at most decodeSlots loads run at a time, whatever they are for;
//   - the views kept weigh at most viewBudget bytes of their input, the
//     least recently used going first (the newest is always kept, so that a
//     snapshot above the budget is not decoded again on every request).
//
// The peak is thus about (decodeSlots + 1) decodes of the largest snapshot
// plus the budget. sourceMu guards everything here.

// decodeSlots bounds the loads running at once.
const decodeSlots = 2

// defaultViewBudget is the input bytes of the views kept.
const defaultViewBudget = 256 << 20

type viewCache struct {
	entries  map[string]*cacheEntry
	inflight map[string]*flight
	cost     int64  // of entries
	budget   int64  // viewBudget
	clock    uint64 // use counter, for least recently used
	joined   int    // loads joined rather than started, for tests
}

type cacheEntry struct {
	v       *View
	lastUse uint64
	pinned  bool // the user's own file: it cannot be loaded again
}

// flight is a load in progress; done is closed when v and err are set.
type flight struct {
	done chan struct{}
	v    *View
	err  error
}

var (
	views = newViewCache(defaultViewBudget)
	slots = make(chan struct{}, decodeSlots)
)

func newViewCache(budget int64) *viewCache {
	return &viewCache{entries: map[string]*cacheEntry{}, inflight: map[string]*flight{}, budget: budget}
}

// get returns the view cached under key. Callers hold sourceMu.
func (c *viewCache) get(key string) (*View, bool) {
	e, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.clock++
	e.lastUse = c.clock
	return e.v, true
}

// put caches v under key and evicts the least recently used views beyond
// the budget, never v itself nor a pinned one. Callers hold sourceMu.
func (c *viewCache) put(key string, v *View, pinned bool) {
	c.drop(key)
	c.clock++
	c.entries[key] = &cacheEntry{v: v, lastUse: c.clock, pinned: pinned}
	c.cost += v.cost
	for c.cost > c.budget {
		victim := ""
		var oldest uint64
		for k, e := range c.entries {
			if k != key && !e.pinned && (victim == "" || e.lastUse < oldest) {
				victim, oldest = k, e.lastUse
			}
		}
		if victim == "" {
			return
		}
		c.drop(victim)
	}
}

// drop forgets key. Callers hold sourceMu.
func (c *viewCache) drop(key string) {
	if e, ok := c.entries[key]; ok {
		c.cost -= e.v.cost
		delete(c.entries, key)
	}
}

// cachedView returns the view cached under key, or loads it: once, however
// many ask at the same time, and in one of the decode slots.
func cachedView(key string, load func() (*View, error)) (*View, error) {
	sourceMu.Lock()
	c := views
	if v, ok := c.get(key); ok {
		sourceMu.Unlock()
		return v, nil
	}
	if f, ok := c.inflight[key]; ok {
		c.joined++
		sourceMu.Unlock()
		<-f.done
		return f.v, f.err
	}
	f := &flight{done: make(chan struct{})}
	c.inflight[key] = f
	sourceMu.Unlock()

	func() {
		slots <- struct{}{}
		defer func() { <-slots }()
		f.v, f.err = load()
	}()

	sourceMu.Lock()
	delete(c.inflight, key)
	if f.err == nil && c == views { // not reconfigured meanwhile
		c.put(key, f.v, false)
	}
	sourceMu.Unlock()
	close(f.done)
	return f.v, f.err
}
