package app

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tenantatlas/tenantatlas/change"
)

// A series is several snapshots of one portfolio (docs/history.md): the
// shipped fixtures/series/SERIES/*.json, published as SERIES.STEM, or several
// files the user opened together in the browser. Pages of a series snapshot
// say since when each state holds and show the trend, from the snapshots of
// its series up to and including it: a later snapshot is never read.

// SortSeries orders one series' catalog entries by generated_at, compared as
// instants, then by name; an entry without a readable generated_at (a
// rejected snapshot) comes last.
func SortSeries(es []CatalogEntry) {
	at := func(e CatalogEntry) (time.Time, bool) {
		t, err := time.Parse(time.RFC3339Nano, e.GeneratedAt)
		return t, err == nil
	}
	slices.SortStableFunc(es, func(a, b CatalogEntry) int {
		ta, oka := at(a)
		tb, okb := at(b)
		switch {
		case oka && okb:
			return cmp.Or(ta.Compare(tb), strings.Compare(a.Name, b.Name))
		case oka:
			return -1
		case okb:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// seriesInfo is what a page of a series snapshot knows of its series.
type seriesInfo struct {
	Name string
	// History is the series up to and including the snapshot; Index is
	// the snapshot's position in it (the last).
	History *change.History
	Index   int
	// Left are snapshots of the series before this one that could not be
	// read or were rejected: they are left out of the history.
	Left []string
	// Err says why the series could not be put together (History is nil).
	Err error
}

// Tenant is the history of tenant id as of this snapshot, and whether the
// tenant is valid in it: only then do its states have a "since".
func (s *seriesInfo) Tenant(id int64) (*change.TenantHistory, bool) {
	if s == nil || s.History == nil {
		return nil, false
	}
	th := s.History.Tenant(id)
	if th == nil || s.Index >= len(th.Timeline) {
		return nil, false
	}
	p := th.Timeline[s.Index]
	return th, p != nil && p.BackupPosture != nil && p.OverviewState != nil
}

// Previous is the name of the snapshot before this one in its series, or "".
func (s *seriesInfo) Previous() string {
	if s == nil || s.History == nil || s.Index == 0 {
		return ""
	}
	return s.History.Snapshots[s.Index-1].File
}

// seriesMembers are the catalog entries of snap's series in order, and
// snap's position among them; nil when snap is in no series.
func seriesMembers(c Catalog, snap string) ([]CatalogEntry, int) {
	i := slices.IndexFunc(c.Entries, func(e CatalogEntry) bool { return e.Name == snap })
	if i < 0 || c.Entries[i].Series == "" {
		return nil, -1
	}
	series := c.Entries[i].Series
	var members []CatalogEntry
	pos := -1
	for _, e := range c.Entries {
		if e.Series != series {
			continue
		}
		if e.Name == snap {
			pos = len(members)
		}
		members = append(members, e)
	}
	return members, pos
}

// errNotInSeries is a snapshot that belongs to no series.
var errNotInSeries = errors.New("not in a series")

// loadSeries reads the series of snap up to and including it. The result is
// cached with the views.
func loadSeries(snap string) (*seriesInfo, error) {
	if !IsLocal(snap) && !strings.Contains(snap, ".") {
		// A series snapshot is SERIES.STEM: without a dot the name is
		// in none, and the browser need not fetch the catalog to know.
		return nil, errNotInSeries
	}
	c, err := catalogFor(snap)
	if err != nil {
		return nil, err
	}
	members, pos := seriesMembers(c, snap)
	if members == nil {
		return nil, errNotInSeries
	}
	key := "series:" + snap
	sourceMu.Lock()
	cached, ok := series[key]
	sourceMu.Unlock()
	if ok {
		return cached, nil
	}
	info := &seriesInfo{Name: members[pos].Series}
	var entries []change.Entry
	for _, m := range members[:pos+1] {
		v, err := loadView(Address{Kind: pagePortfolio, Snap: m.Name})
		if err != nil || v.Rejected() {
			if m.Name == snap {
				return nil, fmt.Errorf("snapshot %s could not be read", snap)
			}
			info.Left = append(info.Left, m.Name)
			continue
		}
		entries = append(entries, change.EntryOfPortfolio(m.Name, v.Portfolio))
	}
	h, err := change.NewHistory(entries)
	if err != nil {
		return nil, err
	}
	info.History = h
	info.Index = h.Index(snap)
	if info.Index != len(h.Snapshots)-1 {
		// The catalog's order and the snapshots' own instants disagree:
		// keep to the snapshots, and use none read after this one.
		info.History = h.Upto(info.Index)
	}
	sourceMu.Lock()
	series[key] = info
	sourceMu.Unlock()
	return info, nil
}

// localGroup is the catalog group of a local series.
const localGroup = "Your files"

// localName is the snapshot name of the i-th file of a local series.
func localName(i int) string { return fmt.Sprintf("%s.%d", LocalSnapshot, i+1) }

// orderLocal puts opened files in generated_at order (read loosely: a file
// that is not a snapshot goes last, and its pages say why).
func orderLocal(files []openedFile) {
	es := make([]CatalogEntry, len(files))
	byName := map[string]openedFile{}
	for i, f := range files {
		es[i] = CatalogEntry{Name: fmt.Sprintf("%06d", i), GeneratedAt: f.GeneratedAt}
		byName[es[i].Name] = f
	}
	SortSeries(es)
	for i, e := range es {
		files[i] = byName[e.Name]
	}
}

// localStart is where the user's own files open: the latest snapshot of a
// local series, or the one local file.
func localStart() string {
	if c := loadedLocalCatalog(); len(c.Entries) > 0 {
		return "/s/" + c.Entries[len(c.Entries)-1].Name + "/"
	}
	return "/s/" + LocalSnapshot + "/"
}
