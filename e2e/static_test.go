package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/internal/depth"
	"github.com/tenantatlas/tenantatlas/internal/site"
	"github.com/tenantatlas/tenantatlas/web"
)

// The tests run side by side, and package app's snapshot source is one for
// the process: site.New (which site.Build calls) sets it up for the site it
// builds, to prerender its pages. Every call of either holds sitesMu, and
// configured says which site the source is now set up for (a key of
// buildOnce, or servedSite's).
var (
	sitesMu    sync.Mutex
	sites      = map[string]string{}
	configured string
)

// builtSite builds the static site for basePath once per test run, the way
// `tenantatlas build` does (quick compression: these tests check serving).
func builtSite(t testing.TB, basePath string) string {
	t.Helper()
	return buildOnce(t, basePath, basePath, fixtures.FS)
}

// buildOnce builds a site once per test run under key.
func buildOnce(t testing.TB, key, basePath string, fsys fs.FS, opts ...site.Option) string {
	t.Helper()
	if !web.HasWASM() {
		if os.Getenv("REQUIRE_BROWSER") == "1" {
			t.Fatal("app.wasm is not built: run `make wasm` (make test does)")
		}
		t.Skip("SKIPPED: app.wasm is not built; run `make wasm` (make test does)")
	}
	out, err := buildSite(key, basePath, fsys, opts...)
	require.NoError(t, err, "building the site %q", key)
	return out
}

// buildSite is buildOnce's build, without a test: TestMain's prebuilds too.
func buildSite(key, basePath string, fsys fs.FS, opts ...site.Option) (string, error) {
	sitesMu.Lock()
	defer sitesMu.Unlock()
	if dir, ok := sites[key]; ok {
		return dir, nil
	}
	dir, err := os.MkdirTemp("", "tenantatlas-site-")
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "dist")
	app.Routes()
	configured = "build " + key
	if _, err := site.Build(site.BuildOptions{Out: out, BasePath: basePath, Fixtures: fsys, QuickCompression: true, Site: opts}); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	sites[key] = out
	return out, nil
}

// golden is the CLI's resolve output for a shipped snapshot, as held by
// cmd/tenantatlas's golden tests: the browser must agree with it.
func golden(t *testing.T, name string) domain.Resolution {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "cmd", "tenantatlas", "testdata", "golden", name+".json"))
	require.NoError(t, err)
	var res domain.Resolution
	require.NoError(t, json.Unmarshal(b, &res))
	return res
}

// pageState is what a page shows, read in the browser after the app took over.
type pageState struct {
	Backup, Recovery, Result string
	Banner                   string            // the continuity banner's reason
	Rows                     map[string]string // tenant or run id → state
	NeedsAttention           []string
	Text                     string
	Testids                  []string
}

const readPage = `JSON.stringify({
	Backup: document.querySelector('[data-testid="backup-health"]')?.dataset.state ?? "",
	Recovery: document.querySelector('[data-testid="recovery-evidence"]')?.dataset.state ?? "",
	Result: document.querySelector('[data-testid="restore-result"]')?.dataset.state ?? "",
	Banner: document.querySelector('[data-testid="continuity-banner"]')?.dataset.reason ?? "",
	Rows: Object.fromEntries([...document.querySelectorAll('[data-testid="tenant-row"]')].map(r => [r.dataset.tenantId, r.dataset.backupPosture + "/" + r.dataset.overviewState])
		.concat([...document.querySelectorAll('[data-testid="restore-run-row"]')].map(r => ["run " + r.dataset.runId, r.dataset.attention + "/" + r.dataset.state]))),
	NeedsAttention: [...document.querySelectorAll('[data-testid="needs-attention-item"]')].map(e => e.dataset.kind),
	Text: document.body.innerText,
	Testids: [...new Set([...document.querySelectorAll('main [data-testid]')].map(e => e.dataset.testid))],
})`

// visit loads url in the tab in ctx, a new document (the prerendered page,
// then app.wasm taking over), and reads the page once the app has
// rendered it.
func visit(t *testing.T, ctx context.Context, url string) pageState {
	t.Helper()
	run(t, ctx, chromedp.Navigate(url), waitApp())
	return readPageState(t, ctx, url)
}

