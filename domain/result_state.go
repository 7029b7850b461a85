package domain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// ResultStateKey is a run's decision-first result state (docs/rules.md §4).
type ResultStateKey string

// The result states, in the order of the table: the first row that holds wins.
const (
	ResultNotExecuted              ResultStateKey = "not_executed"
	ResultFailed                   ResultStateKey = "failed"
	ResultBlockedOrCancelled       ResultStateKey = "blocked_or_cancelled"
	ResultInProgress               ResultStateKey = "in_progress"
	ResultNeedsReview              ResultStateKey = "needs_review"
	ResultCompletedWithEvidence    ResultStateKey = "completed_with_evidence"
	ResultCompletedProofIncomplete ResultStateKey = "completed_proof_incomplete"
)

// ResultStateKeys lists every result state, in the order of the table.
var ResultStateKeys = []ResultStateKey{ResultNotExecuted, ResultFailed, ResultBlockedOrCancelled, ResultInProgress, ResultNeedsReview, ResultCompletedWithEvidence, ResultCompletedProofIncomplete}

// ProofState is a run's operation proof or post-run evidence state
// (docs/rules.md §4).
type ProofState string

// The proof states.
const (
	ProofAvailable   ProofState = "available"
	ProofUnavailable ProofState = "unavailable"
	ProofInProgress  ProofState = "in_progress"
)

// ProofStates lists every proof state.
var ProofStates = []ProofState{ProofAvailable, ProofUnavailable, ProofInProgress}

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

// resultRow applies the table of docs/rules.md §4: the first row whose
// clauses hold wins. It returns the state with the clauses of its row that
// held, for the why; their text is written only when explain is true.
func resultRow(f *runFacts, att *Attention, evidence []*snapshot.EvidenceSnapshot, explain bool) (ResultStateKey, []string) {
	r := f.run
	c := clauses{explain: explain}
	if anyHeld(c.hold(r.IsDryRun, func() string { return "it is a dry run" }),
		c.hold(r.Status.PreExecution(), func() string { return fmt.Sprintf("status %s is before execution", r.Status) })) {
		return ResultNotExecuted, c.because
	}
	if anyHeld(c.hold(r.Status == snapshot.RestoreFailed, func() string { return "status failed" }),
		c.hold(f.opOutcome(snapshot.OutcomeOpFailed), func() string { return fmt.Sprintf("operation #%d outcome failed", f.op.ID) })) {
		return ResultFailed, c.because
	}
	if anyHeld(c.hold(r.Status == snapshot.RestoreCancelled, func() string { return "status cancelled" }),
		c.hold(f.opOutcome(snapshot.OutcomeBlocked, snapshot.OutcomeCancelled), func() string { return fmt.Sprintf("operation #%d outcome %s", f.op.ID, f.op.Outcome) })) {
		return ResultBlockedOrCancelled, c.because
	}
	if anyHeld(c.hold(r.Status.InFlight(), func() string { return fmt.Sprintf("status %s", r.Status) }),
		c.hold(f.opStatusInFlight(), func() string { return fmt.Sprintf("operation #%d is %s", f.op.ID, f.op.Status) })) {
		return ResultInProgress, c.because
	}
	// A partial status always has partial attention here: the rows above
	// took every run whose attention it is not.
	if c.hold(att.State == AttentionPartial || att.State == AttentionCompletedWithFollowUp || r.Status == snapshot.RestorePartial,
		func() string { return "attention is " + string(att.State) }) {
		return ResultNeedsReview, c.because
	}
	if c.hold(f.op != nil && len(evidence) > 0, func() string {
		return fmt.Sprintf("operation #%d and current evidence %s", f.op.ID, evidenceIDs(evidence))
	}) {
		return ResultCompletedWithEvidence, c.because
	}
	c.hold(f.op == nil, func() string { return "the run has no operation" })
	c.hold(f.op != nil, func() string {
		return fmt.Sprintf("operation #%d has no current evidence (active, not expired)", f.op.ID)
	})
	return ResultCompletedProofIncomplete, c.because
}

// anyHeld reports whether a row holds; every clause has been tested (and
// explained) before it is called, not only up to the first that held.
func anyHeld(held ...bool) bool {
	return slices.Contains(held, true)
}

// clauses gathers the clauses of a table's row that held.
type clauses struct {
	explain bool
	because []string
}

// hold reports whether a clause held, keeping its text, written only when
// the why is asked for: every run of a portfolio goes through the table.
// Each clause is both tested and explained here, so a row's test and its
// reason cannot drift apart.
func (c *clauses) hold(ok bool, text func() string) bool {
	if ok && c.explain {
		c.because = append(c.because, text())
	}
	return ok
}

// resultState derives the decision-first state of the restore-run detail page
// (docs/rules.md §4), with its why unless explain is false.
func resultState(f *runFacts, att Attention, evidence []*snapshot.EvidenceSnapshot, explain bool) ResultState {
	r := f.run
	current := len(evidence) > 0
	state, because := resultRow(f, &att, evidence, explain)

	rs := ResultState{State: state, DiagnosticsCollapsed: true, AllowedClaims: []string{}, CurrentEvidenceIDs: []int64{}}
	unavailableText := resultCopy(&rs, f, current)
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
		rs.Why = &Why{Rule: "rules.md §4 " + string(state), Text: string(state) + ": " + strings.Join(because, "; "), Records: records}
	}
	return rs
}

// resultCopy writes the words, proof states and allowed claims of the
// state's row of docs/rules.md §4, narrowed where the record says less than
// the row, and returns what the result summary says when the snapshot has
// no counts. It is longer than 80 lines because it is the table: one case
// per row, in the table's order, so that each row reads as rules.md writes
// it; split, a row's words would be in one place and its exceptions in
// another.
func resultCopy(rs *ResultState, f *runFacts, current bool) (unavailableText string) {
	r := f.run
	hasOp := f.op != nil
	avail := func(ok bool) ProofState {
		if ok {
			return ProofAvailable
		}
		return ProofUnavailable
	}
	unavailableText = "Result summary unavailable"
	switch rs.State {
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
	return unavailableText
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
