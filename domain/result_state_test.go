package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Both tables of docs/rules.md §4: the state (first match wins), the proof
// states, the summary text when counts are absent, and the allowed claims.
func TestResultState(t *testing.T) {
	R := snapshot.RestoreCompleted
	okOp := func(b *built) *built { return b.op(5, snapshot.OperationCompleted, snapshot.OutcomeSucceeded) }
	current := func(b *built) *built { return b.evidence(9, 5, 1, snapshot.EvidenceActive, nil) }
	A, U, P := domain.ProofAvailable, domain.ProofUnavailable, domain.ProofInProgress
	tests := []struct {
		name            string
		snap            *built
		state           domain.ResultStateKey
		proof, evidence domain.ProofState
		text            string
		claims          []string
	}{
		{"dry run", newSnap().run(1, R, dry), domain.ResultNotExecuted, U, U, "Result summary unavailable", []string{"Preview evidence exists"}},
		{"previewed", newSnap().run(1, snapshot.RestorePreviewed, notCompleted), domain.ResultNotExecuted, U, U, "Result summary unavailable", []string{"Preview evidence exists"}},
		{"draft makes no preview claim", newSnap().run(1, snapshot.RestoreDraft, notCompleted), domain.ResultNotExecuted, U, U, "Result summary unavailable", []string{}},
		{"dry run beats status failed", newSnap().run(1, snapshot.RestoreFailed, dry), domain.ResultNotExecuted, U, U, "Result summary unavailable", []string{"Preview evidence exists"}},
		{"status failed, no operation", newSnap().run(1, snapshot.RestoreFailed), domain.ResultFailed, U, U, "Failure details required", []string{"Execution failed"}},
		{"operation failed, with current evidence", current(newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomeOpFailed)).run(1, R, withOp(5)), domain.ResultFailed, A, A, "Failure details required", []string{"Execution failed"}},
		{"failed beats cancelled operation", newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomeCancelled).run(1, snapshot.RestoreFailed, withOp(5)), domain.ResultFailed, A, U, "Failure details required", []string{"Execution failed"}},
		{"status cancelled, no operation", newSnap().run(1, snapshot.RestoreCancelled), domain.ResultBlockedOrCancelled, U, U, "Unavailable", []string{}},
		{"operation blocked, evidence never available", current(newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomeBlocked)).run(1, R, withOp(5)), domain.ResultBlockedOrCancelled, A, U, "Unavailable", []string{}},
		{"operation cancelled", newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomeCancelled).run(1, R, withOp(5)), domain.ResultBlockedOrCancelled, A, U, "Unavailable", []string{}},
		{"blocked operation beats a running status", newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomeBlocked).run(1, snapshot.RestoreRunning, withOp(5), notCompleted), domain.ResultBlockedOrCancelled, A, U, "Unavailable", []string{}},
		{"queued", newSnap().run(1, snapshot.RestoreQueued, notCompleted), domain.ResultInProgress, P, U, "In progress", []string{"Execution in progress"}},
		{"running", newSnap().run(1, snapshot.RestoreRunning, notCompleted), domain.ResultInProgress, P, U, "In progress", []string{"Execution in progress"}},
		{"operation running", newSnap().op(5, snapshot.OperationRunning, snapshot.OutcomePending).run(1, R, withOp(5)), domain.ResultInProgress, P, U, "In progress", []string{"Execution in progress"}},
		{"status partial", newSnap().run(1, snapshot.RestorePartial), domain.ResultNeedsReview, U, U, "Result summary unavailable", []string{"Follow-up required"}},
		{"attention partial (failed entry)", okOp(newSnap()).run(1, R, withOp(5), items(snapshot.OutcomeFailed)), domain.ResultNeedsReview, A, U, "Result summary unavailable", []string{"Follow-up required"}},
		{"follow-up with current evidence, skipped", current(okOp(newSnap())).run(1, R, withOp(5), items(snapshot.OutcomeSkipped)), domain.ResultNeedsReview, A, A, "Result summary unavailable", []string{"Follow-up required", "Skipped items exist"}},
		{"follow-up from non_applied only: no skipped claim", okOp(newSnap()).run(1, R, withOp(5), nonApplied(1)), domain.ResultNeedsReview, A, U, "Result summary unavailable", []string{"Follow-up required"}},
		{"completed with current evidence", current(okOp(newSnap())).run(1, R, withOp(5)), domain.ResultCompletedWithEvidence, A, A, "Result summary unavailable", []string{"Evidence snapshot available"}},
		{"evidence expiring later counts", okOp(newSnap()).evidence(9, 5, 1, snapshot.EvidenceActive, atp("2026-04-09T00:00:00Z")).run(1, R, withOp(5)), domain.ResultCompletedWithEvidence, A, A, "Result summary unavailable", []string{"Evidence snapshot available"}},
		{"completed, operation, no evidence", okOp(newSnap()).run(1, R, withOp(5)), domain.ResultCompletedProofIncomplete, A, U, "Result summary unavailable", []string{"Execution proof available"}},
		{"completed, no operation", current(okOp(newSnap())).run(1, R), domain.ResultCompletedProofIncomplete, U, U, "Result summary unavailable", []string{}},
		{"evidence expired", okOp(newSnap()).evidence(9, 5, 1, snapshot.EvidenceActive, atp("2026-04-08T23:00:00Z")).run(1, R, withOp(5)), domain.ResultCompletedProofIncomplete, A, U, "Result summary unavailable", []string{"Execution proof available"}},
		{"evidence expires exactly at generated_at", okOp(newSnap()).evidence(9, 5, 1, snapshot.EvidenceActive, atp(generatedAt)).run(1, R, withOp(5)), domain.ResultCompletedProofIncomplete, A, U, "Result summary unavailable", []string{"Execution proof available"}},
		{"evidence superseded", okOp(newSnap()).evidence(9, 5, 1, snapshot.EvidenceSuperseded, nil).run(1, R, withOp(5)), domain.ResultCompletedProofIncomplete, A, U, "Result summary unavailable", []string{"Execution proof available"}},
		{"evidence pending", okOp(newSnap()).evidence(9, 5, 1, snapshot.EvidencePending, nil).run(1, R, withOp(5)), domain.ResultCompletedProofIncomplete, A, U, "Result summary unavailable", []string{"Execution proof available"}},
		{"evidence of another operation", okOp(newSnap()).op(6, snapshot.OperationCompleted, snapshot.OutcomeSucceeded).evidence(9, 6, 1, snapshot.EvidenceActive, nil).run(1, R, withOp(5)), domain.ResultCompletedProofIncomplete, A, U, "Result summary unavailable", []string{"Execution proof available"}},
		{"evidence of another tenant never counts", okOp(newSnap()).evidence(9, 5, 2, snapshot.EvidenceActive, nil).run(1, R, withOp(5)).withTenant2(), domain.ResultCompletedProofIncomplete, A, U, "Result summary unavailable", []string{"Execution proof available"}},
	}
	seen := map[domain.ResultStateKey]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := runState(t, tt.snap.resolve(t), 1).Result
			assert.Equal(t, tt.state, rs.State)
			assert.Equal(t, tt.proof, rs.OperationProofState, "operation_proof_state")
			assert.Equal(t, tt.evidence, rs.PostRunEvidenceState, "post_run_evidence_state")
			assert.False(t, rs.ResultSummary.Available)
			assert.Nil(t, rs.ResultSummary.Counts, "no fake zeros")
			assert.Equal(t, tt.text, rs.ResultSummary.Text)
			assert.Equal(t, tt.claims, rs.AllowedClaims)
			assert.True(t, rs.DiagnosticsCollapsed)
			for _, s := range append([]string{rs.StatusLabel, rs.Reason, rs.Impact, rs.PrimaryNextAction}, rs.AllowedClaims...) {
				assert.NotEmpty(t, s)
				phrase, found := domain.ContainsForbiddenClaim(s)
				assert.False(t, found, "%q contains %q", s, phrase)
			}
			require.NotNil(t, rs.Why)
			assert.Equal(t, "rules.md §4 "+string(rs.State), rs.Why.Rule)
			seen[rs.State] = true
		})
	}
	assert.Len(t, seen, len(domain.ResultStateKeys), "every result state is tested")
}

