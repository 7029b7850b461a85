package domain_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tenantatlas/tenantatlas/domain"
)

// No text we produce makes a docs/rules.md §6 claim, and every
// no_recent_issues_visible carries its claim boundary, which says that it
// does not prove the tenant can be recovered (docs/rules.md §3).
func TestPropertyNoForbiddenClaims(t *testing.T) {
	clean := 0 // tenants with no_recent_issues_visible: the boundary check is not vacuous
	for _, seed := range propertySeeds(t) {
		_, res := resolveDoc(t, genDoc(t, seed))
		for _, ts := range res.Tenants {
			ts.Name = "" // snapshot data, shown as given
			walkStrings(reflect.ValueOf(ts), func(s string) {
				phrase, found := domain.ContainsForbiddenClaim(s)
				assert.False(t, found, "%s: %q claims %q", seedName(seed), s, phrase)
			})
			if ev := ts.RecoveryEvidence; ev != nil && ev.OverviewState == domain.OverviewNoRecentIssuesVisible {
				clean++
				assert.NotEmpty(t, ev.ClaimBoundary, "%s tenant %d", seedName(seed), ts.TenantID)
				assert.True(t, saysRecoveryNotProven(ev.ClaimBoundary), "%s tenant %d: the boundary must say it does not prove recovery: %q",
					seedName(seed), ts.TenantID, ev.ClaimBoundary)
			}
			for _, r := range ts.RestoreRuns {
				assert.NotEmpty(t, r.Attention.RecoveryClaimBoundary, "%s run %d", seedName(seed), r.ID)
			}
		}
	}
	assert.Positive(t, clean, "no generated tenant had no_recent_issues_visible")
}

// saysRecoveryNotProven reports whether a claim boundary says what docs/rules.md §3
// requires of no_recent_issues_visible, in the words of docs/rules.md and of the
// domain's copy (overview.go): the rest of the sentence may change.
func saysRecoveryNotProven(boundary string) bool {
	return strings.Contains(strings.ToLower(boundary), "does not prove the tenant can be recovered")
}
