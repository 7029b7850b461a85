package change

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/tenantatlas/tenantatlas/domain"
)

// Entry is one snapshot of a series, as much of it as a history needs: the
// states of each tenant, not its runs. EntryOf makes one from a resolution,
// EntryOfPortfolio from a portfolio (what a sharded snapshot's index.json
// holds).
type Entry struct {
	// File names the snapshot to people: its file name in the CLI, its
	// snapshot name in the site.
	File        string
	GeneratedAt string // as the snapshot wrote it
	Name        *string
	Tenants     []Row
}

// Row is one tenant of an entry. The states are null for a quarantined
// tenant.
type Row struct {
	TenantID      int64
	Name          string
	DataStatus    string
	BackupPosture *string
	OverviewState *string
}

// EntryOf is the entry of a resolved snapshot; a rejected one is a
// *RejectedError whose Side is the file.
func EntryOf(file string, res *domain.Resolution) (Entry, error) {
	if res.GeneratedAt == nil {
		return Entry{}, &RejectedError{Side: file, Problems: res.Errors}
	}
	e := Entry{File: file, GeneratedAt: *res.GeneratedAt, Name: res.Name, Tenants: make([]Row, 0, len(res.Tenants))}
	for i := range res.Tenants {
		e.Tenants = append(e.Tenants, *rowOf(&res.Tenants[i]))
	}
	return e, nil
}

// EntryOfPortfolio is the entry of a snapshot's portfolio.
func EntryOfPortfolio(file string, p *domain.Portfolio) Entry {
	e := Entry{File: file, GeneratedAt: p.GeneratedAt, Tenants: make([]Row, 0, len(p.Tenants))}
	if p.Name != "" {
		e.Name = &p.Name
	}
	for _, t := range p.Tenants {
		r := Row{TenantID: t.ID, Name: t.Name, DataStatus: string(t.Row.DataStatus)}
		if t.Row.DataStatus == domain.DataValid {
			r.BackupPosture, r.OverviewState = keyOf(t.Row.BackupPosture), keyOf(t.Row.OverviewState)
		}
		e.Tenants = append(e.Tenants, r)
	}
	return e
}

// History is a series of snapshots (docs/history.md): the JSON of
// `tenantatlas history`.
type History struct {
	// Snapshots are in ascending generated_at.
	Snapshots []SnapshotCounts `json:"snapshots"`
	// Tenants are every tenant of any snapshot, in ascending id.
	Tenants []TenantHistory `json:"tenants"`
	entries []Entry
}

// SnapshotCounts is one snapshot of the series and its trend counts.
type SnapshotCounts struct {
	File        string  `json:"file"`
	GeneratedAt string  `json:"generated_at"`
	Name        *string `json:"name"`
	Counts      Counts  `json:"counts"`
}

// Counts is the number of tenants in each state in one snapshot.
type Counts struct {
	BackupPosture PostureCounts  `json:"backup_posture"`
	OverviewState OverviewCounts `json:"overview_state"`
	Invalid       int            `json:"invalid"`
}

// PostureCounts counts valid tenants by backup posture.
type PostureCounts struct {
	Healthy  int `json:"healthy"`
	Degraded int `json:"degraded"`
	Stale    int `json:"stale"`
	Absent   int `json:"absent"`
}

// OverviewCounts counts valid tenants by recovery evidence overview.
type OverviewCounts struct {
	Unvalidated           int `json:"unvalidated"`
	Weakened              int `json:"weakened"`
	NoRecentIssuesVisible int `json:"no_recent_issues_visible"`
}

// TenantHistory is one tenant across the series.
type TenantHistory struct {
	TenantID int64  `json:"tenant_id"`
	Name     string `json:"name"`
	// BackupPosture and OverviewState are as of the latest snapshot in which
	// the tenant is valid; null when it never is.
	BackupPosture *Since `json:"backup_posture"`
	OverviewState *Since `json:"overview_state"`
	// Timeline has one entry per snapshot, nil where the tenant is absent.
	Timeline []*Point `json:"timeline"`
}

// Since says since when a state holds.
type Since struct {
	State string `json:"state"`
	// FirstSeenAt is the generated_at of the earliest snapshot of the
	// unbroken run, ending at the latest valid snapshot, with this state.
	FirstSeenAt string `json:"first_seen_at"`
	// LastDifferentAt is the generated_at of the snapshot just before that
	// run (absent, invalid or another state there); null when the run
	// reaches the first snapshot: the state may have begun earlier.
	LastDifferentAt *string `json:"last_different_at"`
}

// Point is a tenant in one snapshot of its timeline.
type Point struct {
	GeneratedAt   string  `json:"generated_at"`
	DataStatus    string  `json:"data_status"`
	BackupPosture *string `json:"backup_posture"`
	OverviewState *string `json:"overview_state"`
}

// TieError is two snapshots of one series at the same instant.
type TieError struct {
	A, B Entry
}

func (e *TieError) Error() string {
	return fmt.Sprintf("%s and %s are both at %s (%s): one series cannot hold two snapshots of one instant",
		e.A.File, e.B.File, e.A.GeneratedAt, e.B.GeneratedAt)
}

