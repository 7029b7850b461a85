package domain

import (
	"strconv"
	"strings"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// AttentionState is a run's restore result attention (docs/rules.md §2).
type AttentionState string

// The attention states, in the order of the table: the first row that
// holds wins.
const (
	AttentionNotExecuted           AttentionState = "not_executed"
	AttentionFailed                AttentionState = "failed"
	AttentionPartial               AttentionState = "partial"
	AttentionCompletedWithFollowUp AttentionState = "completed_with_follow_up"
	AttentionCompleted             AttentionState = "completed"
)

// AttentionStates lists every attention state, in the order of the table.
var AttentionStates = []AttentionState{AttentionNotExecuted, AttentionFailed, AttentionPartial, AttentionCompletedWithFollowUp, AttentionCompleted}

// runFacts are the observations about one restore run that the rules of §2
// and §4 are written in. Gathered once per run.
type runFacts struct {
	run *snapshot.RestoreRun
	// op is the run's operation, only when it exists and is of the run's own
	// tenant: the resolver checks scoping itself rather than trust validation.
	op *snapshot.OperationRun
	// entries counts the result entries by kind and outcome. Arrays, not
	// maps: they are gathered for every run of a portfolio.
	entries [len(entryKinds)][len(entryOutcomes)]int64
}

// entryKinds are the result entry lists in the order they are described.
var entryKinds = [...]string{"item", "foundation", "assignment"}

// entryOutcomes are the outcomes a result entry can have, with the verb
// that describes them.
var entryOutcomes = [...]struct {
	outcome snapshot.Outcome
	verb    string
}{{snapshot.OutcomeApplied, "applied"}, {snapshot.OutcomePartial, "partially applied"}, {snapshot.OutcomeFailed, "failed"}, {snapshot.OutcomeSkipped, "skipped"}}

func outcomeIndex(o snapshot.Outcome) int {
	for i, e := range entryOutcomes {
		if e.outcome == o {
			return i
		}
	}
	return -1 // validation admits no other outcome; such an entry counts for none
}

// newRunFacts gathers what the rules ask of a run. A value, not a pointer:
// the caller keeps it on its stack, since allocated it would be garbage
// for every run of a portfolio (docs/performance.md).
func newRunFacts(r *snapshot.RestoreRun, op *snapshot.OperationRun) runFacts {
	f := runFacts{run: r}
	if op != nil && op.TenantID == r.TenantID {
		f.op = op
	}
	for kind, entries := range [...][]snapshot.ResultEntry{r.Results.Items, r.Results.Foundations, r.Results.Assignments} {
		for _, e := range entries {
			if o := outcomeIndex(e.Outcome); o >= 0 {
				f.entries[kind][o]++
			}
		}
	}
	return f
}

// anyOutcome reports whether an entry of any kind has the outcome.
func (f *runFacts) anyOutcome(o snapshot.Outcome) bool {
	i := outcomeIndex(o)
	if i < 0 {
		return false
	}
	for kind := range f.entries {
		if f.entries[kind][i] > 0 {
			return true
		}
	}
	return false
}

func (f *runFacts) count(get func(*snapshot.Counts) *int64) int64 {
	if f.run.Metadata.Counts == nil {
		return 0
	}
	if p := get(f.run.Metadata.Counts); p != nil {
		return *p
	}
	return 0
}

func cApplied(c *snapshot.Counts) *int64    { return c.Applied }
func cPartial(c *snapshot.Counts) *int64    { return c.Partial }
func cFailed(c *snapshot.Counts) *int64     { return c.Failed }
func cSkipped(c *snapshot.Counts) *int64    { return c.Skipped }
func cNonApplied(c *snapshot.Counts) *int64 { return c.NonApplied }

// appliedSomething: an entry applied or partial, or counts.applied > 0, or
// counts.partial > 0 (docs/rules.md, terms).
func (f *runFacts) appliedSomething() bool {
	return f.anyOutcome(snapshot.OutcomeApplied) || f.anyOutcome(snapshot.OutcomePartial) ||
		f.count(cApplied) > 0 || f.count(cPartial) > 0
}

func (f *runFacts) opStatusInFlight() bool {
	return f.op != nil && (f.op.Status == snapshot.OperationQueued || f.op.Status == snapshot.OperationRunning)
}

func (f *runFacts) opOutcome(o ...snapshot.OperationOutcome) bool {
	if f.op == nil {
		return false
	}
	for _, want := range o {
		if f.op.Outcome == want {
			return true
		}
	}
	return false
}

// entriesWith describes the entries with one of the outcomes, e.g.
// "1 assignment failed, 2 items partially applied".
func (f *runFacts) entriesWith(outcomes ...snapshot.Outcome) []string {
	var parts []string
	for kind, name := range entryKinds {
		for _, o := range outcomes {
			i := outcomeIndex(o)
			if i < 0 {
				continue
			}
			if n := f.entries[kind][i]; n > 0 {
				parts = append(parts, plural(n, name, name+"s")+" "+entryOutcomes[i].verb)
			}
		}
	}
	return parts
}

// attention derives a run's restore result attention (docs/rules.md §2): the first
// matching row wins, and the reasons of that row are kept for the why unless
// explain is false. The summaries are concatenated rather than formatted:
// they are written for every run of a portfolio.
func attention(f *runFacts, explain bool) Attention {
	state, because := attentionState(f)
	run := "Restore run #" + strconv.FormatInt(f.run.ID, 10)
	reasons := strings.Join(because, "; ")
	a := Attention{State: state}
	switch state {
	case AttentionNotExecuted:
		a.FollowUpRequired, a.RecoveryClaimBoundary, a.Tone, a.PrimaryNextAction = false, "preview_only", "neutral", "Review preview"
		a.Summary = run + " did not execute (" + reasons + "). It shows what a restore would do, not what it did."
	case AttentionFailed:
		a.FollowUpRequired, a.RecoveryClaimBoundary, a.Tone, a.PrimaryNextAction = true, "no_recovery_claim", "danger", "Review failure details"
		a.Summary = run + " failed (" + reasons + "). No recovery claim can be made from it."
	case AttentionPartial:
		a.FollowUpRequired, a.RecoveryClaimBoundary, a.Tone, a.PrimaryNextAction = true, "no_recovery_claim", "warning", "Review item outcomes"
		a.Summary = run + " reached an end with work that failed or only partly applied (" + reasons + "). No recovery claim can be made from it."
	case AttentionCompletedWithFollowUp:
		a.FollowUpRequired, a.RecoveryClaimBoundary, a.Tone, a.PrimaryNextAction = true, "follow_up_weakens_confidence", "warning", "Review skipped and non-applied items"
		a.Summary = run + " completed, but work was skipped or not applied (" + reasons + "), which weakens confidence in the result."
	default:
		a.FollowUpRequired, a.RecoveryClaimBoundary, a.Tone, a.PrimaryNextAction = false, "tenant_recovery_not_proven", "info", "Review restored details"
		a.Summary = run + " completed with no failed, partial, skipped or non-applied work recorded. That does not prove the tenant can be recovered."
	}
	if explain {
		a.Why = &Why{
			Rule:    "rules.md §2 " + string(state),
			Text:    string(state) + ": " + reasons,
			Records: f.records(),
		}
	}
	return a
}

// records are the paths of the run and of its operation.
func (f *runFacts) records() []string {
	rec := []string{recordPath("restore_runs", f.run.Index)}
	if f.op != nil {
		rec = append(rec, recordPath("operation_runs", f.op.Index))
	}
	return rec
}

// attentionState applies the table of docs/rules.md §2 and says which clauses of
// the matching row held. A reason is built only when its clause holds, by
// concatenation: formatted, every clause's arguments were boxed for every
// run whether it held or not (a third of resolution's allocation).
func attentionState(f *runFacts) (AttentionState, []string) {
	r := f.run
	var why []string
	applied := f.appliedSomething()

	if r.IsDryRun {
		why = append(why, "it is a dry run")
	}
	if r.Status.PreExecution() {
		why = append(why, "status "+string(r.Status)+" is before execution")
	}
	if r.Status.InFlight() {
		why = append(why, "status "+string(r.Status)+" is in flight")
	}
	if f.opStatusInFlight() {
		why = append(why, f.opName()+" is "+opStatus(f.op))
	}
	if !applied && r.Status == snapshot.RestoreCancelled {
		why = append(why, "cancelled before anything was applied")
	}
	if !applied && f.opOutcome(snapshot.OutcomeBlocked, snapshot.OutcomeCancelled) {
		why = append(why, f.opName()+" outcome "+opOutcome(f.op)+" and nothing was applied")
	}
	if len(why) > 0 {
		return AttentionNotExecuted, why
	}

	if r.Status == snapshot.RestoreFailed {
		why = append(why, "status failed")
	}
	if f.opOutcome(snapshot.OutcomeOpFailed) {
		why = append(why, f.opName()+" outcome failed")
	}
	if len(why) > 0 {
		return AttentionFailed, why
	}

	if r.Status == snapshot.RestorePartial || r.Status == snapshot.RestoreCompletedWithErrors {
		why = append(why, "status "+string(r.Status))
	}
	// Reaching this row, a cancelled or blocked run applied something.
	if r.Status == snapshot.RestoreCancelled {
		why = append(why, "cancelled after some work was applied")
	}
	if f.opOutcome(snapshot.OutcomeBlocked, snapshot.OutcomeCancelled) {
		why = append(why, f.opName()+" outcome "+opOutcome(f.op)+" after some work was applied")
	}
	if f.opOutcome(snapshot.OutcomePartiallySucceeded) {
		why = append(why, f.opName()+" outcome partially_succeeded")
	}
	why = append(why, f.entriesWith(snapshot.OutcomeFailed, snapshot.OutcomePartial)...)
	why = appendCount(why, "failed", f.count(cFailed))
	why = appendCount(why, "partial", f.count(cPartial))
	if len(why) > 0 {
		return AttentionPartial, why
	}

	why = append(why, f.entriesWith(snapshot.OutcomeSkipped)...)
	why = appendCount(why, "skipped", f.count(cSkipped))
	why = appendCount(why, "non_applied", f.count(cNonApplied))
	if n := len(r.Metadata.NonApplied); n > 0 {
		why = append(why, plural(int64(n), "entry", "entries")+" listed as not applied")
	}
	if len(why) > 0 {
		return AttentionCompletedWithFollowUp, why
	}

	return AttentionCompleted, []string{"status " + string(r.Status) + " with no failed, partial, skipped or non-applied work recorded"}
}

// opName names the run's operation in a reason ("operation #7"); asked only
// where a clause about the operation holds.
func (f *runFacts) opName() string { return "operation #" + strconv.FormatInt(f.op.ID, 10) }

// appendCount adds "counts.<name> is <n>" to why when n is positive.
func appendCount(why []string, name string, n int64) []string {
	if n <= 0 {
		return why
	}
	return append(why, "counts."+name+" is "+strconv.FormatInt(n, 10))
}

func opStatus(op *snapshot.OperationRun) string {
	if op == nil {
		return ""
	}
	return string(op.Status)
}

func opOutcome(op *snapshot.OperationRun) string {
	if op == nil {
		return ""
	}
	return string(op.Outcome)
}
