package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/termtext"
)

func series(day string) string { return filepath.Join("testdata", "series", "2026-04-"+day+".json") }

// TestDiffExitStatuses: 0 nothing changed, 1 something changed, 2 a
// rejected side or a usage or I/O error (docs/interfaces.md).
func TestDiffExitStatuses(t *testing.T) {
	day7, err := os.ReadFile(series("07"))
	require.NoError(t, err)
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stderr string
	}{
		{"identical", "", []string{"diff", series("07"), series("07")}, exitOK, ""},
		{"changed", "", []string{"diff", series("07"), series("08")}, exitRecords, ""},
		{"reversed, still compared", "", []string{"diff", series("09"), series("07")}, exitRecords, ""},
		{"table", "", []string{"diff", "--format", "table", series("07"), series("08")}, exitRecords, ""},
		{"flags after the files", "", []string{"diff", series("07"), series("08"), "--all"}, exitRecords, ""},
		{"old from stdin", string(day7), []string{"diff", "-", series("07")}, exitOK, ""},
		{"new from stdin", string(day7), []string{"diff", series("08"), "-"}, exitRecords, ""},
		{"one tenant, unchanged", "", []string{"diff", "--tenant", "5", series("07"), series("09")}, exitOK, ""},
		{"one tenant, changed", "", []string{"diff", "--tenant", "1", series("07"), series("09")}, exitRecords, ""},
		{"one tenant, added", "", []string{"diff", "--tenant", "3", series("07"), series("09")}, exitRecords, ""},
		{"one tenant in neither", "", []string{"diff", "--tenant", "404", series("07"), series("09")}, exitRejected, "no tenant with id 404"},
		{"old rejected", "", []string{"diff", fixture("invalid", "not-json.json"), series("07")}, exitRejected, "old snapshot"},
		{"new rejected", "", []string{"diff", series("07"), fixture("invalid", "schema-version-2.json")}, exitRejected, "new snapshot"},
		{"old missing", "", []string{"diff", "no-such-file.json", series("07")}, exitRejected, "old snapshot: open no-such-file.json"},
		{"new missing", "", []string{"diff", series("07"), "no-such-file.json"}, exitRejected, "new snapshot: open no-such-file.json"},
		{"one file", "", []string{"diff", series("07")}, exitRejected, "usage"},
		{"three files", "", []string{"diff", series("07"), series("08"), series("09")}, exitRejected, "usage"},
		{"both from stdin", "", []string{"diff", "-", "-"}, exitRejected, "only one side"},
		{"bad format", "", []string{"diff", "--format", "csv", series("07"), series("08")}, exitRejected, "usage"},
		{"--help", "", []string{"diff", "--help"}, exitOK, "usage: tenantatlas diff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, stderr, tt.stderr)
		})
	}
}

// TestDiffRejectedSide names the side and why, on standard error, and the
// JSON carries the side's errors.
func TestDiffRejectedSide(t *testing.T) {
	code, out, stderr := runCLI(t, "", "diff", series("07"), fixture("invalid", "not-json.json"))
	require.Equal(t, exitRejected, code)
	assert.Contains(t, stderr, "tenantatlas diff: new snapshot "+fixture("invalid", "not-json.json")+" rejected: not valid JSON")
	assert.NotContains(t, stderr, "old snapshot")
	assert.Contains(t, out, `"summary": null`)
	assert.Contains(t, out, `"reach": "snapshot_rejected"`)
	_, out, _ = runCLI(t, "", "diff", "--format", "table", fixture("invalid", "not-json.json"), series("07"))
	assert.Empty(t, out)
}