// visitInApp is visit for a sweep over many pages: it goes to url with
// navigateInApp, and reads the page as visit does.
func visitInApp(t *testing.T, ctx context.Context, url string) pageState {
	t.Helper()
	navigateInApp(t, ctx, url)
	return readPageState(t, ctx, url)
}

// navigateInApp goes to url and waits for the app's page there. When the
// app is running in the tab already, on url's site, it goes by the app's
// own router (as a click on one of its links does) instead of loading a
// new document and starting app.wasm again, which costs seconds a page: the
// page is the app's rendering of url, as after a cold load. At full depth
// (make check) every page is loaded cold: a test that calls it is one of
// the Makefile's CHECK_E2E, which make check runs again.
func navigateInApp(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if depth.Full() || evalString(t, ctx, fmt.Sprintf(appRunningOn, quoteJS(t, url))) != "yes" {
		run(t, ctx, chromedp.Navigate(url), waitApp())
		return
	}
	tctx, cancel := context.WithTimeout(ctx, stepBound)
	defer cancel()
	_, err := chromedp.Run(tctx, chromedp.Evaluate[string](fmt.Sprintf(routeTo, quoteJS(t, url)), chromedp.EvalAwaitPromise))
	require.NoError(t, err, "the app's router to %s", url)
}

// routeTo has the app's router go to an address and resolves once the app
// has rendered the page there. go-app reuses a page of the same kind (one
// tenant's dashboard for another's) and renders the new one a frame
// later: until then the old page, ready, is still there under the new
// address. A page of another kind replaces it at once, with no data-ready.
// So the way to any page goes through the list of snapshots, the one page
// of its kind.
const routeTo = `(async (target) => {
	const ready = () => !document.getElementById("app-wasm-loader") && !!document.querySelector('main[data-ready="true"]');
	const go = async (u) => {
		const want = new URL(u, location.href).href;
		document.querySelector("main")?.removeAttribute("data-ready");
		goappNav(want);
		while (!(location.href === want && ready())) {
			await new Promise(r => setTimeout(r, 10));
		}
	};
	const home = location.origin + goappGetenv("GOAPP_ROOT_PREFIX").replace(/\/?$/, "/");
	if (location.href !== home) {
		await go(home);
	}
	if (new URL(target, location.href).href !== home) {
		await go(target);
	}
	return "ok";
})(%s)`

// appRunningOn says "yes" when app.wasm has taken over the tab and the
// page is on the same site as the address given.
const appRunningOn = `(() => {
	try {
		const base = goappGetenv("GOAPP_ROOT_PREFIX").replace(/\/?$/, "/");
		const u = new URL(%s, location.href);
		return u.origin === location.origin && u.pathname.startsWith(base) && location.pathname.startsWith(base) &&
			!document.getElementById("app-wasm-loader") && !!document.querySelector("main") ? "yes" : "no";
	} catch (e) {
		return "no";
	}
})()`

func quoteJS(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	require.NoError(t, err)
	return string(b)
}

// readPageState reads the page open in ctx, and checks its copy.
func readPageState(t *testing.T, ctx context.Context, url string) pageState {
	t.Helper()
	var ps pageState
	require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, readPage)), &ps), url)
	// docs/rules.md §6: none of our copy makes a forbidden claim. (The fixtures'
	// own data contains none of the phrases either.)
	phrase, found := domain.ContainsForbiddenClaim(ps.Text)
	assert.False(t, found, "%s says %q", url, phrase)
	return ps
}

