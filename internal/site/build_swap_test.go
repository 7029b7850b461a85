package site_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/site"
	"github.com/tenantatlas/tenantatlas/web"
)

// A build that fails leaves the previous site exactly as it was, and no
// half-written folder beside it; one that succeeds replaces it whole.
func TestFailedBuildKeepsThePreviousSite(t *testing.T) {
	if !web.HasWASM() {
		t.Skip("app.wasm is not built into web/: run `make wasm` (make test does it first)")
	}
	out, _ := buildFrom(t, someShipped(t), "/")
	index := filepath.Join(out, "index.html")
	before, err := os.ReadFile(index)
	require.NoError(t, err)
	stray := filepath.Join(out, "stray.txt") // only a fresh build drops it
	require.NoError(t, os.WriteFile(stray, []byte("x"), 0o644))

	fails := []struct {
		name string
		o    site.BuildOptions
	}{
		{"no snapshot in --fixtures", site.BuildOptions{Out: out, BasePath: "/", Fixtures: fstest.MapFS{}}},
		{"a bad snapshot name", site.BuildOptions{Out: out, BasePath: "/", Fixtures: fstest.MapFS{"bad name.json": {Data: []byte("{}")}}}},
		{"an unsafe base path", site.BuildOptions{Out: out, BasePath: "/../", Fixtures: os.DirFS(fixturesDir)}},
	}
	for _, tt := range fails {
		t.Run(tt.name, func(t *testing.T) {
			tt.o.QuickCompression = true
			_, err := site.Build(tt.o)
			require.Error(t, err)
			after, err := os.ReadFile(index)
			require.NoError(t, err, "the previous site is still there")
			assert.Equal(t, before, after)
			assert.FileExists(t, stray)
			assertNoSiblings(t, out)
		})
	}

	_, err = site.Build(site.BuildOptions{Out: out, BasePath: "/", Fixtures: someShipped(t), QuickCompression: true})
	require.NoError(t, err)
	assert.FileExists(t, index)
	assert.NoFileExists(t, stray, "a complete build replaces the previous one whole")
	assertNoSiblings(t, out)
}

// assertNoSiblings checks that out is alone in its folder: no build in
// progress or previous site left beside it.
func assertNoSiblings(t *testing.T, out string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{filepath.Base(out)}, names)
}
