package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/coverage"
)

// shippedSnapshots are demo.json and every scenario.
func shippedSnapshots(t *testing.T) []string {
	files, err := filepath.Glob(fixture("scenarios", "*.json"))
	require.NoError(t, err)
	return append(files, fixture("demo.json"))
}

// TestGoldenCoverage: coverage, and the CSV of resolve, of every shipped
// snapshot.
func TestGoldenCoverage(t *testing.T) {
	for _, f := range shippedSnapshots(t) {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			code, out, _ := runCLI(t, "", "coverage", f)
			golden(t, filepath.Join("coverage", name+".json"), out)
			var rep coverage.Report
			require.NoError(t, json.Unmarshal([]byte(out), &rep))
			assert.Len(t, rep.Rows, rep.Total)
			if rep.Reached == rep.Total {
				assert.Equal(t, exitOK, code)
			} else {
				assert.Equal(t, exitRecords, code)
			}
			_, out, _ = runCLI(t, "", "resolve", "--format", "csv", f)
			golden(t, filepath.Join("csv", name+".csv"), out)
		})
	}
}

func TestGoldenCoverageTable(t *testing.T) {
	code, out, _ := runCLI(t, "", "coverage", "--format", "table", fixture("demo.json"))
	assert.Equal(t, exitOK, code, "demo.json reaches every key")
	golden(t, "demo.coverage.txt", out)
}

func TestCoverageExitStatuses(t *testing.T) {
	b, err := os.ReadFile(fixture("demo.json"))
	require.NoError(t, err)
	demo := string(b)
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"every key reached", "", []string{"coverage", fixture("demo.json")}, exitOK},
		{"some keys not reached", "", []string{"coverage", fixture("scenarios", "counts-absent.json")}, exitRecords},
		{"standard input", demo, []string{"coverage", "-"}, exitOK},
		{"rejected", "", []string{"coverage", fixture("invalid", "not-json.json")}, exitRejected},
		{"missing file", "", []string{"coverage", "no-such-file.json"}, exitRejected},
		{"no file", "", []string{"coverage"}, exitRejected},
		{"two files", "", []string{"coverage", fixture("demo.json"), fixture("demo.json")}, exitRejected},
		{"bad format", "", []string{"coverage", "--format", "csv", fixture("demo.json")}, exitRejected},
		{"help", "", []string{"coverage", "--help"}, exitOK},
		{"schema", "", []string{"schema"}, exitOK},
		{"schema with an argument", "", []string{"schema", "x"}, exitRejected},
		{"schema help", "", []string{"schema", "--help"}, exitOK},
		{"resolve csv", "", []string{"resolve", "--format", "csv", fixture("scenarios", "counts-absent.json")}, exitOK},
		{"resolve csv rejected", "", []string{"resolve", "--format", "csv", fixture("invalid", "not-json.json")}, exitRejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, _ := runCLI(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, code)
		})
	}
}

func TestCoverageRejected(t *testing.T) {
	code, out, _ := runCLI(t, "", "coverage", fixture("invalid", "trailing-data.json"))
	assert.Equal(t, exitRejected, code)
	var rep coverage.Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Nil(t, rep.GeneratedAt)
	assert.NotEmpty(t, rep.Errors)
	assert.Zero(t, rep.Reached)
}

func TestResolveCSVOneTenantAndErrors(t *testing.T) {
	code, out, errOut := runCLI(t, "", "resolve", "--format", "csv", "--tenant", "4", fixture("demo.json"))
	assert.Equal(t, exitRecords, code)
	assert.Equal(t, strings.Join(append([]string{}, "tenant_id,name,data_status,backup_posture,primary_reason,overview_state,latest_relevant_restore_run_id,latest_relevant_attention_state,needs_attention",
		"4,Tailspin Toys,valid,absent,no_usable_backup,weakened,130,failed,recovery_weakened;backup_absent", ""), "\r\n"), out)
	assert.Contains(t, errOut, "restore_runs[17].status", "the snapshot's errors go to stderr")
}

func TestSchemaPrintsTheSchema(t *testing.T) {
	_, out, _ := runCLI(t, "", "schema")
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", doc["$schema"])
}
