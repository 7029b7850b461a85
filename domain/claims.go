package domain

import "strings"

// ForbiddenPhrases are the claims never made in tenantatlas's own copy, in any
// state (docs/rules.md §6). Data a snapshot supplies is shown as given.
var ForbiddenPhrases = []string{
	"recovery verified", "verified recovery", "recovery proven", "fully recovered",
	"healthy", "compliant", "customer-safe", "customer safe",
}

// ContainsForbiddenClaim reports the first forbidden phrase in s, ignoring case.
func ContainsForbiddenClaim(s string) (phrase string, found bool) {
	lower := strings.ToLower(s)
	for _, p := range ForbiddenPhrases {
		if strings.Contains(lower, p) {
			return p, true
		}
	}
	return "", false
}
