package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Time and navigation in the browser: the restore-run list sorts by a
// column into the address, the order survives a reload, the changed pages
// have no serious accessibility fault, and a tenant's dashboard and a
// restore run print on one page.

var updateDocScreenshots = flag.Bool("update-doc-screenshots", false, "write docs/screenshots/ from the demo")

const runOrder = `JSON.stringify([...document.querySelectorAll('[data-testid="restore-run-row"]')].map(r => r.dataset.runId))`

// Clicking a column head in the app sorts the list, writes the order into
// the address, and a reload keeps it. Tenant 8's runs are in one order by
// id and the other by creation time.
func TestAppRunListSortSurvivesReload(t *testing.T) {
	chromium := browserTest(t)
	root := startApp(t)
	ctx := newBrowser(t, chromium)
	runs := func() []string {
		var ids []string
		require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, runOrder)), &ids))
		return ids
	}
	run(t, ctx, chromedp.Navigate(root+"s/demo/tenants/8/restore-runs"), waitApp())
	require.Equal(t, []string{"170", "171"}, runs(), "by run id at first")

	run(t, ctx, chromedp.Click(chromedp.CSS(`th[data-sort-key="created"] a`)),
		until(`location.search === "?sort=created"`), until(`document.querySelector('table[data-sort="created"]') !== null`))
	assert.Equal(t, "/s/demo/tenants/8/restore-runs", evalString(t, ctx, `location.pathname`))
	assert.Equal(t, []string{"171", "170"}, runs(), "by creation time, oldest first")
	assert.Equal(t, "ascending", evalString(t, ctx, `document.querySelector('th[data-sort-key="created"]').getAttribute("aria-sort")`))

	run(t, ctx, chromedp.Reload(), waitApp())
	assert.Equal(t, "?sort=created", evalString(t, ctx, `location.search`), "the reload kept the address")
	assert.Equal(t, []string{"171", "170"}, runs(), "and the order")

	run(t, ctx, chromedp.Click(chromedp.CSS(`th[data-sort-key="created"] a`)),
		until(`location.search === "?sort=-created"`), until(`document.querySelector('table[data-sort="-created"]') !== null`))
	assert.Equal(t, []string{"170", "171"}, runs(), "newest first on the second click")
	assert.Equal(t, "descending", evalString(t, ctx, `document.querySelector('th[data-sort-key="created"]').getAttribute("aria-sort")`))
}

// The pages this work changed have no serious or critical axe violation,
// with their new parts in the states that draw them (a sorted list, the
// portfolio in need order, a run's detail).
func TestTimeAndNavigationAccessibility(t *testing.T) {
	chromium := browserTest(t)
	axe := requireAxe(t)
	root := startApp(t)
	ctx := newBrowser(t, chromium)
	for _, p := range []string{"", "s/demo/?sort=attention", "s/demo/tenants/1/restore-runs?sort=-completed",
		"s/demo/tenants/5/backup-sets", "s/viewer-no-restore/tenants/1"} {
		visit(t, ctx, root+p)
		assert.Empty(t, axeViolations(t, ctx, axe), "/%s", p)
	}
}

// A tenant's dashboard and a restore run print on one A4 page, with the
// snapshot's name and time and the claim boundaries, and no navigation.
func TestPrintIsOnePage(t *testing.T) {
	chromium := browserTest(t)
	root := startApp(t)
	ctx := newBrowser(t, chromium)
	for _, p := range []string{"s/demo/tenants/5", "s/demo/tenants/4", "s/demo/tenants/5/restore-runs/140"} {
		run(t, ctx, chromedp.Navigate(root+p), waitApp())
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		require.NoError(t, err, p)
		assert.Equal(t, 1, pdfPages(pdf), "/%s prints on one page", p)

		run(t, ctx, printMedia("print"))
		shown := func(sel string) bool {
			return evalString(t, ctx, `String([...document.querySelectorAll('`+sel+`')].some(e => e.offsetParent !== null))`) == "true"
		}
		assert.True(t, shown(`[data-testid="snapshot-line"]`), "/%s: the snapshot's name and time", p)
		assert.False(t, shown(`.topbar, .subnav, .breadcrumbs, [data-testid="diagnostics"]`), "/%s: no chrome", p)
		if p != "s/demo/tenants/5/restore-runs/140" {
			assert.True(t, shown(`[data-testid="claim-boundary"]`), "/%s: the claim boundaries", p)
		}
		if *updateDocScreenshots && p == "s/demo/tenants/5" {
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join("..", "docs", "screenshots", "tenant-weakened-print.png"), png, 0o644))
		}
		run(t, ctx, printMedia(""))
	}
}

// printMedia emulates a CSS media type ("print"); "" ends the emulation.
func printMedia(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

// pdfPages counts the page objects of a PDF as Chromium writes it.
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

// TestDocScreenshots writes the screenshots of docs/screenshots, at desktop
// and phone width, when asked: go test ./e2e -run TestDocScreenshots
// -update-doc-screenshots.
func TestDocScreenshots(t *testing.T) {
	if !*updateDocScreenshots {
		t.Skip("writes docs/screenshots only with -update-doc-screenshots")
	}
	chromium := requireTools(t)
	root := startApp(t)
	ctx := newBrowser(t, chromium)
	shots := []struct{ name, path string }{
		{"portfolio", "s/demo/?sort=attention"},
		{"restore-runs", "s/demo/tenants/1/restore-runs?sort=-created"},
		{"tenant-weakened", "s/demo/tenants/5"},
		{"run-needs-review", "s/demo/tenants/5/restore-runs/140"},
	}
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		run(t, ctx, chromedp.EmulateViewport(size.width, size.height))
		for _, s := range shots {
			run(t, ctx, chromedp.Navigate(root+s.path), waitApp())
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			require.NoError(t, err)
			require.True(t, bytes.HasPrefix(png, []byte("\x89PNG")))
			require.NoError(t, os.WriteFile(filepath.Join("..", "docs", "screenshots", s.name+"-"+size.name+".png"), png, 0o644))
		}
	}
}
