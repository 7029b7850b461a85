package site_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/site"
	"github.com/tenantatlas/tenantatlas/schema"
	"github.com/tenantatlas/tenantatlas/snapshot"
	"github.com/tenantatlas/tenantatlas/web"
)

// fixturesDir is the shipped fixtures, which `build` publishes by default.
const fixturesDir = "../../fixtures"

// build writes the static site into a temporary folder, as `tenantatlas
// build` does, with a quick brotli level (the ratio is make size's concern).
func build(t *testing.T, basePath string, opts ...site.Option) (string, site.BuildStats) {
	t.Helper()
	return buildFrom(t, os.DirFS(fixturesDir), basePath, opts...)
}

// buildFrom is build from other snapshots than the shipped ones: a claim
// about how a build publishes (sharded, replacing the previous site) holds
// for any, and a few build in a fraction of the time all of them take. A
// claim about what a build holds (every page of every shipped snapshot) is
// build's.
func buildFrom(t *testing.T, fsys fs.FS, basePath string, opts ...site.Option) (string, site.BuildStats) {
	t.Helper()
	if !web.HasWASM() {
		t.Skip("app.wasm is not built into web/: run `make wasm` (make test does it first)")
	}
	app.Routes()
	out := filepath.Join(t.TempDir(), "dist")
	st, err := site.Build(site.BuildOptions{Out: out, BasePath: basePath, Fixtures: fsys, QuickCompression: true, Site: opts})
	require.NoError(t, err)
	return out, st
}

