package change

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tenantatlas/tenantatlas/domain"
)

// The words below state changes as facts. They never say a state was
// "recovered", "fixed" or "resolved", never call a backup "healthy" and never
// make a claim of docs/rules.md §6: a posture that went to healthy reads "backup was
// stale, now current", and an overview now without visible issues keeps its
// claim boundary.

// PostureWords is a backup posture as an adjective: "backup {words}".
func PostureWords(posture string) string {
	switch domain.Posture(posture) {
	case domain.PostureHealthy:
		return "current"
	case domain.PostureDegraded:
		return "degraded"
	case domain.PostureStale:
		return "stale"
	case domain.PostureAbsent:
		return "absent"
	}
	return strings.ReplaceAll(posture, "_", " ")
}

// OverviewWords is a recovery overview as an adjective: "recovery evidence
// {words}".
func OverviewWords(state string) string {
	switch domain.OverviewState(state) {
	case domain.OverviewWeakened:
		return "weakened"
	case domain.OverviewUnvalidated:
		return "not yet known"
	case domain.OverviewNoRecentIssuesVisible:
		return "no recent issues visible"
	}
	return strings.ReplaceAll(state, "_", " ")
}

// StateWords is any other state key (a reason, an attention or result
// state, a Needs Attention kind) in words.
func StateWords(key string) string { return strings.ReplaceAll(key, "_", " ") }

// Boundaries said wherever a change leads to the positive state.
const (
	postureBoundary  = "backup health reflects backup inputs only and does not prove restore success"
	overviewBoundary = "no recent issues visible does not prove that a restore of the tenant would succeed"
)

// Hide is what a viewer may not see in a sentence: a viewer without
// restore.view is never shown restore records, only the overview.
type Hide uint8

// HideRestoreRecords leaves out run ids, their states and their counts.
const HideRestoreRecords Hide = 1

// Describe says in words what changed for one tenant, as facts.
func Describe(tc *TenantChange, hide ...Hide) string {
	var hidden Hide
	for _, h := range hide {
		hidden |= h
	}
	noRuns := hidden&HideRestoreRecords != 0
	// Validity is read from data_status, the states from the rows, so that
	// a change missing its rows still reads true, only shorter.
	oldValid := tc.DataStatus.Old != nil && *tc.DataStatus.Old == string(domain.DataValid)
	newValid := tc.DataStatus.New != nil && *tc.DataStatus.New == string(domain.DataValid)
	switch {
	case tc.Change == Added && newValid:
		return "only in the new snapshot" + states(": ", tc.NewRow) + boundaries(nil, tc.NewRow)
	case tc.Change == Added:
		return "only in the new snapshot, with invalid records: nothing is derived from them"
	case tc.Change == Removed:
		return "only in the old snapshot: nothing is known about it in the new one"
	case oldValid && !newValid:
		return "records now invalid: nothing is derived from them" + states(" (was ", tc.OldRow) + closing(tc.OldRow)
	case !oldValid && newValid:
		return "records were invalid, now valid" + states(": ", tc.NewRow) + boundaries(nil, tc.NewRow)
	case !oldValid:
		return "records invalid in both snapshots"
	case !tc.Comparable():
		return "states not compared"
	}
	var parts []string
	if tc.BackupPosture.Differs() {
		parts = append(parts, "backup was "+PostureWords(*tc.BackupPosture.Old)+", now "+PostureWords(*tc.BackupPosture.New))
	} else if tc.PrimaryReason.Differs() {
		parts = append(parts, "backup still "+PostureWords(*tc.BackupPosture.New)+
			", reason was "+strOr(tc.PrimaryReason.Old, "none")+", now "+strOr(tc.PrimaryReason.New, "none"))
	}
	if tc.OverviewState.Differs() {
		parts = append(parts, "recovery evidence was "+OverviewWords(*tc.OverviewState.Old)+", now "+OverviewWords(*tc.OverviewState.New))
	}
	switch {
	case noRuns: // the latest run and its attention are restore records
	case tc.LatestRelevantRestoreRunID.Differs():
		parts = append(parts, "latest relevant restore run was "+runOr(tc.LatestRelevantRestoreRunID.Old)+
			", now "+runOr(tc.LatestRelevantRestoreRunID.New)+attentionOf(tc.LatestRelevantAttentionState.New))
	case tc.LatestRelevantAttentionState.Differs():
		parts = append(parts, "latest relevant restore run "+runOr(tc.LatestRelevantRestoreRunID.New)+
			" was "+strOr(tc.LatestRelevantAttentionState.Old, "none")+", now "+strOr(tc.LatestRelevantAttentionState.New, "none"))
	}
	if k := tc.NeedsAttention; len(k.Added) > 0 || len(k.Removed) > 0 {
		var na []string
		if len(k.Added) > 0 {
			na = append(na, "needs attention for "+kindList(k.Added))
		}
		if len(k.Removed) > 0 {
			na = append(na, "no longer lists "+kindList(k.Removed))
		}
		parts = append(parts, strings.Join(na, "; "))
	}
	if runs := *tc.RestoreRuns; len(runs) > 0 && !noRuns {
		parts = append(parts, runCounts(runs))
	}
	if len(parts) == 0 {
		if tc.Change == Changed {
			return "restore records changed" // all a viewer without restore.view may know
		}
		return "no compared state changed"
	}
	return strings.Join(parts, "; ") + boundaries(tc.OldRow, tc.NewRow)
}

