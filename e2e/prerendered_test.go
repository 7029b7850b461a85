package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/internal/site"
)

// blockedCase is a page read with app.wasm blocked: its markers as the
// prerendered HTML carries them, and copy a reviewer must be able to read.
type blockedCase struct {
	name, page string
	// static: a static host serves it. A restore-run list's banner depends
	// on the query string, and a static host answers every query with the
	// same prerendered file, so only `tenantatlas serve` has it in the HTML.
	static    bool
	portfolio bool      // its rows are checked by rowsAgreeWithCLI
	want      pageState // markers; Text and Testids are not compared
	read      []string  // copy the page shows
	uncovered string    // an element that must be on top, not hidden
}

// blockedCases are the demo's portfolio, a weakened tenant's dashboard, the
// detail of the run that weakened it, and a restore-run list arrived at with
// a reason, each expected as the CLI's resolve output has it.
func blockedCases(t *testing.T) []blockedCase {
	t.Helper()
	res := golden(t, "demo")
	// A page with no markers of a kind reads as empty, not nil; each case
	// its own map.
	none := func() pageState { return pageState{Rows: map[string]string{}, NeedsAttention: []string{}} }

	portfolio := blockedCase{name: "portfolio", page: "s/demo/", static: true, portfolio: true, want: none(),
		uncovered: `[data-testid="tenant-row"]`}
	for _, ts := range res.Tenants {
		portfolio.read = append(portfolio.read, ts.Name)
	}

	var weakened, arrived *domain.TenantState
	var reason string
	for i, ts := range res.Tenants {
		if ts.DataStatus != domain.DataValid {
			continue
		}
		ev := ts.RecoveryEvidence
		if weakened == nil && ev.OverviewState == domain.OverviewWeakened && ev.LatestRelevantRestoreRunID != nil {
			weakened = &res.Tenants[i]
		}
		u, err := url.Parse(ev.Action.URL)
		require.NoError(t, err)
		if r := u.Query().Get("recovery_posture_reason"); arrived == nil && r != "" && len(ts.RestoreRuns) > 0 {
			arrived, reason = &res.Tenants[i], r
		}
	}
	require.NotNil(t, weakened, "the demo has a weakened tenant")
	require.NotNil(t, arrived, "the demo has a tenant whose recovery action opens its list with a reason")

	dash := blockedCase{name: "tenant dashboard", page: fmt.Sprintf("s/demo/tenants/%d", weakened.TenantID), static: true,
		uncovered: `[data-testid="recovery-evidence"]`, want: none(),
		read: []string{weakened.Name, weakened.BackupHealth.Headline, weakened.RecoveryEvidence.Headline, weakened.RecoveryEvidence.ClaimBoundary}}
	dash.want.Backup, dash.want.Recovery = string(weakened.BackupHealth.Posture), string(weakened.RecoveryEvidence.OverviewState)
	for _, n := range weakened.NeedsAttention {
		dash.want.NeedsAttention = append(dash.want.NeedsAttention, string(n.Kind))
		dash.read = append(dash.read, n.Headline)
	}

	runID := *weakened.RecoveryEvidence.LatestRelevantRestoreRunID
	detail := blockedCase{name: "restore-run detail", page: fmt.Sprintf("%s/restore-runs/%d", dash.page, runID), static: true,
		uncovered: `[data-testid="restore-result"]`, want: none()}
	for _, r := range weakened.RestoreRuns {
		if r.ID == runID {
			detail.want.Result = string(r.Result.State)
			detail.read = []string{r.Result.StatusLabel, r.Result.Reason, r.Result.PrimaryNextAction}
		}
	}
	require.NotEmpty(t, detail.want.Result, "run %d is among the tenant's runs", runID)

	banner, ok := domain.Continuity(reason, *arrived)
	require.True(t, ok, "reason %q", reason)
	list := blockedCase{name: "restore-run list with a banner", page: "s/demo/" + arrived.RecoveryEvidence.Action.URL,
		uncovered: `[data-testid="continuity-banner"]`, want: none(), read: []string{arrived.Name, banner.Text}}
	list.want.Banner = reason
	for _, r := range arrived.RestoreRuns {
		list.want.Rows[fmt.Sprintf("run %d", r.ID)] = string(r.Attention.State) + "/" + string(r.Result.State)
	}
	return []blockedCase{portfolio, dash, detail, list}
}