// TestDiffListsChangedUnlessAll: unchanged tenants only with --all; the
// summary counts every tenant either way.
func TestDiffListsChangedUnlessAll(t *testing.T) {
	_, out, _ := runCLI(t, "", "diff", series("07"), series("09"))
	assert.NotContains(t, out, `"tenant_id": 5,`)
	assert.Contains(t, out, `"unchanged": 1,`)
	_, out, _ = runCLI(t, "", "diff", "--all", series("07"), series("09"))
	assert.Contains(t, out, `"tenant_id": 5,`)
	_, out, _ = runCLI(t, "", "diff", "--tenant", "1", series("07"), series("09"))
	assert.Contains(t, out, `"tenant_id": 1,`)
	assert.NotContains(t, out, `"tenant_id": 3,`)
	assert.Contains(t, out, `"added": 1,`, "the summary still counts every tenant")
}

// TestDiffReversed: a reversed pair says so, in the JSON and in a warning
// line of the table.
func TestDiffReversed(t *testing.T) {
	_, out, _ := runCLI(t, "", "diff", series("09"), series("07"))
	assert.Contains(t, out, `"reversed": true`)
	_, out, _ = runCLI(t, "", "diff", "--format", "table", series("09"), series("07"))
	assert.Contains(t, out, "\nwarning: reversed pair: new (2026-04-07T01:00:00Z) was generated before old (2026-04-09T01:00:00Z)")
	_, out, _ = runCLI(t, "", "diff", "--format", "table", series("07"), series("09"))
	assert.NotContains(t, out, "warning")
}

// TestChangeTextEscapes: a name's control characters and bidi overrides
// reach a terminal escaped, never raw.
func TestChangeTextEscapes(t *testing.T) {
	for _, args := range [][]string{
		{"diff", "--format", "table", "--all", series("07"), series("09")},
		{"history", "--format", "table", series("07"), series("09")},
		{"history", "--format", "csv", series("07"), series("09")},
	} {
		_, out, _ := runCLI(t, "", args...)
		assert.Contains(t, out, `Evil\x1b[31m Corp\u202e`, args)
		assert.NotContains(t, out, "\x1b", args)
		assert.NotContains(t, out, "\u202e", args)
	}
	assert.Equal(t, `a\tb\nc\x00\u200f`, termtext.Escape("a\tb\nc\x00\u200f"))
	assert.Equal(t, "Contoso <b>Ltd</b> é", termtext.Escape("Contoso <b>Ltd</b> é"))
}

// forbiddenCopy are the claims never made (docs/rules.md §6) and the words
// change copy never uses.
var forbiddenCopy = []string{"recovery verified", "verified recovery", "recovery proven", "fully recovered",
	"healthy", "compliant", "customer-safe", "customer safe", "recovered", "fixed", "resolved"}

// TestChangeCopyNeverClaims: the tables state changes as facts. Diffed:
// every scenario against the demo both ways, and every pair of days of each
// series. Their tenant and snapshot names (data) hold none of these words.
func TestChangeCopyNeverClaims(t *testing.T) {
	scenarios, err := filepath.Glob(fixture("scenarios", "*.json"))
	require.NoError(t, err)
	demo, err := filepath.Glob(fixture("series", "demo", "*.json"))
	require.NoError(t, err)
	small := []string{series("07"), series("08"), series("09")}
	var pairs [][2]string
	for _, f := range scenarios {
		pairs = append(pairs, [2]string{f, fixture("demo.json")}, [2]string{fixture("demo.json"), f})
	}
	for _, set := range [][]string{demo, small} {
		for _, a := range set {
			for _, b := range set {
				pairs = append(pairs, [2]string{a, b})
			}
		}
	}
	for _, p := range pairs {
		_, out, _ := runCLI(t, "", "diff", "--format", "table", "--all", p[0], p[1])
		require.Contains(t, out, "old: ")
		for _, f := range forbiddenCopy {
			assert.NotContains(t, strings.ToLower(out), f, "diff %s %s", p[0], p[1])
		}
	}
	for _, set := range [][]string{small, demo} {
		_, out, _ := runCLI(t, "", append([]string{"history", "--format", "table"}, set...)...)
		for _, f := range forbiddenCopy {
			assert.NotContains(t, strings.ToLower(out), f)
		}
	}
}
