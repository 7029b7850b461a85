package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/internal/site"
)

// Filters in the browser (docs/performance.md, "Filters and the sharded
// portfolio"): the portfolio's Apply, from the click to the filtered page
// being ready, against the same view reached through the app's own router,
// side by side in one tab; and the sharded 5,000-tenant portfolio's
// takeover against the demo's. Measured here, never asserted.

// filterMarks is injected into every document of the tab: when the rows
// shown are the ones asked for (sessionStorage "want", their ids joined),
// under main[data-ready] and at the address asked for ("wantSearch", its
// query compared without the form's empty and "any" values), it writes the time to sessionStorage "done". The
// storage outlives a new document, so an Apply that loads one is timed the
// same way as one that does not.
const filterMarks = `const norm = (s) => {
	const p = new URLSearchParams(s);
	for (const [k, v] of [...p]) if (v === "" || v === "any") p.delete(k);
	p.sort();
	return p.toString();
};
new MutationObserver(() => {
	const want = sessionStorage.getItem("want");
	if (want === null || !document.querySelector('main[data-ready="true"]')) return;
	const ids = [...document.querySelectorAll('[data-testid="tenant-row"]')].map(r => r.dataset.tenantId).join(",");
	if (ids === want && norm(location.search) === norm(sessionStorage.getItem("wantSearch"))) {
		sessionStorage.setItem("done", String(Date.now()));
		sessionStorage.removeItem("want");
	}
}).observe(document, {subtree: true, childList: true, attributes: true});`

// shownIDs reads the tenant ids the portfolio lists, joined by commas.
const shownIDs = `[...document.querySelectorAll('[data-testid="tenant-row"]')].map(r => r.dataset.tenantId).join(",")`

// appRouting holds once app.wasm runs the tab: its router is there.
const appRouting = `!document.getElementById("app-wasm-loader") && typeof goappNav === "function" && !!document.querySelector('main[data-ready="true"]')`

// filterBench is one portfolio and the filter applied to it.
type filterBench struct {
	root, snap string
	form       url.Values // q, recovery, sort: what the form is set to
}

func (f filterBench) filtered() string {
	return f.root + "s/" + f.snap + "/?" + f.form.Encode()
}

// timeUntilShown starts the clock, runs act (JS), and returns the
// milliseconds until the rows want are shown at the address with search.
func timeUntilShown(b *testing.B, ctx context.Context, want, search, act string) float64 {
	b.Helper()
	start := fmt.Sprintf(`sessionStorage.removeItem("done"); sessionStorage.setItem("wantSearch", %q); sessionStorage.setItem("want", %q); sessionStorage.setItem("t0", String(Date.now())); %s; "ok"`, search, want, act)
	evalString(b, ctx, start)
	waitAcrossDocuments(b, ctx, `sessionStorage.getItem("done") !== null && (`+appRouting+`)`)
	var ms float64
	require.NoError(b, json.Unmarshal([]byte(evalString(b, ctx, `String(Number(sessionStorage.getItem("done")) - Number(sessionStorage.getItem("t0")))`)), &ms))
	return ms
}

// waitAcrossDocuments waits for a JavaScript predicate to hold, through a
// new document loading meanwhile (Apply's on main), which fails a
// chromedp.Poll with the old document's context gone.
func waitAcrossDocuments(b *testing.B, ctx context.Context, expr string) {
	b.Helper()
	deadline := time.Now().Add(stepBound)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.Fatalf("browser: %s did not hold within %s", expr, stepBound)
}

