package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/domain"
)

// A snapshot file the user opens is read in the browser, kept after a
// reload, forgotten when closed, and never sent to the server: checked on
// the static site behind nginx, from nginx's own access log. Each file's
// expected states are the CLI's resolve output for it (the golden files).
func TestOpenLocalSnapshotFile(t *testing.T) {
	chromium := browserTest(t)
	tests := []struct {
		name, file, golden string // file under fixtures/
	}{
		{"valid", "scenarios/result-evidence-current.json", "result-evidence-current"},
		{"a quarantined tenant", "scenarios/isolation-quarantine.json", "isolation-quarantine"},
		{"rejected", "invalid/trailing-data.json", "rejected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dist := builtSite(t, "/")
			srv := startNginx(t, dist, "/")
			ctx := newBrowser(t, chromium)
			file, err := filepath.Abs(filepath.Join("..", "fixtures", filepath.FromSlash(tt.file)))
			require.NoError(t, err)
			res := golden(t, tt.golden)
			if tt.name == "valid" {
				require.Empty(t, res.Errors, "a file with no errors at all")
			}

			run(t, ctx, chromedp.Navigate(srv.URL), waitApp(),
				chromedp.SetUploadFiles(chromedp.CSS("#snapshot-file"), []string{file}),
				until(`location.pathname === "/s/local/" && !!document.querySelector('main[data-ready="true"]')`))
			localFileShown(t, ctx, res, "opened")

			// A reload is answered by 404.html (no file has this address), and
			// the app reads the file again from this browser.
			run(t, ctx, chromedp.Reload(), waitApp())
			localFileShown(t, ctx, res, "after a reload")
			for _, ts := range res.Tenants {
				tenantPageShown(t, ctx, srv.URL, res, ts)
			}

			closeLocalFile(t, ctx, srv.URL)

			neverSent(t, srv.Requests(t), dist, "/", file)
		})
	}
}

// localFileShown checks the portfolio of the opened file against res: the
// rows, or for a rejected file its errors and nothing else.
func localFileShown(t *testing.T, ctx context.Context, res domain.Resolution, when string) {
	t.Helper()
	if res.SchemaVersion != nil { // null only for a rejected snapshot
		rowsAgreeWithCLI(t, ctx, res, "s/local/ "+when)
		return
	}
	require.NotEmpty(t, res.Errors)
	text := evalString(t, ctx, `document.querySelector('[data-testid="snapshot-error"]')?.innerText ?? ""`)
	for _, p := range res.Errors {
		assert.Contains(t, text, p.Message, "%s: the rejection says why", when)
	}
	assert.Equal(t, "0", evalString(t, ctx, `String(document.querySelectorAll('[data-testid="tenant-row"]').length)`), "%s: nothing is shown from a rejected file", when)
}

// tenantPageShown follows the tenant's link on the portfolio (the app's
// router, in the browser) to its page: a valid tenant's states as res has
// them; a quarantined tenant's errors, and nothing derived.
func tenantPageShown(t *testing.T, ctx context.Context, siteURL string, res domain.Resolution, ts domain.TenantState) {
	t.Helper()
	id := tenantID(ts)
	navigateInApp(t, ctx, siteURL+"s/local/")
	run(t, ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-testid="tenant-row"][data-tenant-id="%s"] th a`, id))),
		until(fmt.Sprintf(`location.pathname === "/s/local/tenants/%s" && !!document.querySelector('main[data-ready="true"]')`, id)))
	var ps pageState
	require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, readPage)), &ps))
	if ts.DataStatus != domain.DataValid {
		assert.Contains(t, ps.Testids, "tenant-invalid", "tenant %s", id)
		assert.Empty(t, ps.Backup+ps.Recovery, "tenant %s is quarantined: nothing derived", id)
		for _, p := range res.Errors {
			if p.TenantID != nil && *p.TenantID == ts.TenantID {
				assert.Contains(t, ps.Text, p.Message, "tenant %s: its errors", id)
			}
		}
		return
	}
	assert.NotContains(t, ps.Testids, "tenant-invalid", "tenant %s", id)
	assert.Equal(t, string(ts.BackupHealth.Posture), ps.Backup, "tenant %s", id)
	assert.Equal(t, string(ts.RecoveryEvidence.OverviewState), ps.Recovery, "tenant %s", id)
}

// neverSent checks every request nginx answered: a GET or HEAD with no
// body, of a file of the site in dist or of a page address the app renders
// from 404.html, and carrying none of the file's content in its address.
func neverSent(t *testing.T, reqs []request, dist, base, file string) {
	t.Helper()
	require.NotEmpty(t, reqs)
	content := distinctive(t, file)
	for _, r := range reqs {
		assert.Contains(t, []string{"GET", "HEAD"}, r.Method, "only reads: %+v", r)
		assert.Contains(t, []string{"-", "0"}, r.BodyIn, "no request body: %+v", r)
		assert.NoError(t, servedBySite(r, dist, base), "%+v", r)
		uri := r.URI
		if u, err := url.QueryUnescape(r.URI); err == nil {
			uri = u
		}
		for _, c := range content {
			assert.NotContains(t, uri, c, "the file's content in a request: %+v", r)
		}
	}
}

// distinctive are strings of the file that no address of the site holds:
// its generated_at and its tenants' names (the file's first JSON value,
// which a rejected file too has).
func distinctive(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	var head struct {
		GeneratedAt string `json:"generated_at"`
		Tenants     []struct {
			Name string `json:"name"`
		} `json:"tenants"`
	}
	require.NoError(t, json.NewDecoder(f).Decode(&head))
	out := []string{head.GeneratedAt}
	for _, tn := range head.Tenants {
		out = append(out, tn.Name)
	}
	for _, s := range out {
		require.GreaterOrEqual(t, len(s), 4, "%q is too short to tell apart", s)
	}
	return out
}

// servedBySite reports how r is not something the site in dist serves: a
// file found as nginx's try_files looks for it ($uri, $uri.html,
// $uri/index.html), or, answered 404 with 404.html, a page address the app
// renders in the browser.
func servedBySite(r request, dist, base string) error {
	p := r.URI
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	rel, ok := strings.CutPrefix(p, base)
	if !ok {
		return fmt.Errorf("%s is outside the site's base %s", p, base)
	}
	if r.Status == 404 {
		if app.ParseAddress("/"+rel, nil).Known() {
			return nil
		}
		return fmt.Errorf("%s is neither a file of the site nor a page address", p)
	}
	for _, c := range []string{rel, rel + ".html", filepath.Join(rel, "index.html")} {
		if fi, err := os.Stat(filepath.Join(dist, filepath.FromSlash(c))); err == nil && fi.Mode().IsRegular() {
			return nil
		}
	}
	return fmt.Errorf("answered %d, but the site has no file %s", r.Status, p)
}

// closeLocalFile closes the file opened in this browser from the home page
// at root, and checks that it is gone. The button goes once the file is
// removed; navigating before that could still find it.
func closeLocalFile(t *testing.T, ctx context.Context, root string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(root), waitApp(),
		chromedp.Click(chromedp.CSS(`main button.button--quiet`)),
		until(`!document.querySelector('main button.button--quiet') && !!document.querySelector('main [role="status"]')`),
		chromedp.Navigate(root+"s/local/"), waitApp())
	assert.Equal(t, "1", evalString(t, ctx, `String(document.querySelectorAll('[data-testid="not-found"]').length)`), "closed: gone")
}
