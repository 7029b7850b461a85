package main

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// TestDemoCoversEveryState: every state, reason and kind of docs/rules.md occurs
// in demo.json, as computed by resolving it.
func TestDemoCoversEveryState(t *testing.T) {
	_, out, _ := runCLI(t, "", "resolve", fixture("demo.json"))
	var res domain.Resolution
	require.NoError(t, json.Unmarshal([]byte(out), &res))

	seen := map[string]bool{}
	mark := func(table, v string) { seen[table+":"+v] = true }
	for _, ts := range res.Tenants {
		mark("data_status", string(ts.DataStatus))
		if ts.DataStatus != domain.DataValid {
			for _, p := range res.Errors {
				if p.TenantID != nil && *p.TenantID == ts.TenantID && p.Reach == snapshot.ReachTenant {
					mark("quarantine", "error listed")
				}
			}
			continue
		}
		mark("posture", string(ts.BackupHealth.Posture))
		if ts.BackupHealth.PrimaryReason != nil {
			mark("reason", string(*ts.BackupHealth.PrimaryReason))
		}
		mark("overview", string(ts.RecoveryEvidence.OverviewState))
		for _, n := range ts.NeedsAttention {
			mark("kind", string(n.Kind))
		}
		for _, r := range ts.RestoreRuns {
			mark("attention", string(r.Attention.State))
			mark("result", string(r.Result.State))
			mark("proof", string(r.Result.State)+"/"+string(r.Result.OperationProofState)+"/"+string(r.Result.PostRunEvidenceState))
			if rs := r.Result.ResultSummary; rs.Available {
				mark("summary", "counts")
				if rs.Counts != nil && rs.Counts.Total == nil {
					mark("summary", "counts without a total")
				}
			} else {
				mark("summary", "text")
			}
		}
	}
	// Every key of every table, from the domain's own lists.
	want := slices.Concat(prefixed("data_status", domain.DataStatuses), prefixed("posture", domain.Postures),
		prefixed("reason", domain.PostureReasons), prefixed("overview", domain.OverviewStates),
		prefixed("kind", domain.NeedsAttentionKinds), prefixed("attention", domain.AttentionStates),
		prefixed("result", domain.ResultStateKeys))
	want = append(want,
		// Each proof-state variant of the §4 table.
		"proof:completed_proof_incomplete/available/unavailable", "proof:completed_proof_incomplete/unavailable/unavailable",
		"proof:needs_review/available/available", "proof:needs_review/available/unavailable",
		"proof:failed/available/available", "proof:failed/available/unavailable", "proof:failed/unavailable/unavailable",
		"proof:blocked_or_cancelled/available/unavailable", "proof:blocked_or_cancelled/unavailable/unavailable",
		"proof:in_progress/in_progress/unavailable", "proof:completed_with_evidence/available/available",
		"summary:counts", "summary:counts without a total", "summary:text",
		"quarantine:error listed",
	)
	for _, w := range want {
		assert.True(t, seen[w], "demo.json lacks %s", w)
	}
}

// prefixed is each key as "table:key".
func prefixed[K ~string](table string, keys []K) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = table + ":" + string(k)
	}
	return out
}
