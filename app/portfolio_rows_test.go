package app

import (
	"bytes"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/internal/gen"
)

// naiveRows is the portfolio's rows the plain way: filter every tenant,
// then sort what is left, as the page did before portfolioRows.
func naiveRows(ts []domain.PortfolioTenant, q portfolioQuery) []domain.PortfolioTenant {
	rows := []domain.PortfolioTenant{}
	for _, t := range ts {
		if q.q != "" && !strings.Contains(strings.ToLower(t.Name), strings.ToLower(q.q)) {
			continue
		}
		if q.keepsStates(t.Row) {
			rows = append(rows, t)
		}
	}
	slices.SortStableFunc(rows, func(a, b domain.PortfolioTenant) int {
		if c := compareBy(a, b, q.sort); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return rows
}

// Sorting once and filtering the sorted order shows the same rows, in the
// same order, as filtering and then sorting, for every sort and filter.
func TestPortfolioRowsAgreeWithFilterThenSort(t *testing.T) {
	demo, err := fixtures.FS.ReadFile("demo.json")
	require.NoError(t, err)
	var large bytes.Buffer
	require.NoError(t, gen.Write(&large, gen.Options{Tenants: 400, RunsPerTenant: 2, Seed: 3}))
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		name string
		data []byte
	}{{"demo", demo}, {"generated", large.Bytes()}} {
		v := NewView(c.name, c.data)
		require.NotNil(t, v.Portfolio, c.name)
		x := newPortfolioRows(v)
		terms := []string{"", "o", "CO", "ltd 1", "zzz", "é"}
		backups := []string{"", string(domain.PostureAbsent), string(domain.PostureStale), string(domain.PostureDegraded), string(domain.PostureHealthy)}
		recoveries := []string{"", string(domain.OverviewWeakened), string(domain.OverviewUnvalidated), string(domain.OverviewNoRecentIssuesVisible)}
		sorts := []string{"name", "id", "backup", "recovery", "attention"}
		for range 200 {
			v := url.Values{"q": {terms[rng.IntN(len(terms))]}, "backup": {backups[rng.IntN(len(backups))]},
				"recovery": {recoveries[rng.IntN(len(recoveries))]}, "sort": {sorts[rng.IntN(len(sorts))]}}
			q := readPortfolioQuery(v)
			want := naiveRows(x.view.Portfolio.Tenants, q)
			assert.Equal(t, want, x.rows(q), "%s: %s", c.name, v.Encode())
			assert.Equal(t, want, x.rows(q), "%s: %s, asked again", c.name, v.Encode())
		}
	}
}

// A new address keeps the page's view only when it names the same data
// and the page had it.
func TestCanKeepView(t *testing.T) {
	view := &View{}
	loaded := loader{navigated: true, view: view, addr: Address{Kind: pagePortfolio, Snap: "demo"}}
	portfolio := func(snap, query string) Address {
		q, err := url.ParseQuery(query)
		require.NoError(t, err)
		return Address{Kind: pagePortfolio, Snap: snap, Query: q}
	}
	with := func(f func(*loader)) loader { l := loaded; f(&l); return l }
	cases := []struct {
		name string
		prev loader
		next Address
		want bool
	}{
		{"a filter of the same portfolio", loaded, portfolio("demo", "recovery=weakened"), true},
		{"another page of it", loaded, portfolio("demo", "page=2"), true},
		{"another snapshot", loaded, portfolio("other", ""), false},
		{"another kind of page", loaded, Address{Kind: pageCoverage, Snap: "demo"}, false},
		{"nothing loaded yet", with(func(l *loader) { l.view = nil }), portfolio("demo", ""), false},
		{"still loading", with(func(l *loader) { l.loading = true }), portfolio("demo", ""), false},
		{"first render", with(func(l *loader) { l.navigated = false }), portfolio("demo", ""), false},
		{"a load that failed", with(func(l *loader) { l.err = ErrNoSnapshot }), portfolio("demo", ""), false},
		{"the changes page's ?from=", with(func(l *loader) { l.wants.changes = true; l.addr.Kind = pageChanges }),
			Address{Kind: pageChanges, Snap: "demo"}, false},
		{"the user's own file", with(func(l *loader) { l.addr.Snap = LocalSnapshot }), portfolio(LocalSnapshot, "q=a"), false},
		{"another tenant", with(func(l *loader) { l.addr = Address{Kind: pageRestoreRuns, Snap: "demo", Tenant: 1} }),
			Address{Kind: pageRestoreRuns, Snap: "demo", Tenant: 2}, false},
		{"the same tenant's runs sorted", with(func(l *loader) { l.addr = Address{Kind: pageRestoreRuns, Snap: "demo", Tenant: 1} }),
			Address{Kind: pageRestoreRuns, Snap: "demo", Tenant: 1, Query: url.Values{"sort": {"created"}}}, true},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, canKeepView(c.prev, c.next), c.name)
	}
}

// A state filter keeps a tenant whose valid row has that state, and never a
// quarantined tenant, which has no state to compare.
func TestKeepsStates(t *testing.T) {
	healthy, stale := domain.PostureHealthy, domain.PostureStale
	weakened := domain.OverviewWeakened
	valid := func(p domain.Posture, o domain.OverviewState) domain.PortfolioRow {
		return domain.PortfolioRow{DataStatus: domain.DataValid, BackupPosture: &p, OverviewState: &o}
	}
	quarantined := domain.PortfolioRow{DataStatus: domain.DataInvalid}
	tests := []struct {
		name string
		q    portfolioQuery
		row  domain.PortfolioRow
		want bool
	}{
		{"no filter keeps a valid row", portfolioQuery{}, valid(healthy, weakened), true},
		{"no filter keeps a quarantined row", portfolioQuery{}, quarantined, true},
		{"backup filter, same posture", portfolioQuery{backup: string(healthy)}, valid(healthy, weakened), true},
		{"backup filter, other posture", portfolioQuery{backup: string(stale)}, valid(healthy, weakened), false},
		{"backup filter, quarantined", portfolioQuery{backup: string(healthy)}, quarantined, false},
		{"recovery filter, same overview", portfolioQuery{recovery: string(weakened)}, valid(stale, weakened), true},
		{"recovery filter, other overview", portfolioQuery{recovery: string(domain.OverviewUnvalidated)}, valid(stale, weakened), false},
		{"recovery filter, quarantined", portfolioQuery{recovery: string(weakened)}, quarantined, false},
		{"both filters, both match", portfolioQuery{backup: string(stale), recovery: string(weakened)}, valid(stale, weakened), true},
		{"both filters, one matches", portfolioQuery{backup: string(healthy), recovery: string(weakened)}, valid(stale, weakened), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.q.keepsStates(tt.row))
		})
	}
}