// benchApply alternates, in one tab with the app running: the filter
// applied through the form's Apply, and the same address through the
// app's router (goappNav, as a click on one of its links), each from the
// unfiltered portfolio.
func benchApply(b *testing.B, chromium string, f filterBench) {
	ctx := newBrowser(b, chromium)
	inject := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: filterMarks})
		return err
	})
	plain := f.root + "s/" + f.snap + "/"
	run(b, ctx, inject, chromedp.Navigate(plain), until(appRouting))
	all := evalString(b, ctx, shownIDs)
	nav := func(u string) string { return fmt.Sprintf(`goappNav(%q)`, u) }
	search := "?" + f.form.Encode()
	// The rows the filter shows, by the router; Apply must show the same.
	evalString(b, ctx, nav(f.filtered())+`; "ok"`)
	run(b, ctx, until(`location.search === `+fmt.Sprintf("%q", search)), until(appRouting),
		until(shownIDs+` !== `+fmt.Sprintf("%q", all)))
	want := evalString(b, ctx, shownIDs)
	require.NotEmpty(b, want, "the filter shows some tenants")
	reset := func() {
		b.Helper()
		timeUntilShown(b, ctx, all, "", nav(plain))
	}
	apply := fmt.Sprintf(`document.getElementById("q").value = %q; document.getElementById("recovery").value = %q; document.getElementById("sort").value = %q;
		window.__sameDocument = true; document.querySelector('form[role="search"] button[type="submit"]').click()`,
		f.form.Get("q"), f.form.Get("recovery"), f.form.Get("sort"))

	var applied, routed, reloads []float64
	for b.Loop() {
		reset()
		applied = append(applied, timeUntilShown(b, ctx, want, search, apply))
		if evalString(b, ctx, `String(window.__sameDocument === true)`) == "true" {
			reloads = append(reloads, 0)
		} else {
			reloads = append(reloads, 1)
		}
		reset()
		routed = append(routed, timeUntilShown(b, ctx, want, search, nav(f.filtered())))
	}
	b.ReportMetric(median(applied), "ms-apply")
	b.ReportMetric(median(routed), "ms-router")
	b.ReportMetric(median(applied)/median(routed), "x-router")
	b.ReportMetric(median(reloads), "documents-loaded")
}

// largeSite builds and serves the 5,000-tenant snapshot, sharded, as
// BenchmarkBrowserLargePortfolio does; its root URL.
func largeSite(b *testing.B) string {
	b.Helper()
	fixturesDir := b.TempDir()
	f, err := os.Create(filepath.Join(fixturesDir, "large.json"))
	require.NoError(b, err)
	require.NoError(b, gen.Write(f, gen.Options{Tenants: 5000, RunsPerTenant: 4, Seed: 1}))
	require.NoError(b, f.Close())
	dist := buildOnce(b, "large", "/", os.DirFS(fixturesDir), site.ShardAbove(site.DefaultShardAbove))
	return startNginx(b, dist, "/").URL
}

// BenchmarkBrowserFilterApply: the portfolio's Apply (search, a recovery
// filter and a sort) until the filtered rows are shown, against the same
// view through the app's router; on the demo and on 5,000 tenants.
func BenchmarkBrowserFilterApply(b *testing.B) {
	chromium := requireTools(b)
	form := url.Values{"q": {"o"}, "recovery": {"unvalidated"}, "sort": {"attention"}}
	b.Run("demo", func(b *testing.B) {
		benchApply(b, chromium, filterBench{root: startNginx(b, builtSite(b, "/"), "/").URL, snap: "demo", form: form})
	})
	b.Run("5000-tenants", func(b *testing.B) {
		benchApply(b, chromium, filterBench{root: largeSite(b), snap: "large", form: form})
	})
}

// BenchmarkBrowserShardedTakeover: the sharded 5,000-tenant portfolio,
// cold, until the app has rendered it, against the 15-tenant demo's,
// loaded alternately.
func BenchmarkBrowserShardedTakeover(b *testing.B) {
	chromium := requireTools(b)
	demo := startNginx(b, builtSite(b, "/"), "/").URL
	large := largeSite(b)
	done := `window.__marks.appReady > 0`
	var ours, ref []float64
	for b.Loop() {
		ours = append(ours, coldLoad(b, chromium, large+"s/large/", done).AppReady)
		ref = append(ref, coldLoad(b, chromium, demo+"s/demo/", done).AppReady)
	}
	b.ReportMetric(median(ours), "ms-5000-app-ready")
	b.ReportMetric(median(ref), "ms-demo-app-ready")
	b.ReportMetric(median(ours)/median(ref), "x-demo")
}