func (b *built) withTenant2() *built {
	b.s.Tenants = append(b.s.Tenants, snapshot.Tenant{Index: 1, ID: 2, Name: "Fabrikam Inc.", FreshnessHours: 24})
	return b
}

// The summary shows exactly the counts the snapshot has, and nothing it lacks.
func TestResultSummaryCounts(t *testing.T) {
	tests := []struct {
		name   string
		counts snapshot.Counts
		json   string
	}{
		{"total and applied only", snapshot.Counts{Total: i64(7), Applied: i64(7)}, `{"total":7,"applied":7}`},
		{"an explicit zero is kept", snapshot.Counts{Failed: i64(0)}, `{"failed":0}`},
		{"all six", snapshot.Counts{Total: i64(6), Applied: i64(1), Partial: i64(1), Failed: i64(1), Skipped: i64(2), NonApplied: i64(1)},
			`{"total":6,"applied":1,"partial":1,"failed":1,"skipped":2,"non_applied":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := runState(t, newSnap().run(1, snapshot.RestoreCompleted, counts(tt.counts)).resolve(t), 1).Result
			require.True(t, rs.ResultSummary.Available)
			assert.Empty(t, rs.ResultSummary.Text)
			assertJSON(t, tt.json, rs.ResultSummary.Counts)
		})
	}
	t.Run("an empty counts object is no summary", func(t *testing.T) {
		rs := runState(t, newSnap().run(1, snapshot.RestoreCompleted, counts(snapshot.Counts{})).resolve(t), 1).Result
		assert.False(t, rs.ResultSummary.Available)
		assert.Nil(t, rs.ResultSummary.Counts)
	})
}

func TestResultStateDraftClaimsNoPreview(t *testing.T) {
	rs := runState(t, newSnap().run(1, snapshot.RestoreScoped, notCompleted).resolve(t), 1).Result
	assert.NotContains(t, rs.Reason, "preview truth")
	assert.Equal(t, "Continue preparation", rs.PrimaryNextAction)
}

func TestResultStateProofIncompleteReasonWithoutOperation(t *testing.T) {
	rs := runState(t, newSnap().run(1, snapshot.RestoreCompleted).resolve(t), 1).Result
	assert.Contains(t, rs.Reason, "operation proof and post-run evidence are both unavailable")
}
