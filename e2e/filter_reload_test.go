package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
)

// portfolioFilter is a recovery filter and a search term, and the tenants
// the portfolio lists under both.
type portfolioFilter struct {
	recovery, q string
	want        []string // tenant ids, sorted
}

// pickFilter chooses from res (the CLI's resolve output) a recovery state
// and a search term that each narrow the list: fewer rows under both than
// under either alone, so a reload that dropped one of them shows. Search
// matches a part of the name, ignoring case; the term is three letters of
// some tenant's name. Of the candidates, the one with the most rows wins,
// then the first in order, so the choice is the same on every run.
func pickFilter(t *testing.T, res domain.Resolution) portfolioFilter {
	t.Helper()
	terms := map[string]bool{}
	for _, ts := range res.Tenants {
		name := strings.ToLower(ts.Name)
		for i := 0; i+3 <= len(name); i++ {
			if s := name[i : i+3]; strings.Trim(s, "abcdefghijklmnopqrstuvwxyz") == "" {
				terms[s] = true
			}
		}
	}
	var best portfolioFilter
	for _, recovery := range []string{string(domain.OverviewWeakened), string(domain.OverviewUnvalidated), string(domain.OverviewNoRecentIssuesVisible)} {
		for _, q := range slices.Sorted(maps.Keys(terms)) {
			var both []string
			byState, byTerm := 0, 0
			for _, ts := range res.Tenants {
				inState := ts.DataStatus == domain.DataValid && string(ts.RecoveryEvidence.OverviewState) == recovery
				hasTerm := strings.Contains(strings.ToLower(ts.Name), q)
				if inState {
					byState++
				}
				if hasTerm {
					byTerm++
				}
				if inState && hasTerm {
					both = append(both, tenantID(ts))
				}
			}
			if len(both) > len(best.want) && len(both) < byState && len(both) < byTerm {
				slices.Sort(both)
				best = portfolioFilter{recovery: recovery, q: q, want: both}
			}
		}
	}
	require.NotEmpty(t, best.want, "the snapshot has no filter and term that each narrow the list")
	return best
}

// The filter and search controls are applied by the app in the tab it
// runs in: Apply writes the address (so the view can be shared, and
// history has it) and renders the filtered rows, the CLI's, without a new
// document; back goes to the filter before; a reload keeps the filter in
// effect: the controls show it and the rows match.
func TestAppFilterSurvivesReload(t *testing.T) {
	chromium := browserTest(t)
	root := startApp(t)
	ctx := newBrowser(t, chromium)
	f := pickFilter(t, golden(t, "demo"))
	t.Logf("recovery=%s q=%s: tenants %v", f.recovery, f.q, f.want)
	byTerm := portfolioFilter{q: f.q, recovery: "any", want: []string{}}
	for _, ts := range golden(t, "demo").Tenants {
		if strings.Contains(strings.ToLower(ts.Name), f.q) {
			byTerm.want = append(byTerm.want, tenantID(ts))
		}
	}
	slices.Sort(byTerm.want)

	// window.__sameDocument is lost if Apply loads a new document.
	run(t, ctx, chromedp.Navigate(root+"s/demo/"), waitApp())
	evalString(t, ctx, `window.__sameDocument = true; "ok"`)
	apply := func(f portfolioFilter) *url.URL {
		t.Helper()
		before := evalString(t, ctx, `location.href`)
		run(t, ctx, chromedp.SetValue(chromedp.CSS(`#q`), f.q), chromedp.SetValue(chromedp.CSS(`#recovery`), f.recovery),
			chromedp.Click(chromedp.CSS(`form[role="search"] button[type="submit"]`)),
			until(`location.href !== `+quoteJS(t, before)), waitApp())
		assert.Equal(t, "true", evalString(t, ctx, `String(window.__sameDocument === true)`), "Apply kept the document")
		u, err := url.Parse(evalString(t, ctx, `location.href`))
		require.NoError(t, err)
		return u
	}

	first := apply(byTerm)
	assert.Equal(t, f.q, first.Query().Get("q"), "the search is in the address")
	filterInEffect(t, ctx, byTerm, "after the first Apply")

	u := apply(f)
	assert.Equal(t, f.q, u.Query().Get("q"), "the search is in the address")
	assert.Equal(t, f.recovery, u.Query().Get("recovery"), "the filter is in the address")
	filterInEffect(t, ctx, f, "after Apply")

	run(t, ctx, chromedp.NavigateBack(), until(`location.href === `+quoteJS(t, first.String())), waitApp())
	assert.Equal(t, "true", evalString(t, ctx, `String(window.__sameDocument === true)`), "back kept the document")
	filterInEffect(t, ctx, byTerm, "after back")
	run(t, ctx, chromedp.NavigateForward(), until(`location.href === `+quoteJS(t, u.String())), waitApp())
	filterInEffect(t, ctx, f, "after forward")

	run(t, ctx, chromedp.Reload(), waitApp())
	assert.Equal(t, u.String(), evalString(t, ctx, `location.href`), "the reload kept the address")
	filterInEffect(t, ctx, f, "after a reload")
}

// filterInEffect checks the portfolio open in ctx: the controls show f and
// exactly f's tenants are listed.
func filterInEffect(t *testing.T, ctx context.Context, f portfolioFilter, when string) {
	t.Helper()
	// The app renders a frame after the address changes: wait (boundedly)
	// for the rows, then check them.
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	_ = chromedp.Do(wctx, until(fmt.Sprintf(`[...document.querySelectorAll('[data-testid="tenant-row"]')].map(r => r.dataset.tenantId).sort().join(",") === %s`,
		quoteJS(t, strings.Join(f.want, ",")))))
	assert.Equal(t, f.q, evalString(t, ctx, `document.getElementById("q").value`), "%s: the search field", when)
	assert.Equal(t, f.recovery, evalString(t, ctx, `document.getElementById("recovery").value`), "%s: the recovery filter", when)
	var rows []portfolioRow
	require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, readPortfolioRows)), &rows))
	ids := []string{}
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	slices.Sort(ids)
	assert.Equal(t, f.want, ids, "%s: the rows shown", when)
}
