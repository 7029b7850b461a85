package domain

// Banner is the restore-run list's continuity banner (docs/rules.md §5): why the
// operator arrived from the dashboard, and which runs that concerns. It is
// page context, never a stored state.
type Banner struct {
	Reason         string  `json:"reason"`
	Text           string  `json:"text"`
	MatchingRunIDs []int64 `json:"matching_run_ids"`
}

var continuityText = map[string]string{
	ContinuityNoHistory:             "You arrived here because recovery evidence is not yet known: no executed restore is recorded for this tenant. Previews and dry runs below do not count.",
	ContinuityFailed:                "You arrived here because the latest executed restore failed. The marked runs failed.",
	ContinuityPartial:               "You arrived here because the latest executed restore has work that failed or only partly applied. The marked runs are partial.",
	ContinuityCompletedWithFollowUp: "You arrived here because the latest executed restore has skipped or non-applied work. The marked runs need follow-up.",
	ContinuityNoRecentIssuesVisible: "You arrived here because no recent restore issues are visible. The marked run is the latest executed restore; it does not prove the tenant can be recovered.",
}

// ParseContinuityReason accepts only the five known reasons; anything else
// gives ok false and must be neither shown nor echoed back.
func ParseContinuityReason(s string) (reason string, ok bool) {
	if _, known := continuityText[s]; known {
		return s, true
	}
	return "", false
}

// Continuity builds the banner for a known reason and marks the matching runs
// of the tenant: runs whose attention is the reason's state, or, for
// no_recent_issues_visible, the latest relevant run. no_history marks none.
func Continuity(reason string, t TenantState) (Banner, bool) {
	text, ok := continuityText[reason]
	if !ok {
		return Banner{}, false
	}
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
			if r.Attention.State == reason {
				b.MatchingRunIDs = append(b.MatchingRunIDs, r.ID)
			}
		}
	}
	return b, true
}
