package app

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// View is one snapshot, checked and resolved once, with the lookups pages
// need. It is shared by every page of that snapshot.
type View struct {
	Name string
	// Checked and Res are nil for the view of a sharded snapshot's index,
	// which has Portfolio only.
	Checked *snapshot.Checked
	Res     *domain.Resolution
	// Portfolio is nil only for a rejected snapshot.
	Portfolio *domain.Portfolio
	// cost is the bytes the view was read from, for the view cache.
	cost     int64
	tenants  map[int64]*domain.TenantState
	records  map[int64]*tenantRecords
	problems map[int64]snapshot.Problems
}

// tenantRecords are one tenant's raw records, for diagnostics and lists.
type tenantRecords struct {
	Tenant     *snapshot.Tenant
	BackupSets []*snapshot.BackupSet
	Runs       map[int64]*snapshot.RestoreRun
	Ops        map[int64]*snapshot.OperationRun
	Evidence   map[int64][]*snapshot.EvidenceSnapshot // by operation run id
}

// NewView checks and resolves a snapshot's bytes.
func NewView(name string, data []byte) *View {
	return newView(name, snapshot.Check(bytes.NewReader(data), snapshot.Limits{}), int64(len(data)), nil)
}

// newView resolves a checked snapshot read from cost bytes. pause, when
// not nil, is called before the first tenant is resolved and after each
// one (done of total), so that the browser can let the page run between
// them (local_browser.go); the states are those of domain.Resolve, which
// resolves the tenants in the same order (TestSlicedViewAgrees).
func newView(name string, c *snapshot.Checked, cost int64, pause func(done, total int)) *View {
	var res *domain.Resolution
	if pause == nil {
		res = domain.Resolve(c)
	} else {
		res = domain.ResolveHeader(c)
		r := domain.NewResolver(c)
		n := r.Len()
		pause(0, n)
		for i := range n {
			res.Tenants = append(res.Tenants, r.Tenant(i))
			pause(i+1, n)
		}
	}
	v := &View{Name: name, Checked: c, Res: res, cost: cost,
		tenants: map[int64]*domain.TenantState{}, records: map[int64]*tenantRecords{}, problems: map[int64]snapshot.Problems{}}
	v.Portfolio = domain.NewPortfolio(c, v.Res)
	for i := range v.Res.Tenants {
		v.tenants[v.Res.Tenants[i].TenantID] = &v.Res.Tenants[i]
	}
	for _, p := range c.Problems {
		if p.TenantID != nil {
			v.problems[*p.TenantID] = append(v.problems[*p.TenantID], p)
		}
	}
	s := c.Snapshot
	if s == nil {
		return v
	}
	for i := range s.Tenants {
		t := &s.Tenants[i]
		v.records[t.ID] = &tenantRecords{Tenant: t, Runs: map[int64]*snapshot.RestoreRun{}, Ops: map[int64]*snapshot.OperationRun{}, Evidence: map[int64][]*snapshot.EvidenceSnapshot{}}
	}
	// Records are filed under their own tenant only: a record of another
	// tenant can never be found through this tenant's address.
	for i := range s.BackupSets {
		if r := v.records[s.BackupSets[i].TenantID]; r != nil {
			r.BackupSets = append(r.BackupSets, &s.BackupSets[i])
		}
	}
	for i := range s.RestoreRuns {
		if r := v.records[s.RestoreRuns[i].TenantID]; r != nil {
			r.Runs[s.RestoreRuns[i].ID] = &s.RestoreRuns[i]
		}
	}
	for i := range s.OperationRuns {
		if r := v.records[s.OperationRuns[i].TenantID]; r != nil {
			r.Ops[s.OperationRuns[i].ID] = &s.OperationRuns[i]
		}
	}
	for i := range s.EvidenceSnapshots {
		e := &s.EvidenceSnapshots[i]
		if r := v.records[e.TenantID]; r != nil {
			r.Evidence[e.OperationRunID] = append(r.Evidence[e.OperationRunID], e)
		}
	}
	for _, r := range v.records {
		slices.SortFunc(r.BackupSets, func(a, b *snapshot.BackupSet) int { return cmp.Compare(b.ID, a.ID) })
	}
	return v
}

// Rejected reports whether nothing may be rendered from the snapshot.
func (v *View) Rejected() bool { return v.Portfolio == nil }

// Can reports whether the snapshot's viewer holds c.
func (v *View) Can(c snapshot.Capability) bool {
	return v.Portfolio != nil && v.Portfolio.Can(c)
}

// Title is the snapshot's own name, or its address name when it has none.
func (v *View) Title() string {
	if v.Portfolio != nil && v.Portfolio.Name != "" {
		return v.Portfolio.Name
	}
	return v.Name
}

// Tenant returns the derived state and records of tenant id, if it exists.
func (v *View) Tenant(id int64) (*domain.TenantState, *tenantRecords, bool) {
	ts, ok := v.tenants[id]
	if !ok {
		return nil, nil, false
	}
	return ts, v.records[id], true
}

// TenantProblems are the problems that name tenant id.
func (v *View) TenantProblems(id int64) snapshot.Problems { return v.problems[id] }

// Run returns run id of tenant ts; a run of another tenant is not found,
// exactly like one that does not exist.
func (v *View) Run(ts *domain.TenantState, recs *tenantRecords, id int64) (*domain.RunState, *snapshot.RestoreRun, bool) {
	raw, ok := recs.Runs[id]
	if !ok {
		return nil, nil, false
	}
	for i := range ts.RestoreRuns {
		if ts.RestoreRuns[i].ID == id {
			return &ts.RestoreRuns[i], raw, true
		}
	}
	return nil, nil, false
}

// Found reports whether the address names something that exists in the
// view: the server answers 404 otherwise.
func (v *View) Found(a Address) bool {
	if a.Kind == pagePortfolio || a.Kind == pageChanges || a.Kind == pageCoverage || v.Rejected() {
		return true
	}
	ts, recs, ok := v.Tenant(a.Tenant)
	if !ok {
		return false
	}
	// Without restore.view every run address answers alike (access is
	// missing), so that the status does not tell which runs exist.
	if a.Kind == pageRestoreRun && ts.DataStatus == domain.DataValid && v.Can(snapshot.CapRestoreView) {
		_, _, ok = v.Run(ts, recs, a.Run)
	}
	return ok
}
