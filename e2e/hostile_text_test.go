package e2e

import (
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// injection is what snapshot markup would leave in the document had it been
// parsed as HTML rather than shown as text, anywhere in it (head included:
// the title and meta tags carry snapshot data too).
type injection struct {
	Pwned       bool     // a payload ran: window.__pwned = 1
	Elements    []string // elements the payloads are made of
	Handlers    []string // elements with an inline event handler (on…)
	ScriptLinks []string // javascript: in href, src, action or formaction
	Hidden      bool     // the <style> payload hid the page
}

// readInjection lists what it finds by outerHTML, shortened, so a failure
// says where. go-app's own scripts load from files (the CSP forbids inline
// ones), and its loader, the one image, is gone once the app has loaded.
// The portfolio's state bars are the one SVG of our own.
const readInjection = `(() => {
	const show = e => e.outerHTML.slice(0, 120);
	const urlAttrs = ["href", "src", "action", "formaction"];
	return JSON.stringify({
		Pwned: window.__pwned === 1,
		Elements: [...document.querySelectorAll('script:not([src]), img, svg:not([data-testid="state-bar"]), iframe, object, embed, style, b, i, [srcdoc]')].map(show),
		Handlers: [...document.querySelectorAll("*")].filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith("on"))).map(show),
		ScriptLinks: [...document.querySelectorAll(urlAttrs.map(a => "[" + a + "]").join(","))]
			.filter(e => urlAttrs.some(a => /^\s*javascript:/i.test(e.getAttribute(a) ?? ""))).map(show),
		Hidden: getComputedStyle(document.body).display === "none",
	});
})()`

// Markup and javascript: URLs in a snapshot are text: nothing runs, no
// dialog opens, nothing is injected anywhere in the document, no link
// carries a script URL.
func TestStaticSiteRendersHostileTextAsText(t *testing.T) {
	chromium := browserTest(t)
	srv := startNginx(t, builtSite(t, "/"), "/")
	ctx := newBrowser(t, chromium)
	dialogs := watchDialogs(t, ctx)
	for _, p := range []string{"", "s/hostile-text/", "s/hostile-text/tenants/1", "s/hostile-text/tenants/2", "s/hostile-text/tenants/1/restore-runs",
		"s/hostile-text/tenants/1/restore-runs/100", "s/hostile-text/tenants/1/backup-sets", "s/hostile-text/tenants/2/backup-sets"} {
		visit(t, ctx, srv.URL+p)
		// Hover and click handlers would fire now; the diagnostics, open,
		// render every result entry and the non-applied list.
		run(t, ctx, chromedp.Click(chromedp.CSS(`body`)))
		evalString(t, ctx, `document.querySelectorAll("details").forEach(d => d.open = true), "ok"`)
		var got injection
		require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, readInjection)), &got), p)
		assert.Equal(t, injection{Elements: []string{}, Handlers: []string{}, ScriptLinks: []string{}}, got, "/%s", p)
		if p == "s/hostile-text/tenants/1/backup-sets" {
			text := evalString(t, ctx, `document.querySelector("main").innerText`)
			assert.Contains(t, text, `"><svg onload="window.__pwned=1">`, "the backup set's name is shown as given")
		}
	}
	assert.Empty(t, dialogs(), "no page opened a dialog")
}