// states is a valid row's two states after lead, or nothing without them.
func states(lead string, r *Row) string {
	if !hasStates(r) {
		return ""
	}
	return lead + "backup " + PostureWords(*r.BackupPosture) + ", recovery evidence " + OverviewWords(*r.OverviewState)
}

func closing(r *Row) string {
	if !hasStates(r) {
		return ""
	}
	return ")"
}

func hasStates(r *Row) bool { return r != nil && r.BackupPosture != nil && r.OverviewState != nil }

// boundaries are the claim boundaries of the positive states that NEW
// reaches and OLD (nil: none) did not hold.
func boundaries(old, new *Row) string {
	var b []string
	if new == nil {
		return ""
	}
	reached := func(get func(*Row) *string, state string) bool {
		if v := get(new); v == nil || *v != state {
			return false
		}
		if old == nil {
			return true
		}
		v := get(old)
		return v == nil || *v != state
	}
	if reached(func(r *Row) *string { return r.BackupPosture }, string(domain.PostureHealthy)) {
		b = append(b, postureBoundary)
	}
	if reached(func(r *Row) *string { return r.OverviewState }, string(domain.OverviewNoRecentIssuesVisible)) {
		b = append(b, overviewBoundary)
	}
	if len(b) == 0 {
		return ""
	}
	return " (" + strings.Join(b, "; ") + ")"
}

func runCounts(runs []RunChange) string {
	var added, removed, changed int
	for _, r := range runs {
		switch r.Change {
		case Added:
			added++
		case Removed:
			removed++
		default:
			changed++
		}
	}
	var p []string
	for _, c := range []struct {
		n    int
		verb string
	}{{added, "added"}, {removed, "removed"}, {changed, "with changed states"}} {
		if c.n > 0 {
			p = append(p, fmt.Sprintf("%d %s", c.n, c.verb))
		}
	}
	noun := "restore runs"
	if len(runs) == 1 {
		noun = "restore run"
	}
	return noun + ": " + strings.Join(p, ", ")
}

func kindList(ks []string) string {
	w := make([]string, len(ks))
	for i, k := range ks {
		w[i] = StateWords(k)
	}
	return strings.Join(w, ", ")
}

func runOr(id *int64) string {
	if id == nil {
		return "none"
	}
	return "#" + strconv.FormatInt(*id, 10)
}

func attentionOf(state *string) string {
	if state == nil {
		return ""
	}
	return " (" + StateWords(*state) + ")"
}

func strOr(s *string, none string) string {
	if s == nil {
		return none
	}
	return StateWords(*s)
}

// Phrase says since when a state holds, honestly: "since between A and B"
// when the snapshot before the run is known, else "since at least B".
// Timestamps are shown as the snapshots wrote them.
func (s *Since) Phrase() string {
	if s.LastDifferentAt == nil {
		return "since at least " + s.FirstSeenAt
	}
	return "since between " + *s.LastDifferentAt + " and " + s.FirstSeenAt
}
