package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/internal/site"
	"github.com/tenantatlas/tenantatlas/web"
)

var (
	sitesMu sync.Mutex
	sites   = map[string]string{}
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
	sitesMu.Lock()
	defer sitesMu.Unlock()
	if dir, ok := sites[key]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "tenantatlas-site-")
	require.NoError(t, err)
	out := filepath.Join(dir, "dist")
	app.Routes()
	_, err = site.Build(site.BuildOptions{Out: out, BasePath: basePath, Fixtures: fsys, QuickCompression: true, Site: opts})
	require.NoError(t, err)
	sites[key] = out
	return out
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

func visit(t *testing.T, ctx context.Context, url string) pageState {
	t.Helper()
	run(t, ctx, chromedp.Navigate(url), waitApp())
	var ps pageState
	require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, readPage)), &ps), url)
	// docs/rules.md §6: none of our copy makes a forbidden claim. (The fixtures'
	// own data contains none of the phrases either.)
	phrase, found := domain.ContainsForbiddenClaim(ps.Text)
	assert.False(t, found, "%s says %q", url, phrase)
	return ps
}

// TestStaticSiteAgreesWithCLI: behind nginx, every portfolio, tenant
// dashboard, restore-run list and detail page of every shipped snapshot
// reaches data-ready in the app with the states `tenantatlas resolve` gives.
func TestStaticSiteAgreesWithCLI(t *testing.T) {
	chromium := requireTools(t)
	names := []string{"demo"}
	files, _ := filepath.Glob(filepath.Join("..", "fixtures", "scenarios", "*.json"))
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	for _, base := range []string{"/", "/atlas/"} {
		t.Run("base "+base, func(t *testing.T) {
			srv := startNginx(t, builtSite(t, base), base)
			ctx := newBrowser(t, chromium)
			if base != "/" {
				// Under a sub-path the demo covers every kind of page, and
				// a few portfolios more kinds of row: quarantined tenants,
				// a viewer without restore.view or backup.view.
				agreesWithCLI(t, ctx, srv.URL, "demo")
				for _, name := range []string{"isolation-quarantine", "orphan-record", "viewer-no-restore", "viewer-no-backup"} {
					visit(t, ctx, srv.URL+"s/"+name+"/")
					rowsAgreeWithCLI(t, ctx, golden(t, name), base+"s/"+name+"/")
				}
				return
			}
			for _, name := range names {
				agreesWithCLI(t, ctx, srv.URL, name)
			}
		})
	}
}

// agreesWithCLI visits the portfolio of snapshot name (every row's
// markers), each tenant's dashboard, restore-run list and every run's
// detail, and checks each state against the CLI's resolve output.
func agreesWithCLI(t *testing.T, ctx context.Context, siteURL, name string) {
	t.Helper()
	res := golden(t, name)
	visit(t, ctx, siteURL+"s/"+name+"/")
	rowsAgreeWithCLI(t, ctx, res, siteURL+"s/"+name+"/")
	for _, ts := range res.Tenants {
		page := fmt.Sprintf("%ss/%s/tenants/%d", siteURL, name, ts.TenantID)
		ps := visit(t, ctx, page)
		if ts.DataStatus != domain.DataValid {
			assert.Contains(t, ps.Testids, "tenant-invalid", page)
			continue
		}
		assert.Equal(t, ts.BackupHealth.Posture, ps.Backup, page)
		assert.Equal(t, ts.RecoveryEvidence.OverviewState, ps.Recovery, page)
		kinds := []string{}
		for _, n := range ts.NeedsAttention {
			kinds = append(kinds, n.Kind)
		}
		assert.Equal(t, kinds, nonNil(ps.NeedsAttention), page)
		list := visit(t, ctx, page+"/restore-runs")
		for _, r := range ts.RestoreRuns {
			if !strings.HasPrefix(name, "viewer-no-restore") {
				assert.Equal(t, r.Attention.State+"/"+r.Result.State, list.Rows[fmt.Sprintf("run %d", r.ID)], page)
				detail := visit(t, ctx, fmt.Sprintf("%s/restore-runs/%d", page, r.ID))
				assert.Equal(t, r.Result.State, detail.Result, page)
			}
		}
	}
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
	chromium := requireTools(t)
	axePath := os.Getenv("AXE_CORE_JS")
	if axePath == "" {
		if os.Getenv("REQUIRE_BROWSER") == "1" {
			t.Fatal("REQUIRE_BROWSER=1: AXE_CORE_JS must name axe.min.js (.ci/run installs it)")
		}
		t.Skip("SKIPPED: set AXE_CORE_JS to axe-core's axe.min.js (npm install axe-core) to run the accessibility checks")
	}
	axe, err := os.ReadFile(axePath)
	require.NoError(t, err)
	srv := startNginx(t, builtSite(t, "/"), "/")
	ctx := newBrowser(t, chromium)
	// Every page of the demo, which holds every state of docs/rules.md
	// (TestDemoCoversEveryState), and the pages no state reaches: the
	// snapshots, a filtered portfolio, a banner, a viewer without
	// restore.view, a rejected snapshot, a tenant that does not exist.
	pages := []string{"", "s/demo/?recovery=weakened", "s/demo/tenants/5/restore-runs?recovery_posture_reason=partial",
		"s/viewer-no-restore/tenants/1", "s/not-json/", "s/demo/tenants/99"}
	pages = append(pages, snapshotPages("demo", golden(t, "demo"))...)
	for _, p := range pages {
		visit(t, ctx, srv.URL+p)
		// Open the disclosures, so that their content is checked too.
		evalString(t, ctx, `document.querySelectorAll("details").forEach(d => d.open = true), "ok"`)
		_, err := chromedp.Run(ctx, chromedp.Evaluate[any](string(axe)))
		require.NoError(t, err)
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
			.then(r => JSON.stringify(r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
			.map(v => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "))))`, chromedp.EvalAwaitPromise))
		require.NoError(t, err)
		var violations []string
		require.NoError(t, json.Unmarshal([]byte(out), &violations))
		sort.Strings(violations)
		assert.Empty(t, violations, "/%s", p)
	}
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
	chromium := requireTools(t)
	srv := startNginx(t, builtSite(t, "/"), "/")
	ctx := newBrowser(t, chromium)
	for _, p := range []string{"s/viewer-no-restore/", "s/viewer-no-restore/tenants/1", "s/viewer-no-restore/tenants/1/restore-runs",
		"s/viewer-no-restore/tenants/1/restore-runs/100"} {
		visit(t, ctx, srv.URL+p)
		html := evalString(t, ctx, `document.title + document.querySelector("main").outerHTML`)
		for _, leak := range []string{"#100", "Run #", "restore-runs/100", "data-run-id", "restore-run-row"} {
			assert.NotContains(t, html, leak, p)
		}
	}
}
