package change

import (
	"cmp"
	"slices"

	"github.com/tenantatlas/tenantatlas/domain"
)

// postureRank and overviewRank are the severity ranks of docs/history.md:
// the higher, the more an operator has to look at.
var postureRank = map[domain.Posture]int{
	domain.PostureHealthy:  0,
	domain.PostureDegraded: 1,
	domain.PostureStale:    2,
	domain.PostureAbsent:   3,
}

var overviewRank = map[domain.OverviewState]int{
	domain.OverviewNoRecentIssuesVisible: 0,
	domain.OverviewUnvalidated:           1,
	domain.OverviewWeakened:              2,
}

// CompareTenant is one tenant's change; old is nil for a tenant only in NEW,
// new nil for one only in OLD.
func CompareTenant(old, new *domain.TenantState) TenantChange {
	switch {
	case old == nil:
		return TenantChange{TenantID: new.TenantID, Name: new.Name, Change: Added,
			DataStatus: Pair[string]{New: key(new.DataStatus)}, NewRow: rowOf(new), NewNeedsAttention: kinds(new)}
	case new == nil:
		return TenantChange{TenantID: old.TenantID, Name: old.Name, Change: Removed,
			DataStatus: Pair[string]{Old: key(old.DataStatus)}, OldRow: rowOf(old), NewNeedsAttention: []string{}}
	}
	tc := TenantChange{TenantID: new.TenantID, Name: new.Name,
		DataStatus: Pair[string]{Old: key(old.DataStatus), New: key(new.DataStatus)},
		OldRow:     rowOf(old), NewRow: rowOf(new), NewNeedsAttention: kinds(new)}
	oldValid, newValid := valid(old), valid(new)
	changed := tc.DataStatus.Differs()
	var dir string
	switch {
	case oldValid && newValid:
		compareStates(&tc, old, new)
		changed = changed || tc.statesDiffer()
		dir = rankDirection(
			postureRank[new.BackupHealth.Posture]-postureRank[old.BackupHealth.Posture],
			overviewRank[new.RecoveryEvidence.OverviewState]-overviewRank[old.RecoveryEvidence.OverviewState])
	case oldValid: // valid → invalid: nothing is known any more
		dir = Worse
	case newValid: // invalid → valid: worse unless nothing needs attention
		dir = Better
		if len(tc.NewNeedsAttention) > 0 {
			dir = Worse
		}
	default:
		dir = Same
	}
	tc.Change = Unchanged
	if changed {
		tc.Change = Changed
	}
	tc.Direction = &dir
	return tc
}

// rankDirection is the direction of two rank changes, each positive when
// the rank rose (docs/history.md).
func rankDirection(posture, overview int) string {
	rose := posture > 0 || overview > 0
	fell := posture < 0 || overview < 0
	switch {
	case rose && fell:
		return Mixed
	case rose:
		return Worse
	case fell:
		return Better
	}
	return Same
}

func compareStates(tc *TenantChange, old, new *domain.TenantState) {
	ob, nb := old.BackupHealth, new.BackupHealth
	oe, ne := old.RecoveryEvidence, new.RecoveryEvidence
	tc.BackupPosture = &Pair[string]{key(ob.Posture), key(nb.Posture)}
	tc.PrimaryReason = &Pair[string]{keyOf(ob.PrimaryReason), keyOf(nb.PrimaryReason)}
	tc.OverviewState = &Pair[string]{key(oe.OverviewState), key(ne.OverviewState)}
	tc.LatestRelevantRestoreRunID = &Pair[int64]{oe.LatestRelevantRestoreRunID, ne.LatestRelevantRestoreRunID}
	tc.LatestRelevantAttentionState = &Pair[string]{keyOf(oe.LatestRelevantAttentionState), keyOf(ne.LatestRelevantAttentionState)}
	ok, nk := kinds(old), kinds(new)
	tc.NeedsAttention = &KindChange{Added: minus(nk, ok), Removed: minus(ok, nk)}
	runs := compareRuns(old.RestoreRuns, new.RestoreRuns)
	tc.RestoreRuns = &runs
}

func (tc *TenantChange) statesDiffer() bool {
	return tc.BackupPosture.Differs() || tc.PrimaryReason.Differs() || tc.OverviewState.Differs() ||
		tc.LatestRelevantRestoreRunID.Differs() || tc.LatestRelevantAttentionState.Differs() ||
		len(tc.NeedsAttention.Added) > 0 || len(tc.NeedsAttention.Removed) > 0 ||
		len(*tc.RestoreRuns) > 0
}

