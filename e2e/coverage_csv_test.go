package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/coverage"
)

// cliCSV is `tenantatlas resolve --format csv` of a shipped snapshot, as
// held by cmd/tenantatlas's golden tests: its header and its rows by id.
func cliCSV(t *testing.T, name string) (header string, rows map[string]string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "cmd", "tenantatlas", "testdata", "golden", "csv", name+".csv"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	rows = map[string]string{}
	for _, l := range lines[1:] {
		id, _, _ := strings.Cut(l, ",")
		rows[id] = l
	}
	return lines[0], rows
}

// captureDownloads keeps, in window.__csv, the text of every Blob the page
// turns into an object URL, and lets the browser save downloads into dir.
func captureDownloads(dir string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		// The tab's own browser context: the package's tests share one
		// browser, each in a context of its own.
		if _, err := cdp.Call(ctx, tg, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
			BrowserContextID: chromedp.FromContext(ctx).BrowserContextID}); err != nil {
			return err
		}
		_, err := chromedp.Evaluate[any](`(() => { window.__csv = null; const make = URL.createObjectURL;
			URL.createObjectURL = b => { b.text().then(t => { window.__csv = t }); return make.call(URL, b) }; return true })()`)(ctx, tg)
		return err
	})
}

// TestCSVDownloadEqualsCLI: "Download CSV" on a filtered, sorted portfolio
// saves, from the browser alone, the CLI's CSV of the same tenants in the
// order the page lists them; axe finds nothing serious on the page.
func TestCSVDownloadEqualsCLI(t *testing.T) {
	chromium := browserTest(t)
	root := startApp(t)
	ctx := newBrowser(t, chromium)
	header, cli := cliCSV(t, "demo")
	dir := t.TempDir()
	for _, query := range []string{"?backup=degraded&sort=id", "?recovery=weakened&sort=backup"} {
		run(t, ctx, chromedp.Navigate(root+"s/demo/"+query), waitApp(), captureDownloads(dir),
			chromedp.Click(chromedp.CSS(`[data-testid="download-csv"]`)), until(`window.__csv !== null`))
		var rows []portfolioRow
		require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, readPortfolioRows)), &rows))
		require.NotEmpty(t, rows, query)
		assert.Equal(t, fmt.Sprintf("Download CSV (%d tenants)", len(rows)),
			evalString(t, ctx, `document.querySelector('[data-testid="download-csv"]').textContent`), query)
		want := []string{header}
		for _, r := range rows {
			want = append(want, cli[r.ID])
		}
		wantText := strings.Join(want, "\r\n") + "\r\n"
		assert.Equal(t, wantText, evalString(t, ctx, `window.__csv`), query)

		// The saved file, once the browser has written it.
		file := filepath.Join(dir, "demo-portfolio.csv")
		deadline := time.Now().Add(10 * time.Second)
		for {
			b, err := os.ReadFile(file)
			if err == nil && len(b) == len(wantText) {
				assert.Equal(t, wantText, string(b), query)
				break
			}
			require.True(t, time.Now().Before(deadline), "%s: no download saved as %s", query, file)
			time.Sleep(100 * time.Millisecond)
		}
		require.NoError(t, os.Remove(file))
	}
	// The portfolio with its new control, as the app renders it.
	checkAxe(t, ctx, root+"s/demo/?backup=degraded")
}

// TestCoveragePageInTheBrowser: once the app has rendered the coverage page,
// its rows carry the CLI's coverage, in order; axe finds no serious or
// critical violation on it. With TENANTATLAS_SCREENSHOTS=DIR it also saves
// the page, desktop and phone, into DIR.
func TestCoveragePageInTheBrowser(t *testing.T) {
	chromium := browserTest(t)
	root := startApp(t)
	ctx := newBrowser(t, chromium)
	for _, name := range []string{"demo", "counts-absent"} {
		b, err := os.ReadFile(filepath.Join("..", "cmd", "tenantatlas", "testdata", "golden", "coverage", name+".json"))
		require.NoError(t, err)
		var rep coverage.Report
		require.NoError(t, json.Unmarshal(b, &rep))
		// Through the portfolio's link, so that the app routes it.
		run(t, ctx, chromedp.Navigate(root+"s/"+name+"/"), waitApp(),
			chromedp.Click(chromedp.CSS(`[data-testid="coverage-link"]`)), until(`location.pathname.endsWith("/coverage")`), waitApp())
		var got []coverage.Row
		require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, `JSON.stringify([...document.querySelectorAll('[data-testid="coverage-row"]')].map(r => ({
			table: r.dataset.table, state: r.dataset.state, reason: r.dataset.reason ?? null, count: +r.dataset.count,
			examples: [...r.querySelectorAll('[data-testid="coverage-example"]')].map(a => a.getAttribute("href").replace(/^\/s\/[^/]+\//, ""))})))`)), &got))
		assert.Equal(t, rep.Rows, got, name)
		missing := evalString(t, ctx, `document.querySelector('[data-testid="coverage-missing"]').innerText`)
		for _, r := range rep.Rows {
			if r.Count == 0 {
				assert.Contains(t, missing, r.Table+": "+r.State, name)
			}
		}
		if slices.ContainsFunc(rep.Rows, func(r coverage.Row) bool { return r.Count == 0 }) {
			assert.NotContains(t, missing, "Every state key is reached", name)
		}
	}
	checkAxe(t, ctx, root+"s/demo/coverage")
	checkAxe(t, ctx, root+"s/counts-absent/coverage")
	if dir := os.Getenv("TENANTATLAS_SCREENSHOTS"); dir != "" {
		run(t, ctx, chromedp.Navigate(root+"s/counts-absent/coverage"), waitApp())
		shoot(t, ctx, filepath.Join(dir, "coverage-desktop.png"), 1280, 900, false)
		shoot(t, ctx, filepath.Join(dir, "coverage-phone.png"), 390, 844, true)
	}
}

// checkAxe runs axe-core on the page at url when AXE_CORE_JS names it.
func checkAxe(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	axe, ok := axeSource(t)
	if !ok {
		t.Log("SKIPPED the accessibility check: set AXE_CORE_JS to axe-core's axe.min.js")
		return
	}
	run(t, ctx, chromedp.Navigate(url), waitApp())
	assert.Empty(t, axeViolations(t, ctx, axe), url)
}

// shoot saves a full-page screenshot at a viewport of w×h CSS pixels.
func shoot(t *testing.T, ctx context.Context, file string, w, h int64, mobile bool) {
	t.Helper()
	run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: w, Height: h, DeviceScaleFactor: 1, Mobile: mobile})
		return err
	}))
	png, err := capture(ctx)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, png, 0o644))
}
