package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/gen"
)

// A tenant written a run at a time is written byte for byte as one resolved
// whole: with explanations and without, valid and quarantined, many runs
// and few.
func TestResolveStreamsATenantAlike(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 3, RunsPerTenant: 1500, Seed: 5}))
	many := filepath.Join(dir, "many.json")
	require.NoError(t, os.WriteFile(many, buf.Bytes(), 0o644))
	// The second tenant quarantined: a run of it with an unknown status.
	bad := strings.Replace(buf.String(), `"tenant_id":2,"backup_set_id"`, `"tenant_id":2,"is_dryrun":true,"backup_set_id"`, 1)
	require.NotEqual(t, buf.String(), bad)
	quarantined := filepath.Join(dir, "quarantined.json")
	require.NoError(t, os.WriteFile(quarantined, []byte(bad), 0o644))

	defer func(v int) { streamRunsFrom = v }(streamRunsFrom)
	for _, file := range []string{many, quarantined, fixture("demo.json")} {
		for _, args := range [][]string{{"resolve", file}, {"resolve", "--explain", file}, {"resolve", "--tenant", "2", file}} {
			streamRunsFrom = math.MaxInt
			wantCode, want, _ := runCLI(t, "", args...)
			streamRunsFrom = 0
			code, got, stderr := runCLI(t, "", args...)
			assert.Equal(t, wantCode, code, stderr)
			assert.Equal(t, want, got, "%v", args)
		}
	}
	_, out, _ := runCLI(t, "", "resolve", quarantined)
	assert.Contains(t, out, `"data_status": "invalid"`, "the quarantined tenant is there")
}
