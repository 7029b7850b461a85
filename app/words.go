package app

import "github.com/tenantatlas/tenantatlas/domain"

// Words for state keys. Keys stay in data-state attributes; people read
// these. None makes a claim the state does not allow (docs/rules.md §6): a
// "healthy" posture reads "Inputs current".
var postureWords = map[domain.Posture]string{
	domain.PostureAbsent:   "No usable backup",
	domain.PostureStale:    "Stale",
	domain.PostureDegraded: "Degraded",
	domain.PostureHealthy:  "Inputs current",
}

var overviewWords = map[domain.OverviewState]string{
	domain.OverviewUnvalidated:           "Not yet known",
	domain.OverviewWeakened:              "Weakened",
	domain.OverviewNoRecentIssuesVisible: "No recent issues visible",
}

var attentionWords = map[domain.AttentionState]string{
	domain.AttentionNotExecuted:           "Not executed",
	domain.AttentionFailed:                "Failed",
	domain.AttentionPartial:               "Partial",
	domain.AttentionCompletedWithFollowUp: "Follow-up needed",
	domain.AttentionCompleted:             "Completed",
}

var proofWords = map[domain.ProofState]string{
	domain.ProofAvailable:   "Available",
	domain.ProofUnavailable: "Unavailable",
	domain.ProofInProgress:  "In progress",
}

// Badge tones of the states; the badge always carries its words too, so no
// state is told by colour alone.
var postureTone = map[domain.Posture]string{
	domain.PostureAbsent:   "danger",
	domain.PostureStale:    "warning",
	domain.PostureDegraded: "warning",
	domain.PostureHealthy:  "info",
}

var overviewTone = map[domain.OverviewState]string{
	domain.OverviewUnvalidated:           "neutral",
	domain.OverviewWeakened:              "warning",
	domain.OverviewNoRecentIssuesVisible: "info",
}

var resultTone = map[domain.ResultStateKey]string{
	domain.ResultNotExecuted:              "neutral",
	domain.ResultInProgress:               "neutral",
	domain.ResultFailed:                   "danger",
	domain.ResultBlockedOrCancelled:       "danger",
	domain.ResultNeedsReview:              "warning",
	domain.ResultCompletedWithEvidence:    "info",
	domain.ResultCompletedProofIncomplete: "neutral",
}
