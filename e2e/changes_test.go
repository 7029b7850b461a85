package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// The changes of a series in the browser: the prerendered changes page of a
// shipped series, a ?from= page that only the app renders, the trend drawn
// as SVG, and three files opened together as a local series, never sent.

// seriesFile is a snapshot of the shipped demo series.
func seriesFile(t *testing.T, stem string) string {
	t.Helper()
	f, err := filepath.Abs(filepath.Join("..", "fixtures", "series", "demo", stem+".json"))
	require.NoError(t, err)
	return f
}

// wantRows are the change rows a page of NEW compared with OLD shows, in
// order: listed ones worst first, then the unchanged.
func wantRows(t *testing.T, old, new string) []string {
	t.Helper()
	res := func(f string) *domain.Resolution {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		return domain.Resolve(snapshot.Check(bytes.NewReader(b), snapshot.Limits{}))
	}
	d, err := change.Compare(res(old), res(new))
	require.NoError(t, err)
	var listed, same []string
	for _, tc := range change.WorstFirst(d.Tenants) {
		dir := "none"
		if tc.Direction != nil {
			dir = *tc.Direction
		}
		row := fmt.Sprintf("%d %s %s", tc.TenantID, tc.Change, dir)
		if tc.Listed() {
			listed = append(listed, row)
		} else {
			same = append(same, row)
		}
	}
	return append(listed, same...)
}

const readChangeRows = `JSON.stringify([...document.querySelectorAll('[data-testid="change-row"]')].map(r => r.dataset.tenantId + " " + r.dataset.change + " " + r.dataset.direction))`

func changeRows(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var rows []string
	require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, readChangeRows)), &rows))
	return rows
}

// untilFrom waits for the changes page comparing with from to be ready.
func untilFrom(from string) chromedp.Action[chromedp.Void] {
	return until(fmt.Sprintf(`!!document.querySelector('main[data-ready="true"] [data-testid="changes"][data-from="%s"]')`, from))
}

func TestChangesInTheBrowser(t *testing.T) {
	chromium := browserTest(t)
	dist := builtSite(t, "/")
	srv := startNginx(t, dist, "/")
	ctx := newBrowser(t, chromium)
	day := func(d int) string { return fmt.Sprintf("2026-04-%02d", d) }

	// Prerendered, then the app's: since the day before.
	ps := visit(t, ctx, srv.URL+"s/demo."+day(9)+"/changes")
	assert.Equal(t, wantRows(t, seriesFile(t, day(8)), seriesFile(t, day(9))), changeRows(t, ctx))
	for _, w := range []string{"recovered", "fixed", "resolved"} {
		assert.NotContains(t, strings.ToLower(ps.Text), w)
	}

	// ?from= has no file of its own: the app renders it.
	run(t, ctx, chromedp.Navigate(srv.URL+"s/demo."+day(9)+"/changes?from=demo."+day(3)), untilFrom("demo."+day(3)))
	assert.Equal(t, wantRows(t, seriesFile(t, day(3)), seriesFile(t, day(9))), changeRows(t, ctx))

	// The trend is SVG in the SVG namespace, drawn, with its table.
	run(t, ctx, chromedp.Navigate(srv.URL+"s/demo."+day(9)+"/"), waitApp())
	assert.Equal(t, "2 true 7", evalString(t, ctx, `(() => {
		const svgs = [...document.querySelectorAll('[data-testid="trend"] svg[role="img"]')];
		const drawn = svgs.every(s => s.namespaceURI === "http://www.w3.org/2000/svg" && s.querySelector("rect").getBBox().height > 0);
		return svgs.length + " " + drawn + " " + document.querySelectorAll('[data-testid="trend-row"]').length;
	})()`))

	// Three files opened together, out of order, form a local series.
	files := []string{seriesFile(t, day(9)), seriesFile(t, day(5)), seriesFile(t, day(7))}
	run(t, ctx, chromedp.Navigate(srv.URL), waitApp(),
		chromedp.SetUploadFiles(chromedp.CSS("#snapshot-file"), files),
		until(`location.pathname === "/s/local.3/changes"`), untilFrom("local.2"))
	assert.Equal(t, wantRows(t, seriesFile(t, day(7)), seriesFile(t, day(9))), changeRows(t, ctx))
	run(t, ctx, chromedp.Reload(), untilFrom("local.2"))
	assert.Equal(t, wantRows(t, seriesFile(t, day(7)), seriesFile(t, day(9))), changeRows(t, ctx), "kept after a reload")
	run(t, ctx, chromedp.Navigate(srv.URL+"s/local.1/changes"), waitApp())
	assert.Equal(t, "1", evalString(t, ctx, `String(document.querySelectorAll('[data-testid="no-previous"]').length)`))
	// Fabrikam went stale on the 8th; the local series, which lacks the
	// 8th, first sees it stale on the 9th.
	run(t, ctx, chromedp.Navigate(srv.URL+"s/local.3/tenants/2"), waitApp())
	assert.Equal(t, "2026-04-09T01:19:36+02:00 3", evalString(t, ctx,
		`document.querySelector('[data-testid="backup-health"]').dataset.since + " " + document.querySelectorAll('[data-testid="timeline-point"]').length`))

	run(t, ctx, chromedp.Navigate(srv.URL), waitApp(),
		chromedp.Click(chromedp.CSS(`main button.button--quiet`)),
		until(`!document.querySelector('main button.button--quiet')`),
		chromedp.Navigate(srv.URL+"s/local.3/changes"), waitApp())
	assert.Equal(t, "1", evalString(t, ctx, `String(document.querySelectorAll('[data-testid="not-found"]').length)`), "closed: gone")
	for _, f := range files {
		neverSent(t, srv.Requests(t), dist, "/", f)
	}
}

