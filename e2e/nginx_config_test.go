package e2e

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeTinySite writes a stand-in for a built site: enough files to check what
// the nginx configuration does with each kind, without building the app.
func writeTinySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":                   "<!doctype html><title>tenantatlas</title><main>snapshots</main>",
		"404.html":                     "<!doctype html><title>not found</title><main>boots the app</main>",
		"s/demo/index.html":            "<!doctype html><main>portfolio</main>",
		"snapshots/demo.json":          `{"schema_version":1}`,
		"web/styles.0123abcd89.css":    "main{}",
		"web/app.wasm":                 "\x00asm-not-really",
		"web/app.a1b2c3d4e5.wasm":      "\x00asm-not-really",
		"snapshots/big/index.json":     `{"tenants":[]}`,
		"snapshots/big/tenants/1.json": `{"schema_version":1}`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	for _, wasm := range []string{"app.wasm", "app.a1b2c3d4e5.wasm"} {
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		_, _ = zw.Write([]byte(files["web/"+wasm]))
		require.NoError(t, zw.Close())
		require.NoError(t, os.WriteFile(filepath.Join(dir, "web", wasm+".gz"), gz.Bytes(), 0o644))
		// Not real brotli: nginx serves the file as it is, which is what is checked.
		require.NoError(t, os.WriteFile(filepath.Join(dir, "web", wasm+".br"), []byte("br-bytes"), 0o644))
	}
	return dir
}

func get(t *testing.T, url, acceptEncoding string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	// A transport that does not decompress, so Content-Encoding is seen as sent.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

func TestNginxConfiguration(t *testing.T) {
	browserTest(t)
	site := writeTinySite(t)
	_, brotliErr := os.Stat(brotliModule)

	for _, base := range []string{"/", "/atlas/"} {
		t.Run("base "+base, func(t *testing.T) {
			t.Parallel()
			srv := startNginx(t, site, base)

			tests := []struct {
				name, path, acceptEncoding string
				status                     int
				contentType, encoding      string
				cacheControl, body         string
			}{
				{"page", "", "", 200, "text/html", "", "no-cache", "snapshots"},
				{"prerendered page without extension", "s/demo/", "", 200, "text/html", "", "no-cache", "portfolio"},
				{"snapshot", "snapshots/demo.json", "", 200, "application/json", "", "no-store", `{"schema_version":1}`},
				{"wasm gzip", "web/app.wasm", "gzip", 200, "application/wasm", "gzip", "no-cache", ""},
				{"fingerprinted asset", "web/styles.0123abcd89.css", "", 200, "text/css", "", "public, max-age=31536000, immutable", "main{}"},
				{"fingerprinted wasm gzip", "web/app.a1b2c3d4e5.wasm", "gzip", 200, "application/wasm", "gzip", "public, max-age=31536000, immutable", ""},
				{"sharded index", "snapshots/big/index.json", "", 200, "application/json", "", "no-store", `{"tenants":[]}`},
				{"sharded tenant file", "snapshots/big/tenants/1.json", "", 200, "application/json", "", "no-store", `{"schema_version":1}`},
				{"unknown address boots the app", "s/local/tenants/9", "", 404, "text/html", "", "", "boots the app"},
			}
			if brotliErr == nil {
				tests = append(tests, struct {
					name, path, acceptEncoding string
					status                     int
					contentType, encoding      string
					cacheControl, body         string
				}{"wasm brotli", "web/app.wasm", "br, gzip", 200, "application/wasm", "br", "no-cache", "br-bytes"}, struct {
					name, path, acceptEncoding string
					status                     int
					contentType, encoding      string
					cacheControl, body         string
				}{"fingerprinted wasm brotli", "web/app.a1b2c3d4e5.wasm", "br, gzip", 200, "application/wasm", "br", "public, max-age=31536000, immutable", "br-bytes"})
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					resp, body := get(t, srv.URL+tt.path, tt.acceptEncoding)
					assert.Equal(t, tt.status, resp.StatusCode)
					assert.True(t, strings.HasPrefix(resp.Header.Get("Content-Type"), tt.contentType), "Content-Type %q", resp.Header.Get("Content-Type"))
					assert.Equal(t, tt.encoding, resp.Header.Get("Content-Encoding"))
					if tt.cacheControl != "" {
						assert.Equal(t, tt.cacheControl, resp.Header.Get("Cache-Control"))
					}
					if tt.body != "" {
						assert.Contains(t, body, tt.body)
					}
					csp := resp.Header.Get("Content-Security-Policy")
					assert.Contains(t, csp, "'wasm-unsafe-eval'")
					assert.NotContains(t, csp, "'unsafe-eval'")
					assert.NotContains(t, csp, "'unsafe-inline'")
					assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
					assert.NotEmpty(t, resp.Header.Get("Referrer-Policy"))
				})
			}

			t.Run("no directory listing", func(t *testing.T) {
				resp, body := get(t, srv.URL+"web/", "")
				assert.Equal(t, 404, resp.StatusCode)
				assert.NotContains(t, body, "app.wasm")
			})
		})
	}
}

// TestBrowserSmoke proves the harness itself: Chromium opens a page nginx serves.
func TestBrowserSmoke(t *testing.T) {
	chromium := browserTest(t)
	srv := startNginx(t, writeTinySite(t), "/atlas/")
	ctx := newBrowser(t, chromium)
	run(t, ctx, chromedp.Navigate(srv.URL))
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").textContent`))
	require.NoError(t, err)
	assert.Equal(t, "snapshots", text)
}
