package change

import (
	"fmt"
	"slices"
	"time"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Change of a tenant or of a restore run between OLD and NEW.
const (
	Added     = "added"
	Removed   = "removed"
	Changed   = "changed"
	Unchanged = "unchanged"
)

// Direction of a tenant's change, a sort key and never a claim: "better"
// says what was cleared, not that anything is proven.
const (
	Worse  = "worse"
	Better = "better"
	Mixed  = "mixed"
	Same   = "same"
)

// Which side of a diff.
const (
	SideOld = "old"
	SideNew = "new"
)

// Diff is what changed between two resolved snapshots, OLD → NEW: the JSON
// of `tenantatlas diff`; other programs read it, so its members and their
// order stay as they are (docs/history.md shows them).
type Diff struct {
	Old      SideHeader `json:"old"`
	New      SideHeader `json:"new"`
	Reversed bool       `json:"reversed"`
	Summary  *Summary   `json:"summary"`
	// Tenants are every tenant of either side in ascending id; a writer
	// that lists only the changed ones filters with Listed.
	Tenants []TenantChange `json:"tenants"`
}

// SideHeader says what one side is, and its record errors.
type SideHeader struct {
	// GeneratedAt is the snapshot's generated_at as it wrote it; null for a
	// rejected side.
	GeneratedAt *string `json:"generated_at"`
	// Name is the snapshot's optional display title.
	Name   *string           `json:"name"`
	Errors snapshot.Problems `json:"errors"`
	// ErrorsOmitted counts errors past snapshot.MaxProblems.
	ErrorsOmitted int `json:"errors_omitted,omitempty"`
}

// Summary counts every tenant, listed or not.
type Summary struct {
	Added     int `json:"added"`
	Removed   int `json:"removed"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	Worse     int `json:"worse"`
	Better    int `json:"better"`
	Mixed     int `json:"mixed"`
}

// Pair is a value on each side; null on a side where it has none.
type Pair[T comparable] struct {
	Old *T `json:"old"`
	New *T `json:"new"`
}

// Differs reports whether the two sides hold different values.
func (p Pair[T]) Differs() bool {
	if p.Old == nil || p.New == nil {
		return p.Old != p.New
	}
	return *p.Old != *p.New
}

// KindChange is the change of a tenant's set of Needs Attention kinds.
type KindChange struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

// TenantChange is one tenant's line of a diff. The value pairs are present
// only where they can be compared: DataStatus always, the rest when the
// tenant is valid on both sides.
type TenantChange struct {
	TenantID int64  `json:"tenant_id"`
	Name     string `json:"name"`
	Change   string `json:"change"`
	// Direction is null for an added or removed tenant.
	Direction                    *string       `json:"direction"`
	DataStatus                   Pair[string]  `json:"data_status"`
	BackupPosture                *Pair[string] `json:"backup_posture,omitempty"`
	PrimaryReason                *Pair[string] `json:"primary_reason,omitempty"`
	OverviewState                *Pair[string] `json:"overview_state,omitempty"`
	LatestRelevantRestoreRunID   *Pair[int64]  `json:"latest_relevant_restore_run_id,omitempty"`
	LatestRelevantAttentionState *Pair[string] `json:"latest_relevant_attention_state,omitempty"`
	NeedsAttention               *KindChange   `json:"needs_attention,omitempty"`
	RestoreRuns                  *[]RunChange  `json:"restore_runs,omitempty"`
	// OldRow and NewRow are the tenant's states on each side (nil where it
	// is absent), for the words and the order of a row whatever its change;
	// not part of the JSON.
	OldRow *Row `json:"-"`
	NewRow *Row `json:"-"`
	// NewNeedsAttention are the Needs Attention kinds in NEW; not part of
	// the JSON.
	NewNeedsAttention []string `json:"-"`
}

// Comparable reports whether the tenant is valid on both sides, so that its
// states were compared.
func (tc *TenantChange) Comparable() bool { return tc.BackupPosture != nil }

// Listed reports whether `diff` lists the tenant without --all.
func (tc *TenantChange) Listed() bool { return tc.Change != Unchanged }

// RunChange is a restore run that was added, removed, or whose states
// changed. It always carries the four pairs, null on the side without it.
type RunChange struct {
	ID                   int64        `json:"id"`
	Change               string       `json:"change"`
	Attention            Pair[string] `json:"attention"`
	Result               Pair[string] `json:"result"`
	OperationProofState  Pair[string] `json:"operation_proof_state"`
	PostRunEvidenceState Pair[string] `json:"post_run_evidence_state"`
}

// RejectedError is a side that was rejected: nothing can be compared.
type RejectedError struct {
	Side     string // SideOld or SideNew
	Problems snapshot.Problems
}

func (e *RejectedError) Error() string {
	why := "it was rejected"
	for _, p := range e.Problems {
		if p.Reach == snapshot.ReachSnapshot {
			why = p.String()
			break
		}
	}
	return fmt.Sprintf("%s snapshot rejected: %s", e.Side, why)
}

// Compare is the diff of two resolutions, OLD → NEW (docs/history.md).
// A rejected side is a *RejectedError naming it (the diff's sides are still
// returned, with their errors, so a writer can show them); record errors on
// either side are listed and do not fail the diff.
func Compare(old, new *domain.Resolution) (*Diff, error) {
	d := &Diff{Old: header(old), New: header(new), Tenants: []TenantChange{}}
	for _, s := range []struct {
		name string
		res  *domain.Resolution
	}{{SideOld, old}, {SideNew, new}} {
		if s.res.GeneratedAt == nil {
			return d, &RejectedError{Side: s.name, Problems: s.res.Errors}
		}
	}
	to, err := instant(*old.GeneratedAt)
	if err != nil {
		return d, fmt.Errorf("%s snapshot: %w", SideOld, err)
	}
	tn, err := instant(*new.GeneratedAt)
	if err != nil {
		return d, fmt.Errorf("%s snapshot: %w", SideNew, err)
	}
	d.Reversed = tn.Before(to)
	d.Summary = &Summary{}

	// Both sides list their tenants in ascending id: a merge.
	a, b := sortedTenants(old.Tenants), sortedTenants(new.Tenants)
	for i, j := 0, 0; i < len(a) || j < len(b); {
		var tc TenantChange
		switch {
		case j == len(b) || (i < len(a) && a[i].TenantID < b[j].TenantID):
			tc = CompareTenant(&a[i], nil)
			i++
		case i == len(a) || b[j].TenantID < a[i].TenantID:
			tc = CompareTenant(nil, &b[j])
			j++
		default:
			tc = CompareTenant(&a[i], &b[j])
			i++
			j++
		}
		d.Summary.count(&tc)
		d.Tenants = append(d.Tenants, tc)
	}
	return d, nil
}

// Changed reports whether any tenant was added, removed or changed: `diff`
// exits 1.
func (d *Diff) Changed() bool {
	for i := range d.Tenants {
		if d.Tenants[i].Listed() {
			return true
		}
	}
	return false
}

// Tenant is the change of the tenant with this id, or nil.
func (d *Diff) Tenant(id int64) *TenantChange {
	i, ok := slices.BinarySearchFunc(d.Tenants, id, func(tc TenantChange, id int64) int {
		return cmpInt(tc.TenantID, id)
	})
	if !ok {
		return nil
	}
	return &d.Tenants[i]
}

func (s *Summary) count(tc *TenantChange) {
	switch tc.Change {
	case Added:
		s.Added++
	case Removed:
		s.Removed++
	case Changed:
		s.Changed++
	default:
		s.Unchanged++
	}
	if tc.Direction == nil {
		return
	}
	switch *tc.Direction {
	case Worse:
		s.Worse++
	case Better:
		s.Better++
	case Mixed:
		s.Mixed++
	}
}

func header(r *domain.Resolution) SideHeader {
	h := SideHeader{GeneratedAt: r.GeneratedAt, Name: r.Name, Errors: r.Errors, ErrorsOmitted: r.ErrorsOmitted}
	if h.Errors == nil {
		h.Errors = snapshot.Problems{}
	}
	return h
}

// sortedTenants is the tenants in ascending id; a resolution already lists
// them so, and is only copied when it does not.
func sortedTenants(ts []domain.TenantState) []domain.TenantState {
	if slices.IsSortedFunc(ts, byID) {
		return ts
	}
	ts = slices.Clone(ts)
	slices.SortFunc(ts, byID)
	return ts
}

func byID(a, b domain.TenantState) int { return cmpInt(a.TenantID, b.TenantID) }

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// instant parses a generated_at as the snapshot wrote it (RFC 3339 with an
// offset, already checked by domain).
func instant(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("generated_at %q is not an RFC 3339 instant", s)
	}
	return t, nil
}
