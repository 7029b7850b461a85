package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHistoryExitStatuses: 0, or 2 on a rejected snapshot, two snapshots at
// one instant, or a usage or I/O error (docs/interfaces.md).
func TestHistoryExitStatuses(t *testing.T) {
	day8, err := os.ReadFile(series("08"))
	require.NoError(t, err)
	tied := filepath.Join(t.TempDir(), "copy.json")
	require.NoError(t, os.WriteFile(tied, day8, 0o644))
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stderr string
	}{
		{"a series", "", []string{"history", series("09"), series("07"), series("08")}, exitOK, "2026-04-08.json: errors in records: 1"},
		{"one snapshot", "", []string{"history", series("07")}, exitOK, ""},
		{"table", "", []string{"history", "--format", "table", series("07"), series("08")}, exitOK, ""},
		{"csv", "", []string{"history", series("07"), "--format", "csv"}, exitOK, ""},
		{"from stdin", string(day8), []string{"history", series("07"), "-"}, exitOK, ""},
		{"two at one instant", "", []string{"history", series("07"), series("08"), tied}, exitRejected, "2026-04-08.json and copy.json are both at 2026-04-08T01:00:00Z"},
		{"one file twice", "", []string{"history", series("07"), series("07")}, exitRejected, "both at"},
		{"rejected", "", []string{"history", series("07"), fixture("invalid", "not-json.json")}, exitRejected, fixture("invalid", "not-json.json") + ": rejected: not valid JSON"},
		{"missing", "", []string{"history", series("07"), "no-such-file.json"}, exitRejected, "no-such-file.json: open no-such-file.json"},
		{"no files", "", []string{"history"}, exitRejected, "usage"},
		{"stdin twice", "", []string{"history", "-", "-"}, exitRejected, "only one snapshot"},
		{"bad format", "", []string{"history", "--format", "yaml", series("07")}, exitRejected, "usage"},
		{"-help", "", []string{"history", "-help"}, exitOK, "usage: tenantatlas history"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, stderr, tt.stderr)
		})
	}
}

// TestHistoryOrder: the series is ordered by generated_at, whatever the
// order of the arguments.
func TestHistoryOrder(t *testing.T) {
	_, a, _ := runCLI(t, "", "history", series("09"), series("07"), series("08"))
	_, b, _ := runCLI(t, "", "history", series("07"), series("08"), series("09"))
	assert.Equal(t, b, a)
}

// TestHistoryCSVFormulas: a cell a spreadsheet would run is prefixed.
func TestHistoryCSVFormulas(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+x": "'+x", "-x": "'-x", "@x": "'@x", "\tx": `\tx`, "Contoso": "Contoso"} {
		assert.Equal(t, want, historyCell(in), in)
	}
}
