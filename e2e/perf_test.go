package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/internal/site"
)

// Browser timings (docs/performance.md): measured here, in benchmarks,
// never asserted in a test. Every load is cold (a new browser profile), on
// the static site behind nginx on loopback, and each figure is set against a
// reference loaded side by side, alternately, in the same run. Run them with
// `make bench-browser` (or `go test -run '^$' -bench Browser -benchtime 7x ./e2e`).

// marks records, from the first byte of the document on, when the app took
// over (go-app removes its loader) and when main first carried data-ready.
const marks = `window.__marks = {};
new MutationObserver(() => {
	const m = window.__marks, now = performance.now();
	if (!m.ready && document.querySelector('main[data-ready="true"]')) m.ready = now;
	// go-app's loader follows the page in <body>: until the document is
	// parsed, its absence means only that it has not been parsed yet.
	if (!m.app && document.readyState !== "loading" && !document.getElementById("app-wasm-loader")) m.app = now;
	// The app's first render is its loading state, not data-ready; its
	// page is ready when data-ready comes back.
	if (m.app && !document.querySelector('main[data-ready="true"]')) m.lost = true;
	if (m.lost && !m.appReady && document.querySelector('main[data-ready="true"]')) m.appReady = now;
}).observe(document, {subtree: true, childList: true, attributes: true});`

// load is one cold page load's figures, in milliseconds from navigation start.
type load struct {
	FCP      float64 // first contentful paint: content visible
	Ready    float64 // main[data-ready="true"] first seen
	App      float64 // app.wasm took over
	AppReady float64 // and rendered its own data-ready page
	Bytes    float64 // bytes over the wire, the page and everything it fetched
	Rows     float64 // table rows in the DOM
}

const readLoad = `JSON.stringify({
	FCP: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1,
	Ready: window.__marks.ready ?? -1, App: window.__marks.app ?? -1, AppReady: window.__marks.appReady ?? -1,
	Bytes: performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).reduce((n, e) => n + e.transferSize, 0),
	Rows: document.querySelectorAll("tbody tr").length})`

// coldLoad opens url in a new browser and waits for done (a JS predicate).
func coldLoad(b *testing.B, chromium, url, done string) load {
	b.Helper()
	ctx := newBrowser(b, chromium)
	inject := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: marks})
		return err
	})
	run(b, ctx, inject, chromedp.Navigate(url), until(done),
		until(`performance.getEntriesByName("first-contentful-paint").length > 0`))
	var l load
	require.NoError(b, json.Unmarshal([]byte(evalString(b, ctx, readLoad)), &l))
	closeBrowser(ctx)
	return l
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

// BenchmarkBrowserTenantDashboard: a prerendered tenant dashboard against a
// plain static HTML page with the same content and stylesheet (the page
// itself, without go-app's scripts): the time until content is visible, and
// the time until app.wasm has taken over.
func BenchmarkBrowserTenantDashboard(b *testing.B) {
	chromium := requireTools(b)
	dist := builtSite(b, "/")
	html, err := os.ReadFile(filepath.Join(dist, "s", "demo", "tenants", "5.html"))
	require.NoError(b, err)
	plain := regexp.MustCompile(`<script[^>]*></script>|<link rel="manifest"[^>]*>|<link[^>]*manifest[^>]*>`).ReplaceAll(html, nil)
	require.False(b, bytes.Contains(plain, []byte("app.js")))
	require.NoError(b, os.MkdirAll(filepath.Join(dist, "perf"), 0o755))
	require.NoError(b, os.WriteFile(filepath.Join(dist, "perf", "plain-tenant.html"), plain, 0o644))
	srv := startNginx(b, dist, "/")

	visible := `!!document.querySelector('[data-testid="recovery-evidence"]')`
	var ours, floor, app []float64
	for b.Loop() {
		o := coldLoad(b, chromium, srv.URL+"s/demo/tenants/5", visible+` && window.__marks.appReady > 0`)
		f := coldLoad(b, chromium, srv.URL+"perf/plain-tenant.html", visible)
		ours, floor, app = append(ours, o.FCP), append(floor, f.FCP), append(app, o.AppReady)
	}
	b.ReportMetric(median(ours), "ms-visible")
	b.ReportMetric(median(floor), "ms-visible-plain-html")
	b.ReportMetric(median(ours)/median(floor), "x-plain-html")
	b.ReportMetric(median(app), "ms-app-took-over")
}

// BenchmarkBrowserLargePortfolio: a 5,000-tenant portfolio, sharded: the
// time until the prerendered page is visible and until the app has
// rendered it from index.json, the bytes fetched, the rows in the DOM; and a
// tenant's page of it, rendered by the app from 404.html, index.json and
// the tenant's own file.
func BenchmarkBrowserLargePortfolio(b *testing.B) {
	chromium := requireTools(b)
	fixturesDir := b.TempDir()
	f, err := os.Create(filepath.Join(fixturesDir, "large.json"))
	require.NoError(b, err)
	require.NoError(b, gen.Write(f, gen.Options{Tenants: 5000, RunsPerTenant: 4, Seed: 1}))
	require.NoError(b, f.Close())
	dist := buildOnce(b, "large", "/", os.DirFS(fixturesDir), site.ShardAbove(site.DefaultShardAbove))
	srv := startNginx(b, dist, "/")

	var visible, prerendered, ready, kb, rows, tenant, tenantKB []float64
	for b.Loop() {
		p := coldLoad(b, chromium, srv.URL+"s/large/", `window.__marks.appReady > 0`)
		visible, prerendered, ready = append(visible, p.FCP), append(prerendered, p.Ready), append(ready, p.AppReady)
		kb, rows = append(kb, p.Bytes/1024), append(rows, p.Rows)
		t := coldLoad(b, chromium, srv.URL+"s/large/tenants/4321", `window.__marks.appReady > 0 && !!document.querySelector('[data-testid="recovery-evidence"]')`)
		tenant, tenantKB = append(tenant, t.AppReady), append(tenantKB, t.Bytes/1024)
	}
	b.ReportMetric(median(visible), "ms-portfolio-visible")
	b.ReportMetric(median(prerendered), "ms-portfolio-ready")
	b.ReportMetric(median(ready), "ms-portfolio-app-ready")
	b.ReportMetric(median(kb), "KiB-portfolio")
	b.ReportMetric(median(rows), "dom-rows")
	b.ReportMetric(median(tenant), "ms-tenant-app-ready")
	b.ReportMetric(median(tenantKB), "KiB-tenant")
}
