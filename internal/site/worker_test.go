package site_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/site"
)

// The service worker keeps the shell at install, and no snapshot: go-app's
// worker kept every snapshot while app.wasm was downloading. Snapshots and
// pages are kept as they are read (e2e: TestReopenOffline).
func TestWorkerKeepsTheShellOnly(t *testing.T) {
	for _, base := range []string{"/", "/atlas/"} {
		t.Run(base, func(t *testing.T) {
			srv, err := site.New(os.DirFS(fixturesDir), base)
			require.NoError(t, err)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, base+"app-worker.js", nil))
			require.Equal(t, http.StatusOK, rec.Code)
			js := rec.Body.String()
			m := regexp.MustCompile(`const resourcesToCache = (\[.*\]);`).FindStringSubmatch(js)
			require.NotNil(t, m, "the template's list was filled in")
			var kept []string
			require.NoError(t, json.Unmarshal([]byte(m[1]), &kept))

			for _, want := range []string{`^` + base + `app\.js$`, `^` + base + `wasm_exec\.js$`, `^` + base + `web/app(\.[0-9a-f]{10})?\.wasm$`,
				`^` + base + `web/boot\.[0-9a-f]{10}\.js$`, `^` + base + `web/styles\.[0-9a-f]{10}\.css$`, `^` + base + `snapshots/catalog\.json$`, "^" + strings.TrimSuffix(base, "/") + "/?$"} {
				assert.True(t, slicesMatch(kept, want), "%s is kept at install: %v", want, kept)
			}
			for _, k := range kept {
				assert.False(t, strings.Contains(k, "/snapshots/") && !strings.HasSuffix(k, "/catalog.json"), "%s: no snapshot is kept at install", k)
			}
			assert.NotContains(t, js, "{{.", "every placeholder was filled in")
			assert.Contains(t, js, `const cacheName = "app-" + "`, "the worker is ours")
		})
	}
}

func slicesMatch(xs []string, pattern string) bool {
	re := regexp.MustCompile(pattern)
	for _, x := range xs {
		if re.MatchString(x) {
			return true
		}
	}
	return false
}