// TestStaticSiteAgreesWithCLI: behind nginx, every portfolio, tenant
// dashboard and restore-run list of every shipped snapshot reaches
// data-ready in the app with the states `tenantatlas resolve` gives, and
// so does a run's detail page: each run's at full depth, one run of each
// pair of states otherwise (statesSeen).
func TestStaticSiteAgreesWithCLI(t *testing.T) {
	chromium := browserTest(t)
	names := []string{"demo"}
	files, _ := filepath.Glob(filepath.Join("..", "fixtures", "scenarios", "*.json"))
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	t.Run("base /atlas/", func(t *testing.T) {
		t.Parallel()
		const base = "/atlas/"
		srv := startNginx(t, builtSite(t, base), base)
		ctx := newBrowser(t, chromium)
		// Under a sub-path the demo covers every kind of page, and a few
		// portfolios more kinds of row: quarantined tenants, a viewer
		// without restore.view or backup.view.
		agreesWithCLI(t, ctx, statesSeen{}, srv.URL, "demo")
		for _, name := range []string{"isolation-quarantine", "orphan-record", "viewer-no-restore", "viewer-no-backup"} {
			visitInApp(t, ctx, srv.URL+"s/"+name+"/")
			rowsAgreeWithCLI(t, ctx, golden(t, name), base+"s/"+name+"/")
		}
	})
	// At "/" every snapshot, in a few parts side by side, each in a tab of
	// its own (one cold start of app.wasm each, then the app's router):
	// one tab for all of them was the package's longest test by far.
	srv := startNginx(t, builtSite(t, "/"), "/")
	ps := parts(names, sweepParts)
	for i, part := range ps {
		t.Run(fmt.Sprintf("base /, part %d of %d", i+1, len(ps)), func(t *testing.T) {
			t.Parallel()
			ctx := newBrowser(t, chromium)
			seen := statesSeen{}
			for _, name := range part {
				agreesWithCLI(t, ctx, seen, srv.URL, name)
			}
		})
	}
}

// sweepParts is how many parts a sweep over every snapshot is cut into.
const sweepParts = 4

// parts cuts names into n parts of nearly equal length, none empty.
func parts(names []string, n int) [][]string {
	var out [][]string
	for i := range n {
		part := names[i*len(names)/n : (i+1)*len(names)/n]
		if len(part) > 0 {
			out = append(out, part)
		}
	}
	return out
}

// agreesWithCLI visits the portfolio of snapshot name (every row's
// markers), each tenant's dashboard and restore-run list (every row), and
// the detail of each run whose pair of states seen has not had yet, and
// checks each state against the CLI's resolve output.
func agreesWithCLI(t *testing.T, ctx context.Context, seen statesSeen, siteURL, name string) {
	t.Helper()
	res := golden(t, name)
	visitInApp(t, ctx, siteURL+"s/"+name+"/")
	rowsAgreeWithCLI(t, ctx, res, siteURL+"s/"+name+"/")
	for _, ts := range res.Tenants {
		page := fmt.Sprintf("%ss/%s/tenants/%d", siteURL, name, ts.TenantID)
		ps := visitInApp(t, ctx, page)
		if ts.DataStatus != domain.DataValid {
			assert.Contains(t, ps.Testids, "tenant-invalid", page)
			continue
		}
		assert.Equal(t, string(ts.BackupHealth.Posture), ps.Backup, page)
		assert.Equal(t, string(ts.RecoveryEvidence.OverviewState), ps.Recovery, page)
		kinds := []string{}
		for _, n := range ts.NeedsAttention {
			kinds = append(kinds, string(n.Kind))
		}
		assert.Equal(t, kinds, nonNil(ps.NeedsAttention), page)
		list := visitInApp(t, ctx, page+"/restore-runs")
		for _, r := range ts.RestoreRuns {
			if !strings.HasPrefix(name, "viewer-no-restore") {
				assert.Equal(t, string(r.Attention.State)+"/"+string(r.Result.State), list.Rows[fmt.Sprintf("run %d", r.ID)], page)
				if !seen.first(string(r.Attention.State) + "/" + string(r.Result.State)) {
					continue
				}
				detail := visitInApp(t, ctx, fmt.Sprintf("%s/restore-runs/%d", page, r.ID))
				assert.Equal(t, string(r.Result.State), detail.Result, page)
			}
		}
	}
}

// statesSeen tells a sweep which states it has seen on a page of their
// own. Every run's states are checked in its tenant's list; its detail
// page is visited for the first run of each pair of states in the sweep,
// and at full depth (make check) for every run: a detail page renders a
// run's states the same way whichever run it is, and visiting all of
// them was a quarter of the browser tests' time.
type statesSeen map[string]bool

