package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// watchProgress records, from now on in the page, the progress bar and
// every phase the loading state names: a MutationObserver sees each state
// the app renders, however briefly.
const watchProgress = `window.__progress = {bar: false, valuetext: [], phases: []};
new MutationObserver(() => {
	const p = window.__progress;
	const bar = document.querySelector('progress#load-progress');
	if (bar) {
		p.bar = true;
		const v = bar.getAttribute("aria-valuetext");
		if (v && !p.valuetext.includes(v)) p.valuetext.push(v);
	}
	const what = document.getElementById("load-progress-what");
	if (what && what.getAttribute("role") === "status" && what.getAttribute("aria-live") === "polite") {
		const t = what.textContent.trim();
		if (t && p.phases[p.phases.length - 1] !== t) p.phases.push(t);
	}
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true}); true`

type progressSeen struct {
	Bar       bool
	Valuetext []string
	Phases    []string
}

// A 20 MB file, generated here, opened on the static site behind nginx: the
// page says what it is doing and how far while it reads, checks and
// resolves it; the file is kept in this browser across a reload (not in
// local storage, whose quota is a few megabytes), removed when closed, and
// never sent to the server.
func TestLargeLocalFileKept(t *testing.T) {
	chromium := browserTest(t)
	file, size := writeGenerated(t, t.TempDir(), "large", gen.Options{Tenants: 1000, RunsPerTenant: 32, Seed: 7})
	require.Greater(t, size, int64(20_000_000), "a 20 MB file")
	res := resolveFile(t, file)

	dist := builtSite(t, "/")
	srv := startNginx(t, dist, "/")
	ctx := newBrowser(t, chromium)
	localReady := `location.pathname === "/s/local/" && !!document.querySelector('main[data-ready="true"] [data-testid="tenant-row"]')`

	run(t, ctx, chromedp.Navigate(srv.URL), waitApp(), evalAction(watchProgress))
	runLarge(t, ctx, chromedp.SetUploadFiles(chromedp.CSS("#snapshot-file"), []string{file}), until(localReady))
	var seen progressSeen
	require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, `JSON.stringify(window.__progress)`)), &seen))
	assert.True(t, seen.Bar, "a progress bar while the file loads")
	mb := fmt.Sprintf("%.1f MB", float64(size)/1e6)
	assert.Contains(t, seen.Valuetext, "0.0 MB of "+mb+" read", "how far, from the start")
	assert.Contains(t, seen.Valuetext, "checking")
	assert.True(t, slices.ContainsFunc(seen.Valuetext, func(v string) bool { return strings.HasSuffix(v, " of 1000 tenants") }), "then resolving: %q", seen.Valuetext)
	assert.Equal(t, []string{"Reading the file you opened in this browser…", "Checking the records…", "Working out each tenant's state…"}, seen.Phases,
		"what is happening, phase by phase, in a polite live region")
	rowsAgree(t, ctx, res, "opened")

	runLarge(t, ctx, chromedp.Reload(), until(localReady))
	rowsAgree(t, ctx, res, "after a reload")
	assert.Equal(t, "0", evalString(t, ctx, `String(localStorage.length)`), "kept in IndexedDB, not local storage")

	closeLocalFile(t, ctx, srv.URL)

	neverSent(t, srv.Requests(t), dist, "/", file)
}

// largeBound bounds the steps that read a large file: a machine running
// several browsers at once has taken minutes over a 20 MB file, above run's
// bound.
const largeBound = 10 * time.Minute

// runLarge is run for a step that reads a large file.
func runLarge(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, largeBound)
	defer cancel()
	require.NoError(t, chromedp.Do(tctx, steps...))
}

// resolveFile is what the CLI resolves from file.
func resolveFile(t *testing.T, file string) domain.Resolution {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	c := snapshot.Check(f, snapshot.Limits{})
	require.False(t, c.Rejected(), "the generated snapshot is accepted")
	return *domain.Resolve(c)
}

// rowsAgree checks the rows of the portfolio page open in ctx (the first
// page of a large portfolio) against res.
func rowsAgree(t *testing.T, ctx context.Context, res domain.Resolution, where string) {
	t.Helper()
	var rows []portfolioRow
	require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, readPortfolioRows)), &rows), where)
	require.NotEmpty(t, rows, where)
	byID := map[string]domain.TenantState{}
	for _, ts := range res.Tenants {
		byID[tenantID(ts)] = ts
	}
	for _, r := range rows {
		ts, ok := byID[r.ID]
		if !assert.True(t, ok, "%s: tenant %s is in the file", where, r.ID) || !assert.Equal(t, domain.DataValid, ts.DataStatus) {
			continue
		}
		assert.Equal(t, string(ts.BackupHealth.Posture), r.Backup, "%s: tenant %s", where, r.ID)
		assert.Equal(t, string(ts.RecoveryEvidence.OverviewState), r.Overview, "%s: tenant %s", where, r.ID)
	}
}