// someShipped is a few shipped snapshots, the demo among them, as a folder
// of fixtures: the demo holds every state, isolation-quarantine a tenant
// quarantined, trailing-data is rejected.
func someShipped(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, file := range map[string]string{
		"demo.json":                           "demo.json",
		"scenarios/isolation-quarantine.json": "scenarios/isolation-quarantine.json",
		"invalid/trailing-data.json":          "invalid/trailing-data.json",
	} {
		b, err := os.ReadFile(filepath.Join(fixturesDir, filepath.FromSlash(file)))
		require.NoError(t, err)
		fsys[name] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// shipped is every fixture by its snapshot name, read from the folder itself
// rather than from the site's own list.
func shipped(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, pattern := range []string{"*.json", "scenarios/*.json", "invalid/*.json"} {
		matches, err := fs.Glob(os.DirFS(fixturesDir), pattern)
		require.NoError(t, err)
		for _, m := range matches {
			b, err := os.ReadFile(filepath.Join(fixturesDir, m))
			require.NoError(t, err)
			files[strings.TrimSuffix(path.Base(m), ".json")] = b
		}
	}
	series, err := fs.Glob(os.DirFS(fixturesDir), "series/*/*.json")
	require.NoError(t, err)
	for _, m := range series {
		b, err := os.ReadFile(filepath.Join(fixturesDir, m))
		require.NoError(t, err)
		files[path.Base(path.Dir(m))+"."+strings.TrimSuffix(path.Base(m), ".json")] = b
	}
	require.NotEmpty(t, files)
	return files
}

// inSeries reports whether a shipped snapshot's name is SERIES.STEM of
// fixtures/series (no other fixture has a dot in its name).
func inSeries(name string) bool { return strings.Contains(name, ".") }

// expectedPages lists the pages docs/interfaces.md gives a snapshot, from the
// domain's own resolution: the portfolio, and unless the snapshot is
// rejected, each tenant's dashboard, restore runs and backup sets, and each
// run of a valid tenant; a snapshot of a series also has its changes page.
func expectedPages(name string, doc []byte) []string {
	portfolio := "s/" + name + "/"
	pages := []string{portfolio}
	if inSeries(name) {
		pages = append(pages, portfolio+"changes")
	}
	c := snapshot.Check(bytes.NewReader(doc), snapshot.Limits{})
	if c.Rejected() {
		return pages
	}
	pages = append(pages, portfolio+"coverage")
	for _, ts := range domain.Resolve(c).Tenants {
		tenant := fmt.Sprintf("%stenants/%d", portfolio, ts.TenantID)
		pages = append(pages, tenant, tenant+"/restore-runs", tenant+"/backup-sets")
		for _, r := range ts.RestoreRuns {
			pages = append(pages, fmt.Sprintf("%s/restore-runs/%d", tenant, r.ID))
		}
	}
	return pages
}

// htmlFile is where a static host looks for a page: PATH.html, or
// PATH/index.html for an address that ends in a slash.
func htmlFile(page string) string {
	if page == "" || strings.HasSuffix(page, "/") {
		return page + "index.html"
	}
	return page + ".html"
}

var (
	localURL  = regexp.MustCompile(`(?:href|src|action)="(/[^"]*)"`)
	readyMain = regexp.MustCompile(`<main[^>]*data-ready="true"`)
)

var (
	bootTag = regexp.MustCompile(`<script data-scripts="([^"]*)"[^>]*\bsrc="([^"]*)"[^>]*></script>`)
	// A tag, not text: go-app writes each element on a line of its own,
	// and a snapshot's "<script" can reach an attribute (og:title) unescaped.
	scriptElement = regexp.MustCompile(`(?m)^\s*<script\b`)
)

// assertStartsAppAfterPaint checks that page loads one script, web/boot.js,
// which starts go-app's two once the page is painted.
func assertStartsAppAfterPaint(t *testing.T, rel, page, base string) {
	t.Helper()
	assert.Len(t, scriptElement.FindAllString(page, -1), 1, "%s: boot.js is the one script the page loads", rel)
	if m := bootTag.FindStringSubmatch(page); assert.NotNil(t, m, "%s: boot.js's tag", rel) {
		assert.Equal(t, base+"wasm_exec.js "+base+"app.js", m[1], "%s: boot.js starts go-app's scripts, in order", rel)
		assert.Regexp(t, `^`+regexp.QuoteMeta(base)+`web/boot\.[0-9a-f]{10}\.js$`, m[2], rel)
	}
}

// The static site holds every page of every shipped snapshot, prerendered
// and ready, and nothing else; every local address in it honours the base
// path; app.wasm, the assets and the snapshots are beside them.
func TestBuildWritesEveryPageUnderItsBasePath(t *testing.T) {
	fixtures := shipped(t)
	for _, base := range []string{"/", "/atlas/"} {
		t.Run(base, func(t *testing.T) {
			out, st := build(t, base)
			published, err := os.ReadFile(filepath.Join(out, "schema", "snapshot-v1.json"))
			require.NoError(t, err, "the JSON Schema is published beside the pages")
			assert.Equal(t, string(schema.SnapshotV1), string(published))

			want := []string{"index.html"}
			for name, b := range fixtures {
				for _, p := range expectedPages(name, b) {
					want = append(want, htmlFile(p))
				}
			}
			var got []string
			require.NoError(t, filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") && filepath.Base(p) != "404.html" {
					rel, _ := filepath.Rel(out, p)
					got = append(got, filepath.ToSlash(rel))
				}
				return err
			}))
			sort.Strings(want)
			sort.Strings(got)
			assert.Equal(t, want, got, "one prerendered file per page of interfaces.md, and no other")
			assert.Equal(t, len(want), st.Pages)

			for _, rel := range got {
				b, err := os.ReadFile(filepath.Join(out, rel))
				require.NoError(t, err)
				assert.Regexp(t, readyMain, string(b), "%s: prerendered and ready", rel)
				assertStartsAppAfterPaint(t, rel, string(b), base)
				for _, m := range localURL.FindAllStringSubmatch(string(b), -1) {
					assert.True(t, strings.HasPrefix(m[1], base), "%s: %q is outside the base path %s", rel, m[1], base)
				}
			}

			for name, b := range fixtures {
				if c := snapshot.Check(bytes.NewReader(b), snapshot.Limits{}); !c.Rejected() && app.Withholds(domain.NewPortfolio(c, domain.Resolve(c))) {
					// Its viewer lacks a capability: published withheld (withheld_test.go).
					assert.NoFileExists(t, filepath.Join(out, "snapshots", name+".json"))
					assert.FileExists(t, filepath.Join(out, "snapshots", name, "index.json"))
					continue
				}
				published, err := os.ReadFile(filepath.Join(out, "snapshots", name+".json"))
				if assert.NoError(t, err, "snapshot %s is published", name) {
					assert.True(t, bytes.Equal(b, published), "snapshot %s is published byte for byte", name)
				}
			}
			fallback, err := os.ReadFile(filepath.Join(out, "404.html"))
			require.NoError(t, err, "a 404 page boots the app for addresses not prerendered")
			assertStartsAppAfterPaint(t, "404.html", string(fallback), base)
			worker, err := os.ReadFile(filepath.Join(out, "app-worker.js"))
			require.NoError(t, err)
			assert.Regexp(t, `"`+base+`web/boot\.[0-9a-f]{10}\.js"`, string(worker), "the service worker keeps boot.js for offline use")
			for _, f := range []string{"app.js", "wasm_exec.js", "app-worker.js", "manifest.webmanifest", "app.css"} {
				assert.FileExists(t, filepath.Join(out, f))
			}
			wasm, err := filepath.Glob(filepath.Join(out, "web", "app.*.wasm"))
			require.NoError(t, err)
			require.Len(t, wasm, 1, "app.wasm under its fingerprinted name")
			assert.FileExists(t, wasm[0]+".br")
			assert.FileExists(t, wasm[0]+".gz")
			info, err := os.Stat(wasm[0])
			require.NoError(t, err)
			assert.Equal(t, info.Size(), st.WASMBytes, "the build reports app.wasm's size")
			appJS, err := os.ReadFile(filepath.Join(out, "app.js"))
			require.NoError(t, err)
			assert.Contains(t, string(appJS), fmt.Sprintf(`goappWasmContentLength = "%d"`, info.Size()),
				"the loading label counts against the uncompressed size, not a .br's Content-Length")
			assert.Positive(t, st.WASMBrotli)
			assert.Less(t, st.WASMBrotli, st.WASMGzip)
			for _, asset := range []string{"styles.*.css", "icon.*.svg", "icon-192.*.png"} {
				m, _ := filepath.Glob(filepath.Join(out, "web", asset))
				assert.Len(t, m, 1, "web/%s", asset)
			}
		})
	}
}

