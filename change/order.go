package change

import (
	"cmp"
	"slices"

	"github.com/tenantatlas/tenantatlas/domain"
)

// group orders a diff's rows for people: what got worse first, what did
// not change last. Within a group the tenant whose NEW states are the more
// severe comes first, then the lower id.
func group(tc *TenantChange) int {
	switch {
	case tc.Change == Unchanged:
		return 6
	case tc.Change == Removed:
		return 2
	case tc.Change == Added:
		return 3
	}
	switch *tc.Direction {
	case Worse:
		return 0
	case Mixed:
		return 1
	case Better:
		return 5
	}
	return 4 // changed, same ranks: a reason, the latest run, a run's states
}

// severity is the sum of a row's ranks; a row with nothing derived (absent
// or invalid) outranks every valid one: nothing can be said of it.
func severity(r *Row) int {
	if r == nil || r.BackupPosture == nil || r.OverviewState == nil {
		return len(postureRank) + len(overviewRank)
	}
	return postureRank[domain.Posture(*r.BackupPosture)] + overviewRank[domain.OverviewState(*r.OverviewState)]
}

// WorstFirst is the diff's rows in the order the table and the changes page
// show them: worse, mixed, removed, added, changed without a rank moving,
// better, unchanged. The diff itself stays in ascending id.
func WorstFirst(rows []TenantChange) []TenantChange {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b TenantChange) int {
		return cmp.Or(
			cmp.Compare(group(&a), group(&b)),
			cmp.Compare(severity(rowForOrder(&b)), severity(rowForOrder(&a))),
			cmp.Compare(a.TenantID, b.TenantID))
	})
	return out
}

// rowForOrder is the NEW row, or the OLD one of a removed tenant.
func rowForOrder(tc *TenantChange) *Row {
	if tc.NewRow != nil {
		return tc.NewRow
	}
	return tc.OldRow
}
