package domain

import (
	"fmt"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Capabilities (docs/rules.md §7): what the viewer's capabilities open. A
// state is derived from every record whatever the viewer holds; what the
// viewer lacks is withheld where it is shown, and said so, never guessed
// around. The snapshot says what the viewer holds (snapshot.Viewer.Can);
// these say what each capability opens, and in what words its absence is
// told, for the rules here and for the pages.

// CapabilityArea is what a capability opens, in words: "backup sets",
// "restore runs", "evidence records".
func CapabilityArea(c snapshot.Capability) string {
	switch c {
	case snapshot.CapBackupView:
		return "backup sets"
	case snapshot.CapRestoreView:
		return "restore runs"
	case snapshot.CapEvidenceView:
		return "evidence records"
	}
	return ""
}

// MissingAccess says that the viewer lacks c, and what it would open.
func MissingAccess(c snapshot.Capability) string {
	return fmt.Sprintf("Your access does not include %s (the %s capability is missing).", CapabilityArea(c), c)
}

// linkOrDisabled is an action to url, or a disabled control saying which
// capability the viewer lacks.
func linkOrDisabled(label, url string, allowed bool, need snapshot.Capability) Action {
	if allowed {
		return Action{Label: label, URL: url}
	}
	return Action{Label: label, Disabled: true, HelperText: MissingAccess(need)}
}
