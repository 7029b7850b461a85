package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
)

// boundaryWords say, for a run's recovery_claim_boundary (docs/rules.md §2),
// what the run does not show. A run's page carries it beside the decision,
// so that a printed run says its limit too.
var boundaryWords = map[string]string{
	"preview_only":                 "A run that did not execute shows what a restore would do, not what it did.",
	"no_recovery_claim":            "No recovery claim can be made from this run: work failed or only partly applied.",
	"follow_up_weakens_confidence": "Skipped or non-applied work weakens confidence in this run's result until it is reviewed.",
	"tenant_recovery_not_proven":   "This run completed; that does not prove the tenant can be recovered.",
}

// runBoundary is the claim boundary of a run's decision; nothing for a key
// without words.
func runBoundary(key string) app.UI {
	words, ok := boundaryWords[key]
	if !ok {
		return app.Text("")
	}
	return el.P().Class("boundary").DataSet("testid", "claim-boundary").DataSet("boundary", key).Text(words)
}
