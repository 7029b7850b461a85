package domain

// ContinuityReason is why an operator arrived at a tenant's restore runs
// from the dashboard (docs/rules.md §5): the recovery_posture_reason of the
// address.
type ContinuityReason string

// The continuity reasons the restore-run list accepts.
const (
	ContinuityNoHistory             ContinuityReason = "no_history"
	ContinuityFailed                ContinuityReason = "failed"
	ContinuityPartial               ContinuityReason = "partial"
	ContinuityCompletedWithFollowUp ContinuityReason = "completed_with_follow_up"
	ContinuityNoRecentIssuesVisible ContinuityReason = "no_recent_issues_visible"
)

// ContinuityReasons lists every continuity reason.
var ContinuityReasons = []ContinuityReason{ContinuityNoHistory, ContinuityFailed, ContinuityPartial, ContinuityCompletedWithFollowUp, ContinuityNoRecentIssuesVisible}

// Banner is the restore-run list's continuity banner (docs/rules.md §5): why the
// operator arrived from the dashboard, and which runs that concerns. It is
// page context, never a stored state.
type Banner struct {
	Reason         ContinuityReason `json:"reason"`
	Text           string           `json:"text"`
	MatchingRunIDs []int64          `json:"matching_run_ids"`
}

var continuityText = map[ContinuityReason]string{
	ContinuityNoHistory:             "You arrived here because recovery evidence is not yet known: no executed restore is recorded for this tenant. Previews and dry runs below do not count.",
	ContinuityFailed:                "You arrived here because the latest executed restore failed. The marked runs failed.",
	ContinuityPartial:               "You arrived here because the latest executed restore has work that failed or only partly applied. The marked runs are partial.",
	ContinuityCompletedWithFollowUp: "You arrived here because the latest executed restore has skipped or non-applied work. The marked runs need follow-up.",
	ContinuityNoRecentIssuesVisible: "You arrived here because no recent restore issues are visible. The marked run is the latest executed restore; it does not prove the tenant can be recovered.",
}

// ParseContinuityReason accepts only the five known reasons; anything else
// gives ok false and must be neither shown nor echoed back.
func ParseContinuityReason(s string) (reason ContinuityReason, ok bool) {
	if _, known := continuityText[ContinuityReason(s)]; known {
		return ContinuityReason(s), true
	}
	return "", false
}

// Continuity builds the banner for a known reason and marks the matching runs
// of the tenant: runs whose attention is the reason's state, or, for
// no_recent_issues_visible, the latest relevant run. no_history marks none.
func Continuity(s string, t TenantState) (Banner, bool) {
	reason, ok := ParseContinuityReason(s)
	if !ok {
		return Banner{}, false
	}
	text := continuityText[reason]
	b := Banner{Reason: reason, Text: text, MatchingRunIDs: []int64{}}
	switch reason {
	case ContinuityNoHistory:
	case ContinuityNoRecentIssuesVisible:
		if t.RecoveryEvidence != nil && t.RecoveryEvidence.LatestRelevantRestoreRunID != nil &&
			t.RecoveryEvidence.OverviewState == OverviewNoRecentIssuesVisible {
			b.MatchingRunIDs = append(b.MatchingRunIDs, *t.RecoveryEvidence.LatestRelevantRestoreRunID)
		}
	default:
		for _, r := range t.RestoreRuns {
			if string(r.Attention.State) == string(reason) { // the other three reasons are attention states
				b.MatchingRunIDs = append(b.MatchingRunIDs, r.ID)
			}
		}
	}
	return b, true
}