// compareRuns lists the runs added, removed, or with one of their four
// states changed, in ascending id.
func compareRuns(old, new []domain.RunState) []RunChange {
	a, b := sortedRuns(old), sortedRuns(new)
	out := []RunChange{}
	add := func(rc RunChange) {
		if cap(out) == 0 {
			// Once one run changed, room for the most that can: a
			// tenant's runs change together more often than alone.
			out = make([]RunChange, 0, max(len(a), len(b)))
		}
		out = append(out, rc)
	}
	for i, j := 0, 0; i < len(a) || j < len(b); {
		switch {
		case j == len(b) || (i < len(a) && a[i].ID < b[j].ID):
			add(runChange(&a[i], nil))
			i++
		case i == len(a) || b[j].ID < a[i].ID:
			add(runChange(nil, &b[j]))
			j++
		default:
			if rc := runChange(&a[i], &b[j]); rc.Change == Changed {
				add(rc)
			}
			i++
			j++
		}
	}
	return out
}

func runChange(old, new *domain.RunState) RunChange {
	if old != nil && new != nil && old.Attention.State == new.Attention.State && old.Result.State == new.Result.State &&
		old.Result.OperationProofState == new.Result.OperationProofState &&
		old.Result.PostRunEvidenceState == new.Result.PostRunEvidenceState {
		return RunChange{ID: new.ID, Change: Unchanged} // most runs of a large diff: nothing to build
	}
	var rc RunChange
	side := func(r *domain.RunState, set func(p *Pair[string], v *string)) {
		if r == nil {
			return
		}
		rc.ID = r.ID
		set(&rc.Attention, key(r.Attention.State))
		set(&rc.Result, key(r.Result.State))
		set(&rc.OperationProofState, key(r.Result.OperationProofState))
		set(&rc.PostRunEvidenceState, key(r.Result.PostRunEvidenceState))
	}
	side(old, func(p *Pair[string], v *string) { p.Old = v })
	side(new, func(p *Pair[string], v *string) { p.New = v })
	switch {
	case old == nil:
		rc.Change = Added
	case new == nil:
		rc.Change = Removed
	default:
		rc.Change = Changed
	}
	return rc
}

func sortedRuns(rs []domain.RunState) []domain.RunState {
	byRun := func(a, b domain.RunState) int { return cmp.Compare(a.ID, b.ID) }
	if slices.IsSortedFunc(rs, byRun) {
		return rs
	}
	rs = slices.Clone(rs)
	slices.SortFunc(rs, byRun)
	return rs
}

func rowOf(t *domain.TenantState) *Row {
	r := &Row{TenantID: t.TenantID, Name: t.Name, DataStatus: string(t.DataStatus)}
	if valid(t) {
		r.BackupPosture = key(t.BackupHealth.Posture)
		r.OverviewState = key(t.RecoveryEvidence.OverviewState)
	}
	return r
}

func valid(t *domain.TenantState) bool {
	return t.DataStatus == domain.DataValid && t.BackupHealth != nil && t.RecoveryEvidence != nil
}

// kinds is the tenant's Needs Attention kinds, in the order docs/rules.md §3
// lists them; never nil.
func kinds(t *domain.TenantState) []string {
	out := make([]string, 0, len(t.NeedsAttention))
	for _, it := range t.NeedsAttention {
		if !slices.Contains(out, string(it.Kind)) {
			out = append(out, string(it.Kind))
		}
	}
	return out
}

// minus is the members of a not in b, in a's order; never nil.
func minus(a, b []string) []string {
	out := []string{}
	for _, k := range a {
		if !slices.Contains(b, k) {
			out = append(out, k)
		}
	}
	return out
}

// keys are the state keys a diff points at, one shared copy each: a diff of
// many runs would otherwise allocate a string for every state it names.
// Read only.
var keys = func() map[string]*string {
	m := map[string]*string{}
	add := func(k string) { m[k] = &k }
	addAll(add, domain.DataStatuses)
	addAll(add, domain.Postures)
	addAll(add, domain.OverviewStates)
	addAll(add, domain.AttentionStates)
	addAll(add, domain.ResultStateKeys)
	addAll(add, domain.ProofStates)
	return m
}()

func addAll[K ~string](add func(string), list []K) {
	for _, k := range list {
		add(string(k))
	}
}

// key points at a shared copy of a state key; the pointer must never be
// written through.
func key[K ~string](k K) *string {
	s := string(k)
	if p, ok := keys[s]; ok {
		return p
	}
	return &s
}

// keyOf is key of *k, nil for nil.
func keyOf[K ~string](k *K) *string {
	if k == nil {
		return nil
	}
	return key(*k)
}
