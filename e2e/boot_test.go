package e2e

import (
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A prerendered page is painted before go-app's scripts are even fetched
// (web/boot.js starts them), and the app takes over all the same.
func TestAppStartsAfterFirstPaint(t *testing.T) {
	chromium := requireTools(t)
	root := startApp(t)
	for _, page := range []string{"s/demo/tenants/5", "s/demo/"} {
		t.Run(page, func(t *testing.T) {
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
