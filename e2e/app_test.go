package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/web"
)

// startApp serves the static site behind nginx, as operators publish it,
// and returns its address.
func startApp(t *testing.T) string {
	t.Helper()
	return startNginx(t, builtSite(t, "/"), "/").URL
}

// appReady waits until app.wasm has loaded (go-app removes its loader) and
// the page on screen is its own rendering, with the data: the prerendered
// page is marked ready too, and stays on screen while the app loads it.
const appReady = `!document.getElementById("app-wasm-loader") && !!document.querySelector('main[data-ready="true"][data-rendered-by="app"]')`

func waitApp() chromedp.Action[chromedp.Void] { return until(appReady) }

// until waits for a JavaScript predicate to hold, as long as the step's
// bound (run's stepBound) allows: chromedp's own 30-second default is off,
// it is shorter than a cold app.wasm takes on a machine as busy as one
// running the browser tests side by side beside other builds.
func until(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(0))(ctx, tg)
		return err
	})
}

func evalString(t testing.TB, ctx context.Context, expr string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	require.NoError(t, err, expr)
	return v
}

func TestAppFlowWeakenedTenantToRun(t *testing.T) {
	chromium := browserTest(t)
	root := startApp(t)
	ctx := newBrowser(t, chromium)

	run(t, ctx, chromedp.Navigate(root+"s/demo/"), waitApp())
	assert.Equal(t, "15", evalString(t, ctx, `String(document.querySelectorAll('[data-testid="tenant-row"]').length)`))

	// Portfolio → the weakened tenant → its Needs Attention entry → the exact run,
	// each click handled by the app's router in the browser.
	run(t, ctx, chromedp.Click(chromedp.CSS(`[data-tenant-id="5"] a`)), until(`location.pathname === "/s/demo/tenants/5"`), waitApp())
	assert.Equal(t, "weakened", evalString(t, ctx, `document.querySelector('[data-testid="recovery-evidence"]').dataset.state`))
	run(t, ctx, chromedp.Click(chromedp.CSS(`[data-kind="recovery_weakened"] a`)),
		until(`location.pathname === "/s/demo/tenants/5/restore-runs/140"`),
		until(`!!document.querySelector('[data-testid="restore-result"][data-state="needs_review"]')`))

	// Diagnostics stay collapsed until clicked.
	assert.Equal(t, "false", evalString(t, ctx, `String(document.querySelector('[data-testid="diagnostics"]').open)`))
	run(t, ctx, chromedp.Click(chromedp.CSS(`[data-testid="diagnostics"] summary`)))
	assert.Equal(t, "true", evalString(t, ctx, `String(document.querySelector('[data-testid="diagnostics"]').open)`))

	// Back and forward.
	run(t, ctx, chromedp.NavigateBack(), until(`location.pathname === "/s/demo/tenants/5" && !!document.querySelector('[data-testid="recovery-evidence"]')`))
	run(t, ctx, chromedp.NavigateForward(), until(`!!document.querySelector('[data-testid="restore-result"]')`))
}

func TestAppUnvalidatedToRestoreHistory(t *testing.T) {
	chromium := browserTest(t)
	root := startApp(t)
	ctx := newBrowser(t, chromium)
	run(t, ctx, chromedp.Navigate(root+"s/demo/tenants/3"), waitApp(),
		chromedp.Click(chromedp.CSS(`[data-testid="recovery-action"]`)),
		until(`!!document.querySelector('[data-testid="continuity-banner"][data-reason="no_history"]')`))
	assert.Equal(t, "/s/demo/tenants/3/restore-runs", evalString(t, ctx, `location.pathname`))
}

// The service worker keeps the app at install, and each page and snapshot
// as it is read: with the server gone, a reviewer who read a tenant once
// reopens the site and reads it again.
func TestReopenOffline(t *testing.T) {
	chromium := browserTest(t)
	srv := startNginx(t, builtSite(t, "/"), "/")
	root := srv.URL
	ctx := newBrowser(t, chromium)
	cached := func(path string) string {
		return `(async () => { const keys = await caches.keys(); if (!keys.length) return false; const c = await caches.open(keys[0]); return !!(await c.match("` + path + `")); })()`
	}
	// The worker takes the page over once active (clients.claim); a page
	// it does not control by then is reloaded once, by the test: a reload
	// from inside a poll cut the poll's own evaluation short, and failed
	// the test now and then with "Inspected target navigated or closed".
	run(t, ctx, chromedp.Navigate(root), waitApp())
	tctx, cancel := context.WithTimeout(ctx, stepBound)
	defer cancel()
	controlled, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)`, chromedp.EvalAwaitPromise))
	require.NoError(t, err, "the service worker becomes active")
	if !controlled {
		run(t, ctx, chromedp.Reload(), waitApp(), until(`navigator.serviceWorker.controller !== null`))
	}
	run(t, ctx, until(cached("/web/"+web.Fingerprinted("app.wasm"))))
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cached("/snapshots/demo.json"), chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	assert.False(t, kept, "no snapshot is kept before it is read")
	run(t, ctx, chromedp.Click(chromedp.CSS(`a[href="/s/demo/"]`)),
		until(`!!document.querySelector('main[data-ready="true"] [data-testid="tenant-row"]')`),
		until(cached("/snapshots/demo.json")))
	srv.stop(t) // offline from here on

	run(t, ctx, chromedp.Navigate(root), waitApp(),
		chromedp.Click(chromedp.CSS(`a[href="/s/demo/"]`)),
		until(`!!document.querySelector('main[data-ready="true"] [data-testid="tenant-row"]')`),
		chromedp.Click(chromedp.CSS(`[data-tenant-id="5"] a`)),
		until(`!!document.querySelector('[data-testid="recovery-evidence"][data-state="weakened"]')`))
}

// The keyboard alone reaches the recovery action and follows it: the first
// Tab lands on the skip link, and focus order follows the page.
func TestKeyboard(t *testing.T) {
	chromium := browserTest(t)
	root := startApp(t)
	ctx := newBrowser(t, chromium)
	run(t, ctx, chromedp.Navigate(root+"s/demo/tenants/4"), waitApp(), chromedp.KeyEvent(kb.Tab))
	assert.Equal(t, "Skip to content", evalString(t, ctx, `document.activeElement.textContent`))
	for i := 0; i < 15 && evalString(t, ctx, `document.activeElement.dataset.testid || ""`) != "recovery-action"; i++ {
		run(t, ctx, chromedp.KeyEvent(kb.Tab))
	}
	require.Equal(t, "recovery-action", evalString(t, ctx, `document.activeElement.dataset.testid || ""`), "reached with Tab")
	run(t, ctx, chromedp.KeyEvent(kb.Enter), until(`location.pathname === "/s/demo/tenants/4/restore-runs/130"`),
		until(`!!document.querySelector('[data-testid="restore-result"][data-state="failed"]')`))
}
