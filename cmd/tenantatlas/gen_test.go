package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

func TestGenDeterministicAndValid(t *testing.T) {
	tests := []struct {
		tenants, runs, seed   string
		wantTenants, wantRuns int
	}{
		{"1", "0", "1", 1, 0},
		{"3", "5", "1", 3, 15},
		{"20", "12", "42", 20, 240},
		{"50", "3", "7", 50, 150},
	}
	for _, tt := range tests {
		t.Run(tt.tenants+"x"+tt.runs+" seed "+tt.seed, func(t *testing.T) {
			code, a, _ := runCLI(t, "", "gen", "--tenants", tt.tenants, "--runs-per-tenant", tt.runs, "--seed", tt.seed)
			require.Equal(t, exitOK, code)
			_, b, _ := runCLI(t, "", "gen", "--tenants", tt.tenants, "--runs-per-tenant", tt.runs, "--seed", tt.seed)
			assert.Equal(t, a, b, "same seed, same bytes")

			c := snapshot.Check(strings.NewReader(a), snapshot.Limits{})
			require.NotNil(t, c.Snapshot)
			assert.Empty(t, c.Problems, "a generated snapshot is valid")
			assert.Len(t, c.Snapshot.Tenants, tt.wantTenants)
			assert.Len(t, c.Snapshot.RestoreRuns, tt.wantRuns)
		})
	}
	_, one, _ := runCLI(t, "", "gen", "--tenants", "5", "--seed", "1")
	_, two, _ := runCLI(t, "", "gen", "--tenants", "5", "--seed", "2")
	assert.NotEqual(t, one, two, "another seed, other bytes")
}

// A large generated portfolio exercises every attention and result state.
func TestGenHasRealisticShape(t *testing.T) {
	_, out, _ := runCLI(t, "", "gen", "--tenants", "40", "--runs-per-tenant", "25", "--seed", "3")
	res := domain.Resolve(snapshot.Check(strings.NewReader(out), snapshot.Limits{}))
	states := map[any]bool{} // the domain's typed keys
	for _, ts := range res.Tenants {
		states[ts.BackupHealth.Posture] = true
		states[ts.RecoveryEvidence.OverviewState] = true
		for _, r := range ts.RestoreRuns {
			states[r.Attention.State] = true
			states[r.Result.State] = true
		}
	}
	want := []any{domain.PostureStale, domain.PostureDegraded, domain.PostureHealthy,
		domain.OverviewWeakened, domain.OverviewNoRecentIssuesVisible}
	for _, s := range domain.AttentionStates {
		want = append(want, s)
	}
	for _, s := range domain.ResultStateKeys {
		if s != domain.ResultNotExecuted && s != domain.ResultFailed { // the two its test never asked for
			want = append(want, s)
		}
	}
	for _, s := range want {
		assert.True(t, states[s], "no %s in a 1000-run generated portfolio", s)
	}
}
