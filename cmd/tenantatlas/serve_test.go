package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/internal/site"
	"github.com/tenantatlas/tenantatlas/snapshot"
	"github.com/tenantatlas/tenantatlas/web"
)

// startServe runs the real server on a loopback port with the embedded
// fixtures, under basePath.
func startServe(t *testing.T, basePath string) string {
	t.Helper()
	srv, err := newServer("", basePath)
	require.NoError(t, err)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + l.Addr().String() + site.NormalizeBase(basePath)
}

func fetch(t *testing.T, method, url string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, string(b)
}

// assertNoSubstring is NotContains without printing the whole page.
func assertNoSubstring(t *testing.T, s, sub, msg string) {
	t.Helper()
	if i := strings.Index(s, sub); i >= 0 {
		t.Errorf("%s: found %q near %q", msg, sub, s[max(0, i-80):min(len(s), i+80)])
	}
}

// marker finds data-state (or another data attribute) of the element with
// data-testid, whatever order go-app wrote the attributes in.
func markers(html, testid, attr string) []string {
	var out []string
	for _, tag := range regexp.MustCompile(`<[a-z]+ [^>]*data-testid="`+testid+`"[^>]*>`).FindAllString(html, -1) {
		if m := regexp.MustCompile(` ` + attr + `="([^"]*)"`).FindStringSubmatch(tag); m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

func resolveFixture(t *testing.T, path string) *domain.Resolution {
	res, _ := resolveFixtureFor(t, path)
	return res
}

// resolveFixtureFor also says whether the snapshot's viewer may see restores.
func resolveFixtureFor(t *testing.T, path string) (*domain.Resolution, bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	c := snapshot.Check(bytes.NewReader(b), snapshot.Limits{})
	return domain.Resolve(c), c.Snapshot != nil && c.Snapshot.Can(snapshot.CapRestoreView)
}

// TestServePrerendersEveryPage: every page of every valid shipped snapshot
// is prerendered with the markers the domain derives for it.
func TestServePrerendersEveryPage(t *testing.T) {
	for _, base := range []string{"/", "/atlas/"} {
		t.Run("base "+base, func(t *testing.T) {
			root := startServe(t, base)
			files, _ := filepath.Glob(fixture("scenarios", "*.json"))
			files = append(files, fixture("demo.json"))
			for _, f := range files {
				snap := strings.TrimSuffix(filepath.Base(f), ".json")
				res, canRestore := resolveFixtureFor(t, f)
				t.Run(snap, func(t *testing.T) {
					code, _, html := fetch(t, "GET", root+"s/"+snap+"/")
					require.Equal(t, 200, code)
					assert.Contains(t, html, `data-ready="true"`)
					assert.Len(t, markers(html, "tenant-row", "data-tenant-id"), len(res.Tenants))
					for _, ts := range res.Tenants {
						page := fmt.Sprintf("%ss/%s/tenants/%d", root, snap, ts.TenantID)
						code, _, html := fetch(t, "GET", page)
						require.Equal(t, 200, code, page)
						assert.Contains(t, html, `data-ready="true"`)
						assert.True(t, strings.Contains(html, `href="`+strings.TrimSuffix(site.NormalizeBase(base), "/")+`/web/`+web.Fingerprinted("styles.css")+`"`), "assets honour the base path, under their fingerprinted names")
						if ts.DataStatus != domain.DataValid {
							assert.Equal(t, []string{}, append([]string{}, markers(html, "backup-health", "data-state")...))
							assert.Contains(t, html, `data-testid="tenant-invalid"`)
							continue
						}
						assert.Equal(t, []string{string(ts.BackupHealth.Posture)}, markers(html, "backup-health", "data-state"), page)
						assert.Equal(t, []string{string(ts.RecoveryEvidence.OverviewState)}, markers(html, "recovery-evidence", "data-state"), page)
						assert.Len(t, markers(html, "needs-attention-item", "data-kind"), len(ts.NeedsAttention))
						if base != "/" {
							assertNoSubstring(t, html, `href="/s/`+snap, "links stay under the base path")
							assertNoSubstring(t, html, base+strings.TrimPrefix(base, "/"), "the base path is not doubled")
							assert.Contains(t, html, `href="`+base+`s/`+snap+`/"`, "the header links to the portfolio under the base path")
						}
						for _, r := range ts.RestoreRuns {
							runPage := fmt.Sprintf("%s/restore-runs/%d", page, r.ID)
							code, _, html := fetch(t, "GET", runPage)
							require.Equal(t, 200, code, runPage)
							if !canRestore {
								assert.True(t, strings.Contains(html, `data-testid="access-missing"`), runPage)
								continue
							}
							assert.Equal(t, []string{string(r.Result.State)}, markers(html, "restore-result", "data-state"), runPage)
							diag := regexp.MustCompile(`<details [^>]*data-testid="diagnostics"[^>]*>`).FindString(html)
							assert.NotEmpty(t, diag, runPage)
							assert.NotRegexp(t, `\sopen[\s>=]`, diag, "diagnostics collapsed")
						}
					}
				})
			}
		})
	}
}

func TestServeRestoreRunListAndBanner(t *testing.T) {
	root := startServe(t, "/")
	res := resolveFixture(t, fixture("demo.json"))
	for _, ts := range res.Tenants {
		if ts.DataStatus != domain.DataValid {
			continue
		}
		_, _, html := fetch(t, "GET", fmt.Sprintf("%ss/demo/tenants/%d/restore-runs", root, ts.TenantID))
		assert.Len(t, markers(html, "restore-run-row", "data-run-id"), len(ts.RestoreRuns))
		assertNoSubstring(t, html, "continuity-banner", "no banner without a reason")
	}
	_, _, html := fetch(t, "GET", root+"s/demo/tenants/3/restore-runs?recovery_posture_reason=no_history")
	assert.Equal(t, []string{"no_history"}, markers(html, "continuity-banner", "data-reason"))
	_, _, html = fetch(t, "GET", root+"s/demo/tenants/3/restore-runs?recovery_posture_reason=%3Cb%3Eowned%3C%2Fb%3E")
	assertNoSubstring(t, html, "continuity-banner", "no banner for an unknown reason")
	assertNoSubstring(t, html, "owned", "an unknown reason is never echoed")
}

func TestServeNotFoundAndMethods(t *testing.T) {
	root := startServe(t, "/")
	tests := []struct {
		name, method, path string
		status             int
		testid             string
	}{
		{"unknown snapshot", "GET", "s/nope/", 404, "not-found"},
		{"unknown tenant", "GET", "s/demo/tenants/99", 404, "not-found"},
		{"unknown run", "GET", "s/demo/tenants/1/restore-runs/999", 404, "not-found"},
		{"another tenant's run", "GET", "s/demo/tenants/2/restore-runs/100", 404, "not-found"},
		{"unknown page", "GET", "s/demo/elsewhere", 404, "not-found"},
		{"rejected snapshot", "GET", "s/not-json/", 200, "snapshot-error"},
		{"quarantined tenant", "GET", "s/demo/tenants/12", 200, "tenant-invalid"},
		{"quarantined tenant's runs", "GET", "s/demo/tenants/12/restore-runs", 200, "tenant-invalid"},
		{"POST", "POST", "s/demo/", 405, ""},
		{"DELETE", "DELETE", "snapshots/demo.json", 405, ""},
		{"no directory listing", "GET", "web/", 404, ""},
		{"no Go source from web/", "GET", "web/embed.go", 404, ""},
		{"traversal out of snapshots", "GET", "snapshots/..%2fembed.go", 404, ""},
		{"a quote in the path", "GET", "s/demo/x%22%3E%3Cb%3Einjected", 404, "not-found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, h, body := fetch(t, tt.method, root+tt.path)
			assert.Equal(t, tt.status, code)
			if tt.testid != "" {
				assert.Contains(t, body, `data-testid="`+tt.testid+`"`)
			}
			assertNoSubstring(t, body, `<b>injected`, "the address never becomes markup")
			assert.Contains(t, h.Get("Content-Security-Policy"), "'wasm-unsafe-eval'")
			assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"))
		})
	}
}

// Without restore.view no restore record reaches the page: the HTML, not
// just the view, is checked.
func TestServeWithoutRestoreView(t *testing.T) {
	root := startServe(t, "/")
	_, _, html := fetch(t, "GET", root+"s/viewer-no-restore/tenants/1")
	assert.Regexp(t, `<button [^>]*data-testid="recovery-action"`, html, "the action is a disabled control")
	assert.Contains(t, html, "restore.view")
	for _, page := range []string{"s/viewer-no-restore/tenants/1/restore-runs", "s/viewer-no-restore/tenants/1/restore-runs/100"} {
		_, _, html := fetch(t, "GET", root+page)
		assert.Contains(t, html, `data-testid="access-missing"`)
		assertNoSubstring(t, html, "restore-run-row", page)
		assertNoSubstring(t, html, "restore-result", page)
	}
	_, _, html = fetch(t, "GET", root+"s/viewer-no-backup/tenants/1/backup-sets")
	assert.Contains(t, html, `data-testid="access-missing"`)
	assertNoSubstring(t, html, "backup-set-row", "backup sets without backup.view")
}

// docs/rules.md §6: no page says a forbidden phrase in its own copy.
func TestServeNoForbiddenClaims(t *testing.T) {
	root := startServe(t, "/")
	tags := regexp.MustCompile(`(?s)<script.*?</script>|<[^>]+>`)
	res := resolveFixture(t, fixture("demo.json"))
	pages := []string{"", "s/demo/"}
	for _, ts := range res.Tenants {
		p := fmt.Sprintf("s/demo/tenants/%d", ts.TenantID)
		pages = append(pages, p, p+"/restore-runs", p+"/backup-sets")
		for _, r := range ts.RestoreRuns {
			pages = append(pages, fmt.Sprintf("%s/restore-runs/%d", p, r.ID))
		}
	}
	for _, p := range pages {
		_, _, html := fetch(t, "GET", root+p)
		text := tags.ReplaceAllString(html, " ")
		phrase, found := domain.ContainsForbiddenClaim(text)
		assert.False(t, found, "%s says %q", p, phrase)
	}
}

// The manifest's start_url is the base path without its slash.
func TestServeBaseWithoutSlashRedirects(t *testing.T) {
	root := startServe(t, "/atlas/")
	client := &http.Client{Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(strings.TrimSuffix(root, "/"))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMovedPermanently, resp.StatusCode)
	assert.Equal(t, "/atlas/", resp.Header.Get("Location"))

	_, err = newServer("", "/web/")
	assert.Error(t, err, "a base path under /web/ would read as assets")
}

// A --fixtures folder whose file name no page address can carry is refused
// with a message, rather than served as a snapshot no link could reach.
func TestServeRefusesUnaddressableSnapshotNames(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, `a"b.json`), []byte(`{}`), 0o644))
	_, err := newServer(dir, "/")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "snapshot name")
}
