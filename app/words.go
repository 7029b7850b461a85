package app

import "github.com/tenantatlas/tenantatlas/domain"

// Words for state keys. Keys stay in data-state attributes; people read
// these. None makes a claim the state does not allow (docs/rules.md §6): a
// "healthy" posture reads "Inputs current".
var postureWords = map[string]string{
	domain.PostureAbsent:   "No usable backup",
	domain.PostureStale:    "Stale",
	domain.PostureDegraded: "Degraded",
	domain.PostureHealthy:  "Inputs current",
}

var overviewWords = map[string]string{
	domain.OverviewUnvalidated:           "Not yet known",
	domain.OverviewWeakened:              "Weakened",
	domain.OverviewNoRecentIssuesVisible: "No recent issues visible",
}

var attentionWords = map[string]string{
	domain.AttentionNotExecuted:           "Not executed",
	domain.AttentionFailed:                "Failed",
	domain.AttentionPartial:               "Partial",
	domain.AttentionCompletedWithFollowUp: "Follow-up needed",
	domain.AttentionCompleted:             "Completed",
}

var proofWords = map[string]string{
	domain.ProofAvailable:   "Available",
	domain.ProofUnavailable: "Unavailable",
	domain.ProofInProgress:  "In progress",
}

// tone maps a state to a badge tone; the badge always carries its words too,
// so no state is told by colour alone.
var tone = map[string]string{
	"posture:" + domain.PostureAbsent:                  "danger",
	"posture:" + domain.PostureStale:                   "warning",
	"posture:" + domain.PostureDegraded:                "warning",
	"posture:" + domain.PostureHealthy:                 "info",
	"overview:" + domain.OverviewUnvalidated:           "neutral",
	"overview:" + domain.OverviewWeakened:              "warning",
	"overview:" + domain.OverviewNoRecentIssuesVisible: "info",
	"result:" + domain.ResultNotExecuted:               "neutral",
	"result:" + domain.ResultInProgress:                "neutral",
	"result:" + domain.ResultFailed:                    "danger",
	"result:" + domain.ResultBlockedOrCancelled:        "danger",
	"result:" + domain.ResultNeedsReview:               "warning",
	"result:" + domain.ResultCompletedWithEvidence:     "info",
	"result:" + domain.ResultCompletedProofIncomplete:  "neutral",
}
