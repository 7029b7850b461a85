package app

import (
	"slices"
	"strings"

	"github.com/tenantatlas/tenantatlas/domain"
)

// portfolioRows is what the portfolio's filters need of one view, worked out
// once for it rather than on every render: each Apply, sort or page of a
// 5,000-tenant portfolio then walks one sorted order and copies at most the
// rows that match, instead of lowering every name and sorting them all
// again (docs/performance.md, "Filters and the sharded portfolio").
type portfolioRows struct {
	view  *View
	lower []string // each tenant's name in lower case, by position in Tenants
	// orders are positions in Tenants, sorted by each sort key; computed
	// when first asked for.
	orders map[string][]int32

	posture  map[domain.Posture]int
	overview map[domain.OverviewState]int
	invalid  int

	// last is the latest query's answer: a render repeated for the same
	// address costs nothing.
	lastQuery portfolioQuery
	lastRows  []domain.PortfolioTenant
	lastOK    bool
}

func newPortfolioRows(v *View) *portfolioRows {
	ts := v.Portfolio.Tenants
	x := &portfolioRows{view: v, lower: make([]string, len(ts)), orders: map[string][]int32{},
		posture: map[domain.Posture]int{}, overview: map[domain.OverviewState]int{}}
	for i, t := range ts {
		x.lower[i] = strings.ToLower(t.Name)
		if r := t.Row; r.DataStatus != domain.DataValid {
			x.invalid++
		} else {
			x.posture[*r.BackupPosture]++
			x.overview[*r.OverviewState]++
		}
	}
	return x
}

// order is the tenants' positions sorted by key (as sortTenants sorts).
func (x *portfolioRows) order(by string) []int32 {
	if o, ok := x.orders[by]; ok {
		return o
	}
	ts := x.view.Portfolio.Tenants
	o := make([]int32, len(ts))
	for i := range o {
		o[i] = int32(i)
	}
	slices.SortStableFunc(o, func(a, b int32) int {
		if c := compareBy(ts[a], ts[b], by); c != 0 {
			return c
		}
		return strings.Compare(x.lower[a], x.lower[b])
	})
	x.orders[by] = o
	return o
}

// rows are the tenants q shows, in its order. A filter keeps the relative
// order of what it keeps, so filtering the sorted list is sorting the
// filtered one.
func (x *portfolioRows) rows(q portfolioQuery) []domain.PortfolioTenant {
	key := q
	key.page = 0 // the page cuts the rows; it does not choose them
	if x.lastOK && x.lastQuery == key {
		return x.lastRows
	}
	ts := x.view.Portfolio.Tenants
	term := strings.ToLower(q.q)
	rows := []domain.PortfolioTenant{}
	for _, i := range x.order(q.sort) {
		if term != "" && !strings.Contains(x.lower[i], term) {
			continue
		}
		if q.keepsStates(ts[i].Row) {
			rows = append(rows, ts[i])
		}
	}
	x.lastQuery, x.lastRows, x.lastOK = key, rows, true
	return rows
}

// keepsStates reports whether a tenant's row passes the query's state
// filters: a state filter keeps only tenants whose data is valid.
func (q portfolioQuery) keepsStates(r domain.PortfolioRow) bool {
	if (q.backup != "" || q.recovery != "") && r.DataStatus != domain.DataValid {
		return false
	}
	return (q.backup == "" || string(*r.BackupPosture) == q.backup) &&
		(q.recovery == "" || string(*r.OverviewState) == q.recovery)
}
