package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/andybalholm/brotli"

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

// marks records, from the first byte of the document on, when the page's
// ready element (window.__readySelector, main[data-ready="true"] unless a
// script before it says otherwise) was first seen, when go-app's loader went
// away, when Go started (app.wasm instantiated: go-app's app.js runs it at
// once), when the app first changed the prerendered page (go-app replaces
// the body's first element with its own), and when the app's own ready
// element replaced the prerendered one. lost says the ready element left the
// DOM meanwhile.
const marks = `window.__marks = {};
(() => {
	const m = window.__marks, sel = () => window.__readySelector || 'main[data-ready="true"]';
	let first = null, root = null;
	const instantiate = WebAssembly.instantiateStreaming;
	if (instantiate) WebAssembly.instantiateStreaming = function () {
		return instantiate.apply(this, arguments).then((r) => { m.goStart = performance.now(); return r; });
	};
	new MutationObserver(() => {
		const now = performance.now(), el = document.querySelector(sel());
		if (!first && el) { first = el; m.ready = now; root = document.body && document.body.firstElementChild; }
		// go-app's loader follows the page in <body>: until the document is
		// parsed, its absence means only that it has not been parsed yet.
		if (!m.app && document.readyState !== "loading" && !document.getElementById("app-wasm-loader")) m.app = now;
		if (root && !m.firstRender && document.body.firstElementChild !== root) m.firstRender = now;
		if (first && !el) m.lost = true;
		if (first && el && el !== first && !m.appReady) m.appReady = now;
	}).observe(document, {subtree: true, childList: true, attributes: true});
})();`

// load is one page load's figures, in milliseconds from navigation start.
type load struct {
	FCP         float64 // first contentful paint: content visible
	Ready       float64 // the ready element first seen
	App         float64 // app.wasm took over (go-app's loader gone)
	AppReady    float64 // and rendered its own ready element
	GoStart     float64 // app.wasm instantiated, Go's main starting
	FirstRender float64 // the app's first change to the prerendered page
	Lost        bool    // the ready element left the DOM before AppReady
	WASM        float64 // app.wasm's download, request to last byte
	Bytes       float64 // bytes over the wire, the page and everything it fetched
	Rows        float64 // table rows in the DOM
}

const readLoad = `JSON.stringify({
	FCP: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1,
	Ready: window.__marks.ready ?? -1, App: window.__marks.app ?? -1, AppReady: window.__marks.appReady ?? -1,
	GoStart: window.__marks.goStart ?? -1, FirstRender: window.__marks.firstRender ?? -1, Lost: !!window.__marks.lost,
	WASM: (() => { const e = performance.getEntriesByType("resource").find((e) => /\/app[.0-9a-f]*\.wasm$/.test(new URL(e.name).pathname)); return e ? e.responseEnd - e.startTime : -1; })(),
	Bytes: performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).reduce((n, e) => n + e.transferSize, 0),
	Rows: document.querySelectorAll("tbody tr").length})`

// onNewDocument runs scripts in every document the tab loads from now on,
// before the document's own.
func onNewDocument(scripts ...string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, s := range scripts {
			if _, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: s}); err != nil {
				return err
			}
		}
		return nil
	})
}

// readySelector makes marks wait for sel instead of main[data-ready].
func readySelector(sel string) string {
	b, _ := json.Marshal(sel)
	return "window.__readySelector = " + string(b) + ";"
}

// noServiceWorker keeps the page from registering a service worker: go-app's
// app.js gives up on it, as in a browser without one.
const noServiceWorker = `if (navigator.serviceWorker) navigator.serviceWorker.register = () => Promise.reject(new Error("no service worker in this load"));`

// coldLoad opens url in a new browser and waits for done (a JS predicate).
func coldLoad(b *testing.B, chromium, url, done string, before ...string) load {
	b.Helper()
	ctx := newBrowser(b, chromium)
	l := loadIn(b, ctx, url, done, before...)
	closeBrowser(ctx)
	return l
}

// loadIn loads url in the browser of ctx, with marks (and before) run
// before the document's own scripts, and waits for done.
func loadIn(b *testing.B, ctx context.Context, url, done string, before ...string) load {
	b.Helper()
	run(b, ctx, onNewDocument(append(before, marks)...), chromedp.Navigate(url), until(done),
		until(`performance.getEntriesByName("first-contentful-paint").length > 0`))
	var l load
	require.NoError(b, json.Unmarshal([]byte(evalString(b, ctx, readLoad)), &l))
	return l
}