// first reports whether key is new to the sweep (always at full depth),
// and records it.
func (s statesSeen) first(key string) bool {
	if depth.Full() || !s[key] {
		s[key] = true
		return true
	}
	return false
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// axe-core (from the npm registry; .ci/run installs it and sets AXE_CORE_JS)
// finds no serious or critical violation on any kind of page.
func TestStaticSiteAccessibility(t *testing.T) {
	chromium := browserTest(t)
	axe := requireAxe(t)
	srv := startNginx(t, builtSite(t, "/"), "/")
	ctx := newBrowser(t, chromium)
	// The demo's pages that show each of its states, every page at full
	// depth (statePages): the demo holds every state of docs/rules.md
	// (TestDemoCoversEveryState). And the pages no state reaches: the
	// snapshots, a filtered portfolio, a banner, a viewer without
	// restore.view, a rejected snapshot, a tenant that does not exist.
	pages := []string{"", "s/demo/?recovery=weakened", "s/demo/tenants/5/restore-runs?recovery_posture_reason=partial",
		"s/viewer-no-restore/tenants/1", "s/not-json/", "s/demo/tenants/99"}
	pages = append(pages, statePages("demo", golden(t, "demo"))...)
	for _, p := range pages {
		visitInApp(t, ctx, srv.URL+p)
		assert.Empty(t, axeViolations(t, ctx, axe), "/%s", p)
	}
}

// statePages are snapshotPages at full depth (make check). Otherwise they
// are the pages that show a state, or a pair of states, for the first
// time: the portfolio, the dashboard, restore-run list and backup sets of
// each tenant with a posture, an overview state or a Needs Attention kind
// not seen before, and the detail of each run with a new pair of
// attention and result states. Accessibility depends on what a page
// draws (its kind, a state's badge and tone), not on which tenant it is.
func statePages(name string, res domain.Resolution) []string {
	if depth.Full() {
		return snapshotPages(name, res)
	}
	pages := []string{"s/" + name + "/"}
	seen := statesSeen{}
	for _, ts := range res.Tenants {
		tenant := fmt.Sprintf("s/%s/tenants/%d", name, ts.TenantID)
		key := string(ts.DataStatus)
		if ts.BackupHealth != nil && ts.RecoveryEvidence != nil { // nil for a tenant whose data is not valid
			key += "/" + string(ts.BackupHealth.Posture) + "/" + string(ts.RecoveryEvidence.OverviewState)
		}
		for _, n := range ts.NeedsAttention {
			key += "/" + string(n.Kind)
		}
		if seen.first(key) {
			pages = append(pages, tenant, tenant+"/restore-runs", tenant+"/backup-sets")
		}
		for _, r := range ts.RestoreRuns {
			if seen.first("run " + string(r.Attention.State) + "/" + string(r.Result.State)) {
				pages = append(pages, fmt.Sprintf("%s/restore-runs/%d", tenant, r.ID))
			}
		}
	}
	return pages
}

// snapshotPages are the addresses docs/interfaces.md gives a resolved snapshot:
// its portfolio, and for each tenant its dashboard, restore runs, backup
// sets and every run.
func snapshotPages(name string, res domain.Resolution) []string {
	pages := []string{"s/" + name + "/"}
	for _, ts := range res.Tenants {
		tenant := fmt.Sprintf("s/%s/tenants/%d", name, ts.TenantID)
		pages = append(pages, tenant, tenant+"/restore-runs", tenant+"/backup-sets")
		for _, r := range ts.RestoreRuns {
			pages = append(pages, fmt.Sprintf("%s/restore-runs/%d", tenant, r.ID))
		}
	}
	return pages
}

// Without restore.view no restore record reaches the page in the browser
// either, once the app has rendered it: the DOM is checked, not the view.
func TestStaticSiteCapabilitiesInTheBrowser(t *testing.T) {
	chromium := browserTest(t)
	srv := startNginx(t, builtSite(t, "/"), "/")
	ctx := newBrowser(t, chromium)
	for _, p := range []string{"s/viewer-no-restore/", "s/viewer-no-restore/tenants/1", "s/viewer-no-restore/tenants/1/restore-runs",
		"s/viewer-no-restore/tenants/1/restore-runs/100"} {
		visitInApp(t, ctx, srv.URL+p)
		html := evalString(t, ctx, `document.title + document.querySelector("main").outerHTML`)
		for _, leak := range []string{"#100", "Run #", "restore-runs/100", "data-run-id", "restore-run-row"} {
			assert.NotContains(t, html, leak, p)
		}
	}
}
