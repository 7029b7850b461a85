package main

import (
	"encoding/json"
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
		mark("data_status", ts.DataStatus)
		if ts.DataStatus != domain.DataValid {
			for _, p := range res.Errors {
				if p.TenantID != nil && *p.TenantID == ts.TenantID && p.Reach == snapshot.ReachTenant {
					mark("quarantine", "error listed")
				}
			}
			continue
		}
		mark("posture", ts.BackupHealth.Posture)
		if ts.BackupHealth.PrimaryReason != nil {
			mark("reason", *ts.BackupHealth.PrimaryReason)
		}
		mark("overview", ts.RecoveryEvidence.OverviewState)
		for _, n := range ts.NeedsAttention {
			mark("kind", n.Kind)
		}
		for _, r := range ts.RestoreRuns {
			mark("attention", r.Attention.State)
			mark("result", r.Result.State)
			mark("proof", r.Result.State+"/"+r.Result.OperationProofState+"/"+r.Result.PostRunEvidenceState)
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
	want := []string{
		"data_status:" + domain.DataValid, "data_status:" + domain.DataInvalid,
		"posture:absent", "posture:stale", "posture:degraded", "posture:healthy",
		"reason:" + domain.ReasonNoBackupSets, "reason:" + domain.ReasonNoUsableBackup, "reason:" + domain.ReasonLatestBackupStale,
		"reason:" + domain.ReasonLatestAttemptFailed, "reason:" + domain.ReasonLatestBackupPartial, "reason:" + domain.ReasonLatestHasFailed,
		"overview:" + domain.OverviewUnvalidated, "overview:" + domain.OverviewWeakened, "overview:" + domain.OverviewNoRecentIssuesVisible,
		"kind:" + domain.KindRecoveryWeakened, "kind:" + domain.KindBackupAbsent, "kind:" + domain.KindBackupStale, "kind:" + domain.KindBackupDegraded,
		"attention:" + domain.AttentionNotExecuted, "attention:" + domain.AttentionFailed, "attention:" + domain.AttentionPartial,
		"attention:" + domain.AttentionCompletedWithFollowUp, "attention:" + domain.AttentionCompleted,
		"result:" + domain.ResultNotExecuted, "result:" + domain.ResultFailed, "result:" + domain.ResultBlockedOrCancelled,
		"result:" + domain.ResultInProgress, "result:" + domain.ResultNeedsReview, "result:" + domain.ResultCompletedWithEvidence,
		"result:" + domain.ResultCompletedProofIncomplete,
		// Each proof-state variant of the §4 table.
		"proof:completed_proof_incomplete/available/unavailable", "proof:completed_proof_incomplete/unavailable/unavailable",
		"proof:needs_review/available/available", "proof:needs_review/available/unavailable",
		"proof:failed/available/available", "proof:failed/available/unavailable", "proof:failed/unavailable/unavailable",
		"proof:blocked_or_cancelled/available/unavailable", "proof:blocked_or_cancelled/unavailable/unavailable",
		"proof:in_progress/in_progress/unavailable", "proof:completed_with_evidence/available/available",
		"summary:counts", "summary:counts without a total", "summary:text",
		"quarantine:error listed",
	}
	for _, w := range want {
		assert.True(t, seen[w], "demo.json lacks %s", w)
	}
}