// repeatLoad loads url once in a new browser, waits until the service
// worker controls the page and has kept app.wasm, then loads url again in
// the same browser: the repeat visit's figures.
func repeatLoad(b *testing.B, chromium, url, done string, before ...string) load {
	b.Helper()
	ctx := newBrowser(b, chromium)
	defer closeBrowser(ctx)
	loadIn(b, ctx, url, done, before...)
	run(b, ctx, until(`navigator.serviceWorker.controller !== null`),
		until(`(async () => { for (const k of await caches.keys()) { const c = await caches.open(k); for (const r of await c.keys()) if (/\/app[.0-9a-f]*\.wasm$/.test(new URL(r.url).pathname)) return true; } return false; })()`))
	// Each document gets the scripts once: those above are in place.
	run(b, ctx, chromedp.Navigate(url), until(done),
		until(`performance.getEntriesByName("first-contentful-paint").length > 0`))
	var l load
	require.NoError(b, json.Unmarshal([]byte(evalString(b, ctx, readLoad)), &l))
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

// baselineSiteEnv names a static site built by another version of
// tenantatlas (`make site` in a checkout of it): BenchmarkBrowserTakeover
// then measures it beside this one, for before/after ratios in one run.
const baselineSiteEnv = "TENANTATLAS_BASELINE_SITE"

// helloSite builds go-app's hello app (bench/hello) with `make wasm`, as
// app.wasm is built, writes its static site with go-app's own generator,
// and compresses it as site.Build compresses a test build: go-app's floor,
// served the same way.
func helloSite(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "hello")
	for _, c := range [][]string{
		{"go", "run", "./bench/hello", "-site", dir},
		{"make", "-s", "wasm", "WASM_PKG=./bench/hello", "WASM=" + filepath.Join(dir, "web", "app.wasm")},
	} {
		cmd := exec.Command(c[0], c[1:]...)
		cmd.Dir = ".."
		out, err := cmd.CombinedOutput()
		require.NoError(b, err, "%v: %s", c, out)
	}
	for _, icon := range []string{"icon-192.png", "icon-512.png", "icon.svg"} {
		data, err := os.ReadFile(filepath.Join("..", "web", icon))
		require.NoError(b, err)
		require.NoError(b, os.WriteFile(filepath.Join(dir, "web", icon), data, 0o644))
	}
	require.NoError(b, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil || len(data) < 1024 {
			return err
		}
		var gz, br bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		_, _ = zw.Write(data)
		bw := brotli.NewWriterLevel(&br, 6) // site.Build's level in tests (QuickCompression)
		_, _ = bw.Write(data)
		if err := errors.Join(zw.Close(), bw.Close()); err != nil {
			return err
		}
		return errors.Join(os.WriteFile(p+".gz", gz.Bytes(), 0o644), os.WriteFile(p+".br", br.Bytes(), 0o644))
	}))
	return dir
}

// takeoverRuns are one site's figures in BenchmarkBrowserTakeover.
type takeoverRuns struct {
	cold, repeat, wasm, wasmNoWorker, firstRender, dataReady, lost []float64
}

// measureTakeover loads page on the site at url: cold, again with the
// service worker in place, and cold with no service worker.
func (r *takeoverRuns) measureTakeover(b *testing.B, chromium, url, done string, before ...string) {
	b.Helper()
	c := coldLoad(b, chromium, url, done, before...)
	rep := repeatLoad(b, chromium, url, done, before...)
	lost := 0.0
	if c.Lost {
		lost = 1
	}
	r.cold, r.repeat, r.wasm = append(r.cold, c.AppReady), append(r.repeat, rep.AppReady), append(r.wasm, c.WASM)
	r.firstRender, r.dataReady = append(r.firstRender, c.FirstRender-c.GoStart), append(r.dataReady, c.AppReady-c.GoStart)
	r.lost = append(r.lost, lost)
	if before == nil { // hello has no page of ours to measure without a worker
		n := coldLoad(b, chromium, url, done, noServiceWorker)
		r.wasmNoWorker = append(r.wasmNoWorker, n.WASM)
	}
}

// report writes the site's rows as ratios to hello's (and app.wasm's
// download to its own without a service worker), suffixed with name.
func (r *takeoverRuns) report(b *testing.B, hello *takeoverRuns, name string) {
	b.ReportMetric(median(r.cold)/median(hello.cold), "x-hello-cold"+name)
	b.ReportMetric(median(r.repeat)/median(hello.repeat), "x-hello-repeat"+name)
	b.ReportMetric(median(r.wasm)/median(r.wasmNoWorker), "x-no-worker-wasm-download"+name)
	b.ReportMetric(median(r.firstRender)/median(hello.firstRender), "x-hello-go-start-to-first-render"+name)
	b.ReportMetric(median(r.dataReady)/median(hello.firstRender), "x-hello-go-start-to-data-ready"+name)
	b.ReportMetric(median(r.lost), "lost-content"+name)
}

// BenchmarkBrowserTakeover: a prerendered tenant dashboard taken over by
// app.wasm, against go-app's hello app built and served the same way, in
// one run, alternately: navigation → the app's own data-ready, cold and on
// a repeat visit; app.wasm's download on a first visit against the same
// file in a load with no service worker; Go's start → the app's first
// render. With TENANTATLAS_BASELINE_SITE, the same rows for that site
// (suffix -baseline), measured alongside.
func BenchmarkBrowserTakeover(b *testing.B) {
	chromium := requireTools(b)
	ours := startNginx(b, builtSite(b, "/"), "/").URL
	hello := startNginx(b, helloSite(b), "/").URL
	var baseline string
	if dir := os.Getenv(baselineSiteEnv); dir != "" {
		baseline = startNginx(b, dir, "/").URL
	}
	const page = "s/demo/tenants/5"
	done := `window.__marks.appReady > 0 && !!document.querySelector('main[data-ready="true"] [data-testid="recovery-evidence"]')`
	var o, h, base takeoverRuns
	for b.Loop() {
		o.measureTakeover(b, chromium, ours+page, done)
		h.measureTakeover(b, chromium, hello, `window.__marks.appReady > 0`, readySelector("h1"))
		if baseline != "" {
			base.measureTakeover(b, chromium, baseline+page, done)
		}
	}
	o.report(b, &h, "")
	if baseline != "" {
		base.report(b, &h, "-baseline")
	}
	b.ReportMetric(median(h.cold), "ms-hello-cold")
	b.ReportMetric(median(o.cold), "ms-cold")
}
