package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Flags are accepted before and after the file, as people type them.
func TestFlagsAfterTheFile(t *testing.T) {
	demo := fixture("demo.json")
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"resolve tenant after", []string{"resolve", demo, "--tenant", "3"}, exitRecords, `"tenant_id": 3,`},
		{"resolve tenant=", []string{"resolve", demo, "-tenant=3"}, exitRecords, `"tenant_id": 3,`},
		{"resolve format after", []string{"resolve", demo, "--format", "table"}, exitRecords, "TENANT"},
		{"resolve explain after", []string{"resolve", demo, "--explain"}, exitRecords, `"why"`},
		{"validate max-bytes after", []string{"validate", demo, "--max-bytes", "100"}, exitRejected, "larger than the limit"},
		{"-- ends the flags", []string{"validate", "--", demo}, exitRecords, "restore_runs[17].status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, "", tt.args...)
			assert.Equal(t, tt.code, code, stderr)
			assert.Contains(t, out, tt.out)
		})
	}
}

// Usage errors exit 2 and say what is wrong on stderr, never on stdout.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"validate unknown flag", []string{"validate", "--frob", fixture("demo.json")}, "flag provided but not defined"},
		{"validate bad max-bytes", []string{"validate", "--max-bytes", "lots", fixture("demo.json")}, "invalid value"},
		{"resolve no file", []string{"resolve"}, "usage: tenantatlas resolve"},
		{"resolve tenant not a number", []string{"resolve", fixture("demo.json"), "--tenant", "three"}, "invalid value"},
		{"resolve tenant 0 is no tenant", []string{"resolve", fixture("demo.json"), "--tenant", "0"}, "no tenant with id 0"},
		{"resolve missing file", []string{"resolve", "no-such-file.json"}, "no-such-file.json: "},
		{"gen zero tenants", []string{"gen", "--tenants", "0"}, "usage: tenantatlas gen"},
		{"gen negative runs", []string{"gen", "--tenants", "1", "--runs-per-tenant", "-1"}, "usage: tenantatlas gen"},
		{"gen positional", []string{"gen", "--tenants", "1", "extra"}, "usage: tenantatlas gen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, "", tt.args...)
			assert.Equal(t, exitRejected, code)
			assert.Empty(t, out)
			assert.Contains(t, stderr, tt.msg)
		})
	}
}

// orphans is a valid snapshot with n records that name no tenant: n problems.
func orphans(n int) string {
	var b strings.Builder
	b.WriteString(`{"schema_version":1,"generated_at":"2026-04-09T01:19:36+02:00","tenants":[{"id":1,"name":"Contoso Ltd"}],"backup_sets":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"tenant_id":99,"status":"queued"}`, i+1)
	}
	b.WriteString("]}")
	return b.String()
}

// Past the cap, validate says how many problems it did not list.
func TestValidateSaysHowManyMore(t *testing.T) {
	code, out, _ := runCLI(t, orphans(snapshot.MaxProblems+7), "validate", "-")
	assert.Equal(t, exitRecords, code)
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	assert.Len(t, lines, snapshot.MaxProblems+1)
	assert.Equal(t, "-: and 7 more problems not listed", lines[len(lines)-1])
	assert.True(t, strings.HasPrefix(lines[0], "-: backup_sets[0].tenant_id: "), lines[0])
}

// A rejected snapshot: the other top-level members are null, no tenants.
func TestResolveRejectedShape(t *testing.T) {
	code, out, _ := runCLI(t, "[]", "resolve", "-", "--tenant", "1")
	assert.Equal(t, exitRejected, code)
	var got map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.JSONEq(t, "null", string(got["schema_version"]))
	assert.JSONEq(t, "null", string(got["generated_at"]))
	assert.JSONEq(t, "[]", string(got["tenants"]))
	assert.NotEqual(t, "[]", string(got["errors"]))
	assert.True(t, strings.HasPrefix(out, "{\n  \"schema_version\": null,\n  \"generated_at\": null,\n"), "member order and indent of interfaces.md")
}

// Without --explain no state carries "why"; with it, every one does.
func TestExplainOnlyWhenAsked(t *testing.T) {
	_, plain, _ := runCLI(t, "", "resolve", fixture("demo.json"))
	assert.NotContains(t, plain, `"why"`)
	_, explained, _ := runCLI(t, "", "resolve", "--explain", fixture("demo.json"))
	var res domain.Resolution
	require.NoError(t, json.Unmarshal([]byte(explained), &res))
	for _, ts := range res.Tenants {
		if ts.DataStatus != domain.DataValid {
			continue
		}
		assert.NotNil(t, ts.BackupHealth.Why, "tenant %d backup health", ts.TenantID)
		assert.NotNil(t, ts.RecoveryEvidence.Why, "tenant %d recovery evidence", ts.TenantID)
		for _, r := range ts.RestoreRuns {
			assert.NotNil(t, r.Attention.Why, "run %d attention", r.ID)
			assert.NotNil(t, r.Result.Why, "run %d result", r.ID)
		}
	}
}

// The table has a row per tenant and its runs beneath it.
func TestResolveTableRows(t *testing.T) {
	code, out, _ := runCLI(t, "", "resolve", "--format", "table", fixture("scenarios", "overview-older-failure-newer-clean.json"))
	assert.Equal(t, exitOK, code)
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	require.GreaterOrEqual(t, len(lines), 3)
	assert.Regexp(t, `^TENANT\s+NAME\s+BACKUP\s+RECOVERY\s+LATEST RUN\s+NEEDS ATTENTION$`, lines[0])
	assert.Regexp(t, `^1\s`, lines[1])
	for _, l := range lines[2:] {
		assert.Regexp(t, `^\s+run #\d+\s`, l)
	}
}

// benchmarkDoc is a generated portfolio of 1,000 tenants with 100 runs each.
func benchmarkDoc(b *testing.B) []byte {
	var buf bytes.Buffer
	require.NoError(b, gen.Write(&buf, gen.Options{Tenants: 1000, RunsPerTenant: 100, Seed: 1}))
	return buf.Bytes()
}

// The CLI end to end on 100,000 runs: read, check, resolve, write.
func BenchmarkResolve100kRuns(b *testing.B) {
	doc := benchmarkDoc(b)
	for _, format := range []string{"json", "table"} {
		b.Run(format, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				code := dispatch([]string{"resolve", "--max-bytes", "1000000000", "--format", format, "-"},
					bytes.NewReader(doc), io.Discard, io.Discard)
				if code != exitOK {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

func BenchmarkGen100kRuns(b *testing.B) {
	for b.Loop() {
		if code := dispatch([]string{"gen", "--tenants", "1000", "--runs-per-tenant", "100"}, nil, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}