// The changes page, a portfolio with its trend and a dashboard with its
// timeline have no serious or critical accessibility violation.
func TestChangesAccessibility(t *testing.T) {
	chromium := browserTest(t)
	axe := requireAxe(t)
	srv := startNginx(t, builtSite(t, "/"), "/")
	ctx := newBrowser(t, chromium)
	for _, p := range []string{"s/demo.2026-04-09/changes", "s/demo.2026-04-03/changes", "s/demo.2026-04-09/", "s/demo.2026-04-09/tenants/5"} {
		visit(t, ctx, srv.URL+p)
		assert.Empty(t, axeViolations(t, ctx, axe), "/%s", p)
	}
}

// With SCREENSHOTS=1, the changes page and a tenant's timeline are captured
// into docs/screenshots at desktop and phone width.
func TestChangesScreenshots(t *testing.T) {
	if os.Getenv("SCREENSHOTS") != "1" {
		t.Skip("SKIPPED: set SCREENSHOTS=1 to write docs/screenshots")
	}
	chromium := requireTools(t)
	srv := startNginx(t, builtSite(t, "/"), "/")
	ctx := newBrowser(t, chromium)
	shots := []struct{ name, page, scrollTo string }{
		{"changes", "s/demo.2026-04-09/changes", ""},
		{"tenant-timeline", "s/demo.2026-04-09/tenants/5", `[data-testid="timeline"]`},
	}
	for _, w := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}} {
		for _, s := range shots {
			steps := []chromedp.Action[chromedp.Void]{
				chromedp.EmulateViewport(w.width, w.height, emulateMobile(w.mobile)),
				chromedp.Navigate(srv.URL + s.page), waitApp(),
			}
			if s.scrollTo != "" {
				steps = append(steps, until(fmt.Sprintf(`(document.querySelector('%s').scrollIntoView({block: "end"}), true)`, s.scrollTo)))
			}
			run(t, ctx, steps...)
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join("..", "docs", "screenshots", s.name+"-"+w.name+".png"), png, 0o644))
		}
	}
}

func emulateMobile(mobile bool) chromedp.EmulateViewportOption {
	return func(p *emulation.SetDeviceMetricsOverrideParams, t *emulation.SetTouchEmulationEnabledParams) {
		p.Mobile = mobile
		t.Enabled = mobile
	}
}
