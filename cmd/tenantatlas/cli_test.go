package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// runCLI runs the command in-process, as main would.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = dispatch(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func fixture(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "fixtures"}, parts...)...)
}

func TestExitStatuses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no command", nil, exitRejected},
		{"help", []string{"help"}, exitOK},
		{"unknown command", []string{"frobnicate"}, exitRejected},
		{"validate clean", []string{"validate", fixture("scenarios", "result-evidence-current.json")}, exitOK},
		{"validate record errors", []string{"validate", fixture("demo.json")}, exitRecords},
		{"validate rejected", []string{"validate", fixture("invalid", "not-json.json")}, exitRejected},
		{"validate worst of several", []string{"validate", fixture("demo.json"), fixture("invalid", "not-json.json"), fixture("scenarios", "counts-absent.json")}, exitRejected},
		{"validate missing file", []string{"validate", "no-such-file.json"}, exitRejected},
		{"validate without files", []string{"validate"}, exitRejected},
		{"validate -help", []string{"validate", "-help"}, exitOK},
		{"resolve clean", []string{"resolve", fixture("scenarios", "counts-absent.json")}, exitOK},
		{"resolve record errors", []string{"resolve", fixture("demo.json")}, exitRecords},
		{"resolve rejected", []string{"resolve", fixture("invalid", "schema-version-2.json")}, exitRejected},
		{"resolve unknown tenant", []string{"resolve", fixture("demo.json"), "--tenant", "404"}, exitRejected},
		{"resolve bad format", []string{"resolve", "--format", "yaml", fixture("demo.json")}, exitRejected},
		{"resolve two files", []string{"resolve", fixture("demo.json"), fixture("demo.json")}, exitRejected},
		{"resolve --help", []string{"resolve", "--help"}, exitOK},
		{"gen without tenants", []string{"gen"}, exitRejected},
		{"gen -help", []string{"gen", "-help"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, _ := runCLI(t, "", tt.args...)
			assert.Equal(t, tt.code, code)
		})
	}
}

func TestHelpListsFlags(t *testing.T) {
	for _, cmd := range []string{"validate", "resolve", "gen"} {
		_, _, stderr := runCLI(t, "", cmd, "-help")
		assert.Contains(t, stderr, "usage: tenantatlas "+cmd)
		assert.Contains(t, stderr, "-", "flags are listed")
	}
}

func TestValidateOutputFormat(t *testing.T) {
	code, out, _ := runCLI(t, "", "validate", fixture("demo.json"))
	assert.Equal(t, exitRecords, code)
	path := fixture("demo.json")
	assert.Equal(t, path+`: backup_sets[17].tenant_id: tenant 99 does not exist in this snapshot; the record belongs to no tenant
`+path+`: restore_runs[17].status: unknown status "complete"; expected one of draft, scoped, checked, previewed, queued, running, completed, partial, completed_with_errors, failed, cancelled
`, out)
}

func TestStdin(t *testing.T) {
	b, err := os.ReadFile(fixture("scenarios", "counts-absent.json"))
	require.NoError(t, err)
	code, out, _ := runCLI(t, string(b), "resolve", "-")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, `"tenant_id": 1`)
	code, out, _ = runCLI(t, "{", "validate", "-")
	assert.Equal(t, exitRejected, code)
	assert.Contains(t, out, "-: ")
}

// Every fixtures/invalid/NAME.json: validate prints each path of NAME.want.
func TestValidateInvalidFixtures(t *testing.T) {
	wants, err := filepath.Glob(fixture("invalid", "*.want"))
	require.NoError(t, err)
	require.NotEmpty(t, wants)
	for _, w := range wants {
		name := strings.TrimSuffix(filepath.Base(w), ".want")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(w)
			require.NoError(t, err)
			file := strings.TrimSuffix(w, ".want") + ".json"
			code, out, _ := runCLI(t, "", "validate", file)
			assert.NotEqual(t, exitOK, code)
			for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
				path, _, _ := strings.Cut(line, "\t")
				prefix := file + ": "
				if path != "" {
					prefix += path + ": "
				}
				assert.Contains(t, out, prefix)
			}
		})
	}
}