// With app.wasm blocked at the network, each kind of page is there,
// prerendered, and readable: its markers, its copy, not hidden. Nothing a
// reviewer needs waits for the app. Behind nginx (the static site) and from
// `tenantatlas serve` (every page prerendered per request).
func TestPrerenderedWithWASMBlocked(t *testing.T) {
	chromium := browserTest(t)
	cases := blockedCases(t)
	static := startNginx(t, builtSite(t, "/"), "/").URL
	serve := httptest.NewServer(servedSite(t))
	t.Cleanup(serve.Close)

	for _, srv := range []struct{ name, url string }{{"static", static}, {"serve", serve.URL + "/"}} {
		for _, tt := range cases {
			if srv.name == "static" && !tt.static {
				continue
			}
			t.Run(srv.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				ctx := newBrowser(t, chromium) // a cold profile: no service worker holds app.wasm
				// Until go-app has given up on app.wasm (it stops its
				// loader's spinning) or, were the block to fail, taken over.
				run(t, ctx, blockWASM(), chromedp.Navigate(srv.url+tt.page),
					until(`!document.querySelector("#app-wasm-loader-icon.goapp-spin") && document.readyState === "complete"`))
				require.Equal(t, "true", evalString(t, ctx, `String(!!document.getElementById("app-wasm-loader"))`), "the app never took over: the block worked")

				var got pageState
				require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, readPage)), &got))
				for _, s := range tt.read {
					assert.Contains(t, got.Text, s, "the page reads")
				}
				if tt.portfolio {
					rowsAgreeWithCLI(t, ctx, golden(t, "demo"), tt.page)
					got.Rows = tt.want.Rows
				}
				got.Text, got.Testids = "", nil
				assert.Equal(t, tt.want, got, "markers")
				assert.Empty(t, coveredBy(t, ctx, tt.uncovered), "%s is on top, not hidden", tt.uncovered)
			})
		}
	}
}

// servedSite is `tenantatlas serve`'s handler for the shipped snapshots at
// "/". Each request is answered under sitesMu, with package app's snapshot
// source set up for it again if a build (in a test running beside) has set
// it up for another site since.
func servedSite(t *testing.T) http.Handler {
	t.Helper()
	<-prebuilt // no build then holds the pages back (TestMain's prebuild)
	app.Routes()
	var h *site.Server
	newServer := func() (err error) {
		h, err = site.New(fixtures.FS, "/")
		configured = "serve /"
		return err
	}
	sitesMu.Lock()
	err := newServer()
	sitesMu.Unlock()
	require.NoError(t, err)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sitesMu.Lock()
		defer sitesMu.Unlock()
		if configured != "serve /" {
			if err := newServer(); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// blockWASM makes every request of the page for app.wasm fail, as a
// network or policy that blocks WebAssembly would. The page's requests
// bypass go-app's service worker, which installs as the page loads: it
// would answer from a fetch of its own, which the block does not see. (The
// pattern's port must be given: without one it matches port 80 only.)
func blockWASM() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.SetBlockedURLs, network.SetBlockedURLsParams{
			URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/web/app*.wasm", Block: true}},
		})
		return err
	})
}

// coveredBy scrolls the first element matching sel to the top of the
// window and says what, if anything, lies on top of its middle: "" when it
// is the element itself (or inside it).
func coveredBy(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	q, err := json.Marshal(sel)
	require.NoError(t, err)
	return evalString(t, ctx, fmt.Sprintf(`(() => {
		const e = document.querySelector(%s);
		if (!e) return "no element";
		e.scrollIntoView({block: "start"});
		const r = e.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) return "no size";
		const top = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height, innerHeight - r.top) / 2);
		return e.contains(top) ? "" : "covered by " + (top ? top.outerHTML.slice(0, 120) : "nothing");
	})()`, q))
}
