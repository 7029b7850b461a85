package domain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// currentEvidence returns the evidence snapshots that count as current for the
// run (docs/rules.md §4): same tenant and same operation as the run, status active,
// expires_at null or after generated_at. The tenant is checked here although
// validation already rejects cross-tenant references: evidence of another
// tenant must never count.
func currentEvidence(f *runFacts, evidence []*snapshot.EvidenceSnapshot, now time.Time) []*snapshot.EvidenceSnapshot {
	if f.op == nil {
		return nil
	}
	var out []*snapshot.EvidenceSnapshot
	for _, e := range evidence {
		if e.TenantID != f.run.TenantID || e.OperationRunID != f.op.ID || e.Status != snapshot.EvidenceActive {
			continue
		}
		if e.ExpiresAt != nil && !e.ExpiresAt.After(now) {
			continue
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *snapshot.EvidenceSnapshot) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// resultStateKey applies the table of docs/rules.md §4: the first matching row wins.
func resultStateKey(f *runFacts, att Attention, current bool) string {
	r := f.run
	switch {
	case r.IsDryRun || r.Status.PreExecution():
		return ResultNotExecuted
	case r.Status == snapshot.RestoreFailed || f.opOutcome(snapshot.OutcomeOpFailed):
		return ResultFailed
	case r.Status == snapshot.RestoreCancelled || f.opOutcome(snapshot.OutcomeBlocked, snapshot.OutcomeCancelled):
		return ResultBlockedOrCancelled
	case r.Status.InFlight() || f.opStatusInFlight():
		return ResultInProgress
	case att.State == AttentionPartial || att.State == AttentionCompletedWithFollowUp || r.Status == snapshot.RestorePartial:
		return ResultNeedsReview
	case f.op != nil && current:
		return ResultCompletedWithEvidence
	default:
		return ResultCompletedProofIncomplete
	}
}

// resultBecause says which clauses of the state's row held, for the why.
func resultBecause(f *runFacts, state string, att Attention, evidence []*snapshot.EvidenceSnapshot) []string {
	r := f.run
	var because []string
	note := func(ok bool, s string) {
		if ok {
			because = append(because, s)
		}
	}
	switch state {
	case ResultNotExecuted:
		note(r.IsDryRun, "it is a dry run")
		note(r.Status.PreExecution(), fmt.Sprintf("status %s is before execution", r.Status))
	case ResultFailed:
		note(r.Status == snapshot.RestoreFailed, "status failed")
		if f.opOutcome(snapshot.OutcomeOpFailed) {
			because = append(because, fmt.Sprintf("operation #%d outcome failed", f.op.ID))
		}
	case ResultBlockedOrCancelled:
		note(r.Status == snapshot.RestoreCancelled, "status cancelled")
		if f.opOutcome(snapshot.OutcomeBlocked, snapshot.OutcomeCancelled) {
			because = append(because, fmt.Sprintf("operation #%d outcome %s", f.op.ID, f.op.Outcome))
		}
	case ResultInProgress:
		note(r.Status.InFlight(), fmt.Sprintf("status %s", r.Status))
		if f.opStatusInFlight() {
			because = append(because, fmt.Sprintf("operation #%d is %s", f.op.ID, f.op.Status))
		}
	case ResultNeedsReview:
		because = append(because, "attention is "+att.State)
	case ResultCompletedWithEvidence:
		because = append(because, fmt.Sprintf("operation #%d and current evidence %s", f.op.ID, evidenceIDs(evidence)))
	default:
		if f.op == nil {
			because = append(because, "the run has no operation")
		} else {
			because = append(because, fmt.Sprintf("operation #%d has no current evidence (active, not expired)", f.op.ID))
		}
	}
	return because
}

// resultState derives the decision-first state of the restore-run detail page
// (docs/rules.md §4), with its why unless explain is false.
func resultState(f *runFacts, att Attention, evidence []*snapshot.EvidenceSnapshot, explain bool) ResultState {
	r := f.run
	hasOp := f.op != nil
	current := len(evidence) > 0
	state := resultStateKey(f, att, current)

	rs := ResultState{State: state, DiagnosticsCollapsed: true, AllowedClaims: []string{}, CurrentEvidenceIDs: []int64{}}
	avail := func(ok bool) string {
		if ok {
			return ProofAvailable
		}
		return ProofUnavailable
	}
	unavailableText := "Result summary unavailable"
	switch state {
	case ResultNotExecuted:
		rs.StatusLabel = "Not executed"
		rs.Reason = "This record proves preview truth, not environment recovery."
		rs.Impact = "No execution proof or post-run evidence exists yet."
		rs.PrimaryNextAction = "Continue preparation"
		rs.OperationProofState, rs.PostRunEvidenceState = ProofUnavailable, ProofUnavailable
		// Only a record that is a preview proves a preview: a draft, scoped or
		// checked run has produced none yet (docs/rules.md §4 names the claim for
		// the state; it is narrowed here so it never says more than the record).
		if r.IsDryRun || r.Status == snapshot.RestorePreviewed {
			rs.PrimaryNextAction = "Review preview"
			rs.AllowedClaims = append(rs.AllowedClaims, "Preview evidence exists")
		} else {
			rs.Reason = "This restore is still being prepared: nothing has been previewed or executed."
		}
	case ResultInProgress:
		rs.StatusLabel = "Execution in progress"
		rs.Reason = "Restore execution is currently running."
		rs.Impact = "Results and evidence are not final yet."
		rs.PrimaryNextAction = "View operation progress"
		rs.OperationProofState, rs.PostRunEvidenceState = ProofInProgress, ProofUnavailable
		unavailableText = "In progress"
		rs.AllowedClaims = append(rs.AllowedClaims, "Execution in progress")
	case ResultCompletedProofIncomplete:
		rs.StatusLabel = "Completed, recovery proof incomplete"
		rs.Reason = "Execution completed, but post-run evidence is not available yet."
		if !hasOp {
			rs.Reason = "Execution completed, but operation proof and post-run evidence are both unavailable."
		}
		// The seed's wording names the forbidden phrase; this says the same
		// without it (docs/rules.md §6).
		rs.Impact = "Do not rely on this restore as proof of recovery until evidence has been reviewed."
		rs.PrimaryNextAction = "Review restored details"
		rs.OperationProofState, rs.PostRunEvidenceState = avail(hasOp), ProofUnavailable
		if hasOp {
			rs.AllowedClaims = append(rs.AllowedClaims, "Execution proof available")
		}
	case ResultCompletedWithEvidence:
		rs.StatusLabel = "Completed with evidence available"
		rs.Reason = "Execution proof and post-run evidence are available."
		rs.Impact = "Review evidence before treating the restore as recovery proof."
		rs.PrimaryNextAction = "Open evidence"
		rs.OperationProofState, rs.PostRunEvidenceState = ProofAvailable, ProofAvailable
		rs.AllowedClaims = append(rs.AllowedClaims, "Evidence snapshot available")
	case ResultNeedsReview:
		rs.StatusLabel = "Completed with items needing review"
		rs.Reason = "Some items were skipped, partially applied, or failed."
		rs.Impact = "Review item outcomes before relying on the result."
		rs.PrimaryNextAction = "Review item outcomes"
		rs.OperationProofState, rs.PostRunEvidenceState = avail(hasOp), avail(current)
		rs.AllowedClaims = append(rs.AllowedClaims, "Follow-up required")
		if f.anyOutcome(snapshot.OutcomeSkipped) || f.count(cSkipped) > 0 {
			rs.AllowedClaims = append(rs.AllowedClaims, "Skipped items exist")
		}
	case ResultFailed:
		rs.StatusLabel = "Restore failed"
		rs.Reason = "The restore did not complete successfully."
		rs.Impact = "Some requested changes may not have been applied."
		rs.PrimaryNextAction = "Review failure details"
		rs.OperationProofState, rs.PostRunEvidenceState = avail(hasOp), avail(current)
		unavailableText = "Failure details required"
		rs.AllowedClaims = append(rs.AllowedClaims, "Execution failed")
	case ResultBlockedOrCancelled:
		rs.StatusLabel = "Restore blocked / cancelled"
		rs.Reason = "Restore did not execute due to cancellation or blocker."
		rs.Impact = "No recovery proof exists."
		if f.appliedSomething() {
			// The seed's reason assumes nothing ran; a run that applied work
			// before it stopped must not be described as not executed.
			rs.Reason = "The restore was cancelled or blocked after some changes had been applied."
			rs.Impact = "Some changes were applied and others were not; no recovery proof exists."
		}
		rs.PrimaryNextAction = "Review blocker"
		rs.OperationProofState, rs.PostRunEvidenceState = avail(hasOp), ProofUnavailable
		unavailableText = "Unavailable"
	}
	if current && (state == ResultCompletedWithEvidence || state == ResultNeedsReview || state == ResultFailed) {
		listed := listedEvidence(evidence)
		for _, e := range listed {
			rs.CurrentEvidenceIDs = append(rs.CurrentEvidenceIDs, e.ID)
		}
		rs.CurrentEvidenceOmitted = len(evidence) - len(listed)
	}

	// No fake zeros: exactly the counts the snapshot has, or the table's text.
	if c := r.Metadata.Counts; !c.Empty() {
		cp := *c
		rs.ResultSummary = ResultSummary{Available: true, Counts: &cp}
	} else {
		rs.ResultSummary = ResultSummary{Text: unavailableText}
	}

	if explain {
		records := f.records()
		for _, e := range listedEvidence(evidence) {
			records = append(records, recordPath("evidence_snapshots", e.Index))
		}
		because := resultBecause(f, state, att, evidence)
		rs.Why = &Why{Rule: "rules.md §4 " + state, Text: state + ": " + strings.Join(because, "; "), Records: records}
	}
	return rs
}

// MaxListedEvidence bounds the evidence records a run's result names.
const MaxListedEvidence = 20

// listedEvidence is the part of a run's current evidence that its result
// names: the first MaxListedEvidence, in ascending id.
func listedEvidence(ev []*snapshot.EvidenceSnapshot) []*snapshot.EvidenceSnapshot {
	return ev[:min(len(ev), MaxListedEvidence)]
}

func evidenceIDs(ev []*snapshot.EvidenceSnapshot) string {
	listed := listedEvidence(ev)
	ids := make([]string, len(listed))
	for i, e := range listed {
		ids[i] = fmt.Sprintf("#%d", e.ID)
	}
	if more := len(ev) - len(listed); more > 0 {
		ids = append(ids, fmt.Sprintf("and %d more", more))
	}
	return strings.Join(ids, ", ")
}
