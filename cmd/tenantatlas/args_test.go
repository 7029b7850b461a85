package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// After "--" every argument is a file, even one whose name starts with '-'
// (Go's flag conventions); before it, flags may come anywhere.
func TestDoubleDashEndsFlags(t *testing.T) {
	clean, err := os.ReadFile(fixture("scenarios", "counts-absent.json"))
	require.NoError(t, err)
	dir := t.TempDir()
	for _, name := range []string{"-name.json", "--x.json", "--", "plain.json"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), clean, 0o644))
	}
	t.Chdir(dir)

	tests := []struct {
		name string
		args []string
		code int
	}{
		{"a name starting with -", []string{"validate", "--", "-name.json"}, exitOK},
		{"a name starting with --", []string{"validate", "--", "--x.json"}, exitOK},
		{"a file named --", []string{"validate", "--", "--"}, exitOK},
		{"names before and after", []string{"validate", "plain.json", "--", "-name.json", "--x.json"}, exitOK},
		{"a flag before --", []string{"validate", "--max-bytes", "100000", "--", "-name.json"}, exitOK},
		{"a flag after -- is a file", []string{"validate", "plain.json", "--", "--max-bytes"}, exitRejected},
		{"without --, an unknown flag", []string{"validate", "-name.json"}, exitRejected},
		{"resolve after --", []string{"resolve", "--format", "table", "--", "-name.json"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tt.args...)
			assert.Equal(t, tt.code, code, stderr)
		})
	}
	_, _, stderr := runCLI(t, "", "validate", "plain.json", "--", "--max-bytes")
	assert.Contains(t, stderr, "--max-bytes: open --max-bytes", "read as a file, not as a flag")
}

// A symbolic link out of the --fixtures folder stops serve and build at
// start-up, naming the link, whether it leads to a file or to a folder.
func TestFixturesLinkOutStopsStartUp(t *testing.T) {
	demo, err := os.ReadFile(fixture("demo.json"))
	require.NoError(t, err)
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.json"), demo, 0o644))

	tests := []struct {
		name, link, target string
	}{
		{"a folder of a group", "scenarios", outside},
		{"a folder of a group, below", "invalid", outside},
		{"a snapshot file", "leak.json", filepath.Join(outside, "secret.json")},
		{"a folder at the root", "extra", outside},
		{"a file in a group", filepath.Join("scenarios", "leak.json"), filepath.Join(outside, "secret.json")},
		{"a link to nothing", "gone.json", filepath.Join(outside, "missing.json")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "demo.json"), demo, 0o644))
			require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, tt.link)), 0o755))
			require.NoError(t, os.Symlink(tt.target, filepath.Join(dir, tt.link)))
			want := filepath.ToSlash(tt.link)

			_, err := newServer(dir, "/")
			require.Error(t, err, "serve starts")
			assert.Contains(t, err.Error(), want)

			code, _, stderr := runCLI(t, "", "build", "--fixtures", dir, "--out", filepath.Join(t.TempDir(), "dist"))
			assert.Equal(t, exitRejected, code)
			assert.Contains(t, stderr, want)
		})
	}
}
