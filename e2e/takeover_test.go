package e2e

import (
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// watchTakeover is installed before the document is parsed: from the moment
// the prerendered page's main[data-ready] is in the DOM, it records every
// moment it is not (lost), every loading state or spinner added (loading),
// and whether the app replaced the prerendered main with its own (app).
const watchTakeover = `window.__takeover = {lost: [], loading: [], app: false};
(() => {
	const w = window.__takeover;
	let prerendered = null;
	const isLoading = (n) => n.nodeType === 1 && (n.matches(".loading, .spinner") || !!n.querySelector(".loading, .spinner"));
	new MutationObserver((records) => {
		const main = document.querySelector('main[data-ready="true"]');
		if (!prerendered) {
			prerendered = main;
			return;
		}
		if (!main) w.lost.push(document.body ? document.body.innerText.slice(0, 120) : "no body");
		for (const r of records) for (const n of r.addedNodes) if (isLoading(n)) w.loading.push(n.outerHTML.slice(0, 120));
		if (main && main !== prerendered) w.app = true;
	}).observe(document, {subtree: true, childList: true, attributes: true});
})();`

// The prerendered page stays on screen until the app's own rendering of it
// is ready: a reader never sees it replaced by the loading state when
// app.wasm takes over. Cold (a new browser context, nothing cached) on the
// static site behind nginx.
func TestTakeoverKeepsThePrerenderedPage(t *testing.T) {
	chromium := browserTest(t)
	srv := startNginx(t, builtSite(t, "/"), "/")
	root := srv.URL
	fetches := func(uri string) int {
		n := 0
		for _, r := range srv.Requests(t) {
			if r.URI == uri {
				n++
			}
		}
		return n
	}
	for _, tt := range []struct{ name, page, content string }{
		{"tenant dashboard", "s/demo/tenants/5", `[data-testid="recovery-evidence"][data-state="weakened"]`},
		{"portfolio", "s/demo/", `[data-tenant-id="5"]`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := fetches("/snapshots/demo.json")
			ctx := newBrowser(t, chromium)
			run(t, ctx, onNewDocument(watchTakeover), chromedp.Navigate(root+tt.page),
				until(`window.__takeover.app && !document.getElementById("app-wasm-loader")`))
			var got struct {
				Lost, Loading []string
				App           bool
			}
			require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, `JSON.stringify(window.__takeover)`)), &got))
			require.True(t, got.App, "the app rendered the page itself")
			assert.Empty(t, got.Lost, "the page's content left the DOM")
			assert.Empty(t, got.Loading, "a loading state was shown")
			assert.Equal(t, "true", evalString(t, ctx, `String(!!document.querySelector('main[data-ready="true"] `+tt.content+`'))`), "the app's page shows the content")
			// The page's preload link is what the app reads (internal/site/preload.go).
			assert.Equal(t, 1, fetches("/snapshots/demo.json")-before, "the snapshot is fetched once")
		})
	}
}