// A sharded snapshot is published as index.json and one file per tenant,
// each tenant's file being exactly the records domain.Shard gives it; of
// its pages only the portfolio is prerendered.
func TestBuildPublishesShardedSnapshots(t *testing.T) {
	fsys := someShipped(t)
	out, st := buildFrom(t, fsys, "/atlas/", site.ShardAbove(0))
	assert.Equal(t, len(fsys), st.Snapshots)
	demo := fsys["demo.json"].Data
	c := snapshot.Check(bytes.NewReader(demo), snapshot.Limits{})
	require.False(t, c.Rejected())

	dir := filepath.Join(out, "snapshots", "demo")
	assert.FileExists(t, filepath.Join(dir, "index.json"))
	assert.NoFileExists(t, filepath.Join(out, "snapshots", "demo.json"), "a sharded snapshot is not also published whole")
	for _, tenant := range c.Snapshot.Tenants {
		assert.FileExists(t, filepath.Join(dir, filepath.FromSlash(domain.TenantFile(tenant.ID))))
	}
	assert.FileExists(t, filepath.Join(out, "s", "demo", "index.html"))
	assert.NoFileExists(t, filepath.Join(out, "s", "demo", "tenants", "1.html"), "the app renders a sharded snapshot's tenant pages from 404.html")
}
