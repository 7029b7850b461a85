package e2e

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A prerendered page is painted before go-app's scripts are even fetched
// (web/boot.js starts them), and the app takes over all the same.
func TestAppStartsAfterFirstPaint(t *testing.T) {
	chromium := browserTest(t)
	root := startApp(t)
	for _, page := range []string{"s/demo/tenants/5", "s/demo/"} {
		t.Run(page, func(t *testing.T) {
			t.Parallel()
			ctx := newBrowser(t, chromium)
			run(t, ctx, chromedp.Navigate(root+page), waitApp())
			var got struct {
				Started string
				FCP     float64
				Fetched map[string]float64 // a script's name → when its fetch began
			}
			require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, `JSON.stringify({
				Started: document.documentElement.dataset.appStarted ?? "",
				FCP: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1,
				Fetched: Object.fromEntries(performance.getEntriesByType("resource")
					.filter(e => /\/(wasm_exec|app)\.js$/.test(e.name))
					.map(e => [e.name.split("/").pop(), e.startTime]))})`)), &got))
			assert.Equal(t, "paint", got.Started, "boot.js started the app once the page was painted")
			require.Positive(t, got.FCP, "the page was painted")
			require.Len(t, got.Fetched, 2, "wasm_exec.js and app.js were fetched")
			for name, at := range got.Fetched {
				assert.GreaterOrEqual(t, at, got.FCP, "%s was fetched after the first paint", name)
			}
		})
	}
}

// A hidden tab paints nothing: there boot.js starts go-app's scripts at
// once, and the app takes over unseen.
func TestAppStartsAtOnceInAHiddenTab(t *testing.T) {
	chromium := browserTest(t)
	root := startApp(t)
	ctx := newBrowser(t, chromium)
	minimize := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		w, err := cdp.Call(ctx, tg, browser.GetWindowForTarget, browser.GetWindowForTargetParams{TargetID: tg.TargetID})
		if err != nil {
			return err
		}
		_, err = cdp.Call(ctx, tg, browser.SetWindowBounds, browser.SetWindowBoundsParams{
			WindowID: w.WindowID, Bounds: &browser.Bounds{WindowState: browser.WindowStateMinimized}})
		return err
	})
	run(t, ctx, chromedp.Navigate("about:blank"), minimize)
	require.Equal(t, "hidden", evalString(t, ctx, `document.visibilityState`), "a minimized window's tab is hidden")
	// Polled on a timer: a hidden tab runs no animation frames, which
	// chromedp polls on by default. Bounded by run's stepBound, as until is.
	appTookOver := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Poll[bool](appReady, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(0))(ctx, tg)
		return err
	})
	run(t, ctx, chromedp.Navigate(root+"s/demo/tenants/5"), appTookOver)
	assert.Equal(t, "hidden hidden", evalString(t, ctx, `document.visibilityState + " " + document.documentElement.dataset.appStarted`),
		"still hidden, boot.js started the app without waiting for a paint")
}
