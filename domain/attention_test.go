package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

type D = snapshot.Counts

// Every clause of docs/rules.md §2, first match wins.
func TestAttention(t *testing.T) {
	R := snapshot.RestoreCompleted
	tests := []struct {
		name  string
		snap  *built
		state domain.AttentionState
	}{
		// not_executed
		{"dry run", newSnap().run(1, R, dry), domain.AttentionNotExecuted},
		{"dry run beats status failed", newSnap().run(1, snapshot.RestoreFailed, dry), domain.AttentionNotExecuted},
		{"draft", newSnap().run(1, snapshot.RestoreDraft, notCompleted), domain.AttentionNotExecuted},
		{"scoped", newSnap().run(1, snapshot.RestoreScoped, notCompleted), domain.AttentionNotExecuted},
		{"checked", newSnap().run(1, snapshot.RestoreChecked, notCompleted), domain.AttentionNotExecuted},
		{"previewed", newSnap().run(1, snapshot.RestorePreviewed, notCompleted), domain.AttentionNotExecuted},
		{"queued", newSnap().run(1, snapshot.RestoreQueued, notCompleted), domain.AttentionNotExecuted},
		{"running", newSnap().run(1, snapshot.RestoreRunning, notCompleted), domain.AttentionNotExecuted},
		{"operation queued", newSnap().op(5, snapshot.OperationQueued, snapshot.OutcomePending).run(1, R, withOp(5)), domain.AttentionNotExecuted},
		{"operation running beats status failed", newSnap().op(5, snapshot.OperationRunning, snapshot.OutcomePending).run(1, snapshot.RestoreFailed, withOp(5)), domain.AttentionNotExecuted},
		{"cancelled, nothing applied", newSnap().run(1, snapshot.RestoreCancelled, items(snapshot.OutcomeSkipped)), domain.AttentionNotExecuted},
		{"operation blocked, nothing applied", newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomeBlocked).run(1, R, withOp(5)), domain.AttentionNotExecuted},
		{"operation cancelled, nothing applied", newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomeCancelled).run(1, R, withOp(5), counts(D{Applied: i64(0)})), domain.AttentionNotExecuted},
		// failed
		{"status failed", newSnap().run(1, snapshot.RestoreFailed), domain.AttentionFailed},
		{"operation outcome failed", newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomeOpFailed).run(1, R, withOp(5)), domain.AttentionFailed},
		{"failed beats partial entries", newSnap().run(1, snapshot.RestoreFailed, items(snapshot.OutcomePartial)), domain.AttentionFailed},
		// partial
		{"status partial", newSnap().run(1, snapshot.RestorePartial), domain.AttentionPartial},
		{"status completed_with_errors", newSnap().run(1, snapshot.RestoreCompletedWithErrors), domain.AttentionPartial},
		{"cancelled after applying an entry", newSnap().run(1, snapshot.RestoreCancelled, items(snapshot.OutcomeApplied)), domain.AttentionPartial},
		{"cancelled after counts.partial", newSnap().run(1, snapshot.RestoreCancelled, counts(D{Partial: i64(1)})), domain.AttentionPartial},
		{"operation blocked after counts.applied", newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomeBlocked).run(1, R, withOp(5), counts(D{Applied: i64(2)})), domain.AttentionPartial},
		{"operation cancelled after a partial entry", newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomeCancelled).run(1, R, withOp(5), items(snapshot.OutcomePartial)), domain.AttentionPartial},
		{"operation partially_succeeded", newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomePartiallySucceeded).run(1, R, withOp(5)), domain.AttentionPartial},
		{"an entry failed", newSnap().run(1, R, assignments(snapshot.OutcomeApplied, snapshot.OutcomeFailed)), domain.AttentionPartial},
		{"an entry partial", newSnap().run(1, R, items(snapshot.OutcomePartial)), domain.AttentionPartial},
		{"counts.failed > 0", newSnap().run(1, R, counts(D{Failed: i64(1)})), domain.AttentionPartial},
		{"counts.partial > 0", newSnap().run(1, R, counts(D{Partial: i64(2)})), domain.AttentionPartial},
		{"partial beats skipped", newSnap().run(1, R, items(snapshot.OutcomeSkipped, snapshot.OutcomeFailed)), domain.AttentionPartial},
		// completed_with_follow_up
		{"an entry skipped", newSnap().run(1, R, items(snapshot.OutcomeApplied, snapshot.OutcomeSkipped)), domain.AttentionCompletedWithFollowUp},
		{"counts.skipped > 0", newSnap().run(1, R, counts(D{Skipped: i64(1)})), domain.AttentionCompletedWithFollowUp},
		{"counts.non_applied > 0", newSnap().run(1, R, counts(D{NonApplied: i64(1)})), domain.AttentionCompletedWithFollowUp},
		{"metadata.non_applied not empty", newSnap().run(1, R, nonApplied(1)), domain.AttentionCompletedWithFollowUp},
		// completed
		{"completed, nothing else", newSnap().run(1, R), domain.AttentionCompleted},
		{"completed, applied entries and zero counts", newSnap().op(5, snapshot.OperationCompleted, snapshot.OutcomeSucceeded).run(1, R, withOp(5), items(snapshot.OutcomeApplied), counts(D{Total: i64(1), Applied: i64(1), Failed: i64(0), Skipped: i64(0)})), domain.AttentionCompleted},
		{"an operation of another tenant is no operation", newSnap().run(1, R, withOp(5)).withForeignOp(5, snapshot.OutcomeOpFailed), domain.AttentionCompleted},
	}
	want := map[domain.AttentionState]struct {
		followUp bool
		boundary string
		tone     string
		action   string
	}{
		domain.AttentionNotExecuted:           {false, "preview_only", "neutral", "Review preview"},
		domain.AttentionFailed:                {true, "no_recovery_claim", "danger", "Review failure details"},
		domain.AttentionPartial:               {true, "no_recovery_claim", "warning", "Review item outcomes"},
		domain.AttentionCompletedWithFollowUp: {true, "follow_up_weakens_confidence", "warning", "Review skipped and non-applied items"},
		domain.AttentionCompleted:             {false, "tenant_recovery_not_proven", "info", "Review restored details"},
	}
	seen := map[domain.AttentionState]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := runState(t, tt.snap.resolve(t), 1).Attention
			assert.Equal(t, tt.state, a.State)
			w := want[a.State]
			assert.Equal(t, w.followUp, a.FollowUpRequired)
			assert.Equal(t, w.boundary, a.RecoveryClaimBoundary)
			assert.Equal(t, w.tone, a.Tone)
			assert.Equal(t, w.action, a.PrimaryNextAction)
			assert.NotEmpty(t, a.Summary)
			require.NotNil(t, a.Why)
			assert.Equal(t, "rules.md §2 "+string(a.State), a.Why.Rule)
			assert.Contains(t, a.Why.Records, "restore_runs[0]")
			seen[a.State] = true
		})
	}
	assert.Len(t, seen, len(domain.AttentionStates), "every attention state is tested")
}

// withForeignOp adds tenant 2 and an operation run of it with the given id.
func (b *built) withForeignOp(id int64, outcome snapshot.OperationOutcome) *built {
	b.s.Tenants = append(b.s.Tenants, snapshot.Tenant{Index: 1, ID: 2, Name: "Fabrikam Inc.", FreshnessHours: 24})
	b.s.OperationRuns = append(b.s.OperationRuns, snapshot.OperationRun{Index: len(b.s.OperationRuns), ID: id, TenantID: 2, Status: snapshot.OperationCompleted, Outcome: outcome})
	return b
}

func TestAttentionWhyNamesTheClause(t *testing.T) {
	a := runState(t, newSnap().run(1, snapshot.RestoreCompleted, assignments(snapshot.OutcomeFailed)).resolve(t), 1).Attention
	require.NotNil(t, a.Why)
	assert.Equal(t, "partial: 1 assignment failed", a.Why.Text)
}