// NewHistory orders the entries by generated_at and derives the series.
// Two entries at one instant are a *TieError naming both.
func NewHistory(entries []Entry) (*History, error) {
	type timed struct {
		at time.Time
		e  Entry
	}
	ts := make([]timed, len(entries))
	for i, e := range entries {
		at, err := instant(e.GeneratedAt)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.File, err)
		}
		ts[i] = timed{at, e}
	}
	slices.SortStableFunc(ts, func(a, b timed) int { return a.at.Compare(b.at) })
	for i := 1; i < len(ts); i++ {
		if ts[i].at.Equal(ts[i-1].at) {
			return nil, &TieError{A: ts[i-1].e, B: ts[i].e}
		}
	}
	h := &History{Snapshots: make([]SnapshotCounts, len(ts)), Tenants: []TenantHistory{}, entries: make([]Entry, len(ts))}
	for i := range ts {
		h.entries[i] = ts[i].e
	}
	h.derive()
	return h, nil
}

// Upto is the history of the series up to and including its i-th snapshot:
// what a page of that snapshot may use (later snapshots never count).
func (h *History) Upto(i int) *History {
	u := &History{Snapshots: make([]SnapshotCounts, i+1), Tenants: []TenantHistory{}, entries: h.entries[:i+1]}
	u.derive()
	return u
}

// Index is the position of the snapshot with this file in the series, or -1.
func (h *History) Index(file string) int {
	return slices.IndexFunc(h.entries, func(e Entry) bool { return e.File == file })
}

// Tenant is the history of the tenant with this id, or nil.
func (h *History) Tenant(id int64) *TenantHistory {
	i, ok := slices.BinarySearchFunc(h.Tenants, id, func(t TenantHistory, id int64) int { return cmp.Compare(t.TenantID, id) })
	if !ok {
		return nil
	}
	return &h.Tenants[i]
}

func (h *History) derive() {
	n := len(h.entries)
	byID := map[int64]*TenantHistory{}
	var ids []int64
	for i, e := range h.entries {
		s := &h.Snapshots[i]
		*s = SnapshotCounts{File: e.File, GeneratedAt: e.GeneratedAt, Name: e.Name}
		for _, r := range e.Tenants {
			s.Counts.add(r)
			th := byID[r.TenantID]
			if th == nil {
				th = &TenantHistory{TenantID: r.TenantID, Timeline: make([]*Point, n)}
				byID[r.TenantID] = th
				ids = append(ids, r.TenantID)
			}
			th.Name = r.Name // the latest snapshot's name
			th.Timeline[i] = &Point{GeneratedAt: e.GeneratedAt, DataStatus: r.DataStatus, BackupPosture: r.BackupPosture, OverviewState: r.OverviewState}
		}
	}
	slices.Sort(ids)
	h.Tenants = make([]TenantHistory, 0, len(ids))
	for _, id := range ids {
		th := byID[id]
		th.BackupPosture = since(h.entries, th.Timeline, func(p *Point) *string { return p.BackupPosture })
		th.OverviewState = since(h.entries, th.Timeline, func(p *Point) *string { return p.OverviewState })
		h.Tenants = append(h.Tenants, *th)
	}
}

// since is the state at the latest snapshot in which the tenant is valid,
// and the unbroken run of snapshots ending there with that state. A
// snapshot where the tenant is absent or invalid breaks the run: nothing is
// known about it there.
func since(entries []Entry, timeline []*Point, state func(*Point) *string) *Since {
	at := func(i int) *string {
		if p := timeline[i]; p != nil && p.DataStatus == string(domain.DataValid) {
			return state(p)
		}
		return nil
	}
	last := len(timeline) - 1
	for last >= 0 && at(last) == nil {
		last--
	}
	if last < 0 {
		return nil
	}
	v := *at(last)
	first := last
	for first > 0 {
		if p := at(first - 1); p == nil || *p != v {
			break
		}
		first--
	}
	s := &Since{State: v, FirstSeenAt: entries[first].GeneratedAt}
	if first > 0 {
		s.LastDifferentAt = &entries[first-1].GeneratedAt
	}
	return s
}

func (c *Counts) add(r Row) {
	if r.DataStatus != string(domain.DataValid) || r.BackupPosture == nil || r.OverviewState == nil {
		c.Invalid++
		return
	}
	switch domain.Posture(*r.BackupPosture) {
	case domain.PostureHealthy:
		c.BackupPosture.Healthy++
	case domain.PostureDegraded:
		c.BackupPosture.Degraded++
	case domain.PostureStale:
		c.BackupPosture.Stale++
	case domain.PostureAbsent:
		c.BackupPosture.Absent++
	}
	switch domain.OverviewState(*r.OverviewState) {
	case domain.OverviewUnvalidated:
		c.OverviewState.Unvalidated++
	case domain.OverviewWeakened:
		c.OverviewState.Weakened++
	case domain.OverviewNoRecentIssuesVisible:
		c.OverviewState.NoRecentIssuesVisible++
	}
}
