package site_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/site"
	"github.com/tenantatlas/tenantatlas/web"
)

// withheldFixtures are snapshots whose viewer lacks a capability, with the
// collections that viewer may not see: the shipped two, and the demo
// portfolio seen without evidence.view (and without any capability).
func withheldFixtures(t *testing.T) (fstest.MapFS, map[string][]string) {
	t.Helper()
	read := func(p string) []byte {
		b, err := os.ReadFile(filepath.Join(fixturesDir, p))
		require.NoError(t, err)
		return b
	}
	withViewer := func(b []byte, caps ...string) []byte {
		var doc map[string]any
		require.NoError(t, json.Unmarshal(b, &doc))
		doc["viewer"] = map[string]any{"name": "Auditor", "capabilities": append([]string{}, caps...)}
		out, err := json.Marshal(doc)
		require.NoError(t, err)
		return out
	}
	demo := read("demo.json")
	fsys := fstest.MapFS{
		"viewer-no-restore.json": {Data: read("scenarios/viewer-no-restore.json")},
		"viewer-no-backup.json":  {Data: read("scenarios/viewer-no-backup.json")},
		"demo-no-evidence.json":  {Data: withViewer(demo, "backup.view", "restore.view")},
		"demo-nothing.json":      {Data: withViewer(demo)},
		"demo.json":              {Data: demo},
	}
	return fsys, map[string][]string{
		"viewer-no-restore": {"restore_runs", "operation_runs", "evidence_snapshots"},
		"viewer-no-backup":  {"backup_sets"},
		"demo-no-evidence":  {"evidence_snapshots"},
		"demo-nothing":      {"backup_sets", "restore_runs", "operation_runs", "evidence_snapshots"},
	}
}

// assertNothingWithheld checks one published file: no record of a withheld
// collection, nor a path or an id that names one.
func assertNothingWithheld(t *testing.T, file string, b []byte, withheld []string) {
	t.Helper()
	var doc any
	require.NoError(t, json.Unmarshal(b, &doc), file)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if k == "errors" {
					// The snapshot's errors, which pages show to this viewer
					// too (a quarantined tenant's page lists them).
					continue
				}
				for _, c := range withheld {
					if k == c {
						assert.Empty(t, e, "%s: %s records are published", file, c)
					}
				}
				if k == "current_evidence_ids" && contains(withheld, "evidence_snapshots") {
					assert.Empty(t, e, "%s: evidence ids are published", file)
				}
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case string:
			for _, c := range withheld {
				assert.NotContains(t, v, c+"[", "%s: a path names a withheld record", file)
			}
		}
	}
	walk(doc)
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// build publishes a snapshot whose viewer lacks a capability without the
// records that viewer may not see, whatever its size: sharded, each
// tenant's file holding the visible records and the states precomputed.
// Every page is still prerendered, from the whole snapshot.
func TestBuildWithholdsWhatTheViewerMayNotSee(t *testing.T) {
	if !web.HasWASM() {
		t.Skip("app.wasm is not built into web/: run `make wasm` (make test does it first)")
	}
	fsys, withheld := withheldFixtures(t)
	app.Routes()
	out := filepath.Join(t.TempDir(), "dist")
	_, err := site.Build(site.BuildOptions{Out: out, BasePath: "/", Fixtures: fsys, QuickCompression: true})
	require.NoError(t, err)

	for name, colls := range withheld {
		t.Run(name, func(t *testing.T) {
			assert.NoFileExists(t, filepath.Join(out, "snapshots", name+".json"), "never published whole")
			dir := filepath.Join(out, "snapshots", name)
			var files int
			require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || filepath.Ext(p) != ".json" {
					return err
				}
				b, err := os.ReadFile(p)
				require.NoError(t, err)
				assertNothingWithheld(t, p, b, colls)
				files++
				return nil
			}))
			assert.Greater(t, files, 1, "index.json and the tenants' files")
			assert.FileExists(t, filepath.Join(out, "s", name, "tenants", "1.html"), "pages are prerendered still")
		})
	}
	assert.FileExists(t, filepath.Join(out, "snapshots", "demo.json"), "a viewer with every capability: published as written")
}

// serve withholds the same: no whole file, and the shards hold nothing the
// viewer may not see.
func TestServeWithholdsWhatTheViewerMayNotSee(t *testing.T) {
	fsys, withheld := withheldFixtures(t)
	app.Routes()
	srv, err := site.New(fsys, "/")
	require.NoError(t, err)
	get := func(p string) (int, []byte) {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		return rec.Code, rec.Body.Bytes()
	}
	for name, colls := range withheld {
		code, _ := get("/snapshots/" + name + ".json")
		assert.Equal(t, http.StatusNotFound, code, name)
		code, index := get("/snapshots/" + name + "/index.json")
		require.Equal(t, http.StatusOK, code, name)
		assertNothingWithheld(t, name+"/index.json", index, colls)
		var p domain.Portfolio
		require.NoError(t, json.Unmarshal(index, &p))
		for _, tr := range p.Tenants {
			code, b := get("/snapshots/" + name + "/" + tr.File)
			require.Equal(t, http.StatusOK, code)
			assertNothingWithheld(t, name+"/"+tr.File, b, colls)
			assert.True(t, bytes.HasPrefix(b, []byte(`{"state":`)), "%s: the withheld form", tr.File)
		}
	}
	code, b := get("/snapshots/demo.json")
	assert.Equal(t, http.StatusOK, code)
	assert.True(t, strings.Contains(string(b), `"evidence_snapshots"`))
}
