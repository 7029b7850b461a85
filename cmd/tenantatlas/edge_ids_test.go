package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// edgeIDSnapshot numbers every record, and every reference, at the top of
// int64: once valid for validate, and a panic for resolve and build.
const edgeIDSnapshot = `{"schema_version": 1, "generated_at": "2026-04-09T01:19:36+02:00",
 "tenants": [{"id": 9223372036854775807, "name": "Edge"}],
 "backup_sets": [{"id": 9223372036854775807, "tenant_id": 9223372036854775807, "status": "completed", "completed_at": "2026-04-08T22:04:10Z"}],
 "restore_runs": [{"id": 9223372036854775807, "tenant_id": 9223372036854775807, "backup_set_id": 9223372036854775807,
   "status": "completed", "is_dry_run": false, "created_at": "2026-04-08T23:00:00Z", "completed_at": "2026-04-08T23:06:00Z",
   "operation_run_id": 9223372036854775807}],
 "operation_runs": [{"id": 9223372036854775807, "tenant_id": 9223372036854775807, "type": "restore.execute", "status": "completed", "outcome": "succeeded"}],
 "evidence_snapshots": [{"id": 9223372036854775807, "tenant_id": 9223372036854775807, "operation_run_id": 9223372036854775807, "status": "active", "captured_at": "2026-04-08T23:10:00Z"}]}`

func TestEdgeIDsThroughTheCLI(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "edge.json")
	require.NoError(t, os.WriteFile(file, []byte(edgeIDSnapshot), 0o644))

	code, out, stderr := runCLI(t, "", "validate", file)
	require.Equal(t, exitOK, code, stderr+out)

	code, out, stderr = runCLI(t, "", "resolve", file)
	require.Equal(t, exitOK, code, stderr)
	var res struct {
		Tenants []struct {
			TenantID    int64 `json:"tenant_id"`
			RestoreRuns []struct {
				Result struct {
					State string `json:"state"`
				} `json:"result"`
			} `json:"restore_runs"`
		} `json:"tenants"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	require.Len(t, res.Tenants, 1)
	assert.Equal(t, int64(9223372036854775807), res.Tenants[0].TenantID)
	require.Len(t, res.Tenants[0].RestoreRuns, 1)
	assert.Equal(t, "completed_with_evidence", res.Tenants[0].RestoreRuns[0].Result.State)

	code, out, stderr = runCLI(t, "", "resolve", "--format", "table", file)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "run #9223372036854775807")

	// Every page of it prerenders (what build writes, without compressing
	// app.wasm, which takes a minute here).
	srv, err := newServer(dir, "/")
	require.NoError(t, err)
	const id = "9223372036854775807"
	for _, page := range []string{"s/edge/", "s/edge/tenants/" + id, "s/edge/tenants/" + id + "/restore-runs",
		"s/edge/tenants/" + id + "/restore-runs/" + id, "s/edge/tenants/" + id + "/backup-sets"} {
		rec := httptest.NewRecorder()
		srv.Handler.ServeHTTP(rec, httptest.NewRequest("GET", "/"+page, nil))
		assert.Equal(t, 200, rec.Code, page)
		assert.True(t, strings.Contains(rec.Body.String(), id), page)
	}
}
