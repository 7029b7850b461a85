package domain

import (
	"cmp"
	"iter"
	"slices"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// index groups a snapshot's records by tenant in one pass, so resolving is
// linear in the size of the snapshot.
type index struct {
	backupSets   map[int64][]*snapshot.BackupSet
	runs         map[int64][]*snapshot.RestoreRun
	ops          snapshot.OpIndex
	evidenceByOp snapshot.EvidenceIndex
}

func newIndex(s *snapshot.Snapshot) *index {
	ix := &index{
		backupSets:   make(map[int64][]*snapshot.BackupSet, len(s.Tenants)),
		runs:         make(map[int64][]*snapshot.RestoreRun, len(s.Tenants)),
		ops:          snapshot.NewOpIndex(s.OperationRuns),
		evidenceByOp: snapshot.NewEvidenceIndex(s.EvidenceSnapshots),
	}
	for i := range s.BackupSets {
		b := &s.BackupSets[i]
		ix.backupSets[b.TenantID] = append(ix.backupSets[b.TenantID], b)
	}
	for i := range s.RestoreRuns {
		r := &s.RestoreRuns[i]
		ix.runs[r.TenantID] = append(ix.runs[r.TenantID], r)
	}
	return ix
}

// Resolve derives every state of a checked snapshot (docs/rules.md). A rejected
// snapshot gives only its errors. Quarantined tenants are listed as invalid
// with nothing derived; every other tenant resolves as if they were absent.
func Resolve(c *snapshot.Checked) *Resolution {
	res := ResolveHeader(c)
	r := NewResolver(c)
	if c.Snapshot != nil {
		res.Tenants = make([]TenantState, 0, r.Len())
	}
	for i := range r.Len() {
		res.Tenants = append(res.Tenants, r.Tenant(i))
	}
	return res
}

// ResolveHeader is the resolution without its tenants: what the snapshot is,
// and its errors.
func ResolveHeader(c *snapshot.Checked) *Resolution {
	res := &Resolution{Errors: c.Problems, ErrorsOmitted: c.Omitted, Tenants: []TenantState{}}
	if res.Errors == nil {
		res.Errors = snapshot.Problems{}
	}
	s := c.Snapshot
	if s == nil {
		return res
	}
	v := s.SchemaVersion
	res.SchemaVersion = &v
	res.GeneratedAt = &s.GeneratedAtText
	if s.Name != "" {
		res.Name = &s.Name
	}
	return res
}

// Resolver resolves the tenants of a checked snapshot one by one, in any
// order, from any number of goroutines: it only reads. Every state depends
// on its own tenant's records alone, so tenants are independent work.
type Resolver struct {
	c       *snapshot.Checked
	ix      *index
	tenants []*snapshot.Tenant // ascending id
	noWhy   bool
}

// WithoutWhy makes the resolver leave every Why nil, for output that never
// shows why a state was derived (`resolve` without --explain): building the
// explanations of every run and dropping them was a large part of the work
// of resolving a large portfolio (docs/performance.md). The states, and every sentence, are the same.
func (r *Resolver) WithoutWhy() *Resolver {
	r.noWhy = true
	return r
}

// NewResolver indexes the snapshot's records by tenant; nothing to resolve
// for a rejected snapshot.
func NewResolver(c *snapshot.Checked) *Resolver {
	r := &Resolver{c: c}
	s := c.Snapshot
	if s == nil {
		return r
	}
	r.ix = newIndex(s)
	r.tenants = make([]*snapshot.Tenant, len(s.Tenants))
	for i := range s.Tenants {
		r.tenants[i] = &s.Tenants[i]
	}
	slices.SortFunc(r.tenants, func(a, b *snapshot.Tenant) int { return cmp.Compare(a.ID, b.ID) })
	return r
}

// Len is the number of tenants.
func (r *Resolver) Len() int { return len(r.tenants) }

// TenantID is the id of the i-th tenant in ascending id, without resolving it.
func (r *Resolver) TenantID(i int) int64 { return r.tenants[i].ID }

// Tenant resolves the i-th tenant in ascending id.
func (r *Resolver) Tenant(i int) TenantState { return r.TenantReusing(i, nil) }

// TenantReusing is Tenant with the runs' states kept in the memory of runs
// where it is large enough, for a caller done with one tenant's states
// before it resolves the next: the CLI's writer encodes a tenant and goes
// on. States are most of what resolution allocates, and a buffer reused
// takes no new memory.
func (r *Resolver) TenantReusing(i int, runs []RunState) TenantState {
	t := r.tenants[i]
	if r.c.Quarantined[t.ID] {
		return TenantState{TenantID: t.ID, Name: t.Name, DataStatus: DataInvalid, NeedsAttention: []AttentionItem{}, RestoreRuns: []RunState{}}
	}
	return resolveTenant(r.c.Snapshot, r.ix, t, !r.noWhy, runs)
}

// rereadEvidenceUpTo is how many evidence records may name an operation
// for its current evidence to be found again for each of its runs.
const rereadEvidenceUpTo = 8

func resolveTenant(s *snapshot.Snapshot, ix *index, t *snapshot.Tenant, explain bool, buf []RunState) TenantState {
	runs := tenantRuns(ix, t)
	var states []RunState
	if buf != nil && cap(buf) >= len(runs) {
		states = buf[:len(runs)]
	} else {
		states = make([]RunState, len(runs)) // never nil: no runs is [], not null
	}
	rs := runStates{s: s, ix: ix, t: t, explain: explain}
	for i, r := range runs {
		states[i] = rs.state(r)
	}
	ts := tenantStates(s, ix, t, runs, func(i int) *Attention { return &states[i].Attention }, explain)
	ts.RestoreRuns = states
	return ts
}

// tenantRuns are the tenant's restore runs in ascending id.
func tenantRuns(ix *index, t *snapshot.Tenant) []*snapshot.RestoreRun {
	runs := append([]*snapshot.RestoreRun(nil), ix.runs[t.ID]...)
	slices.SortFunc(runs, func(a, b *snapshot.RestoreRun) int { return cmp.Compare(a.ID, b.ID) })
	return runs
}

// tenantStates derives a valid tenant's own states from its runs' attention
// (att(i) is runs[i]'s), without the runs' states.
func tenantStates(s *snapshot.Snapshot, ix *index, t *snapshot.Tenant, runs []*snapshot.RestoreRun, att func(i int) *Attention, explain bool) TenantState {
	canBackup, canRestore := s.Can(snapshot.CapBackupView), s.Can(snapshot.CapRestoreView)
	bh := backupHealth(t, ix.backupSets[t.ID], s.GeneratedAt, canBackup)
	ev := recoveryEvidence(t, runs, att, bh.Posture, canRestore)
	if !explain {
		bh.Why, ev.Why = nil, nil // a tenant's own, built once each: cheap to drop
	}
	return TenantState{
		TenantID:         t.ID,
		Name:             t.Name,
		DataStatus:       DataValid,
		BackupHealth:     bh,
		RecoveryEvidence: ev,
		NeedsAttention:   needsAttention(t, ev, bh, canRestore, canBackup),
	}
}

// runStates derives the states of one tenant's runs.
type runStates struct {
	s       *snapshot.Snapshot
	ix      *index
	t       *snapshot.Tenant
	explain bool
	// Runs that share an operation share its evidence: where an operation
	// is named by many evidence records, its current evidence is found
	// once, not once per run, so many runs of one operation with many
	// evidence records cost their sum, not their product. A short list is
	// read again: cheaper than remembering it (a map per tenant was 8 MB of
	// garbage on 100,000 runs, nearly every operation run once).
	evidenceOf map[int64][]*snapshot.EvidenceSnapshot
}

// facts are what the rules read of a run: the run and its operation.
func (rs *runStates) facts(r *snapshot.RestoreRun) runFacts {
	var op *snapshot.OperationRun
	if r.OperationRunID != nil {
		op = rs.ix.ops.Find(rs.t.ID, *r.OperationRunID)
	}
	return newRunFacts(r, op)
}

func (rs *runStates) state(r *snapshot.RestoreRun) RunState {
	facts := rs.facts(r)
	f := &facts
	var evidence []*snapshot.EvidenceSnapshot
	if f.op != nil {
		naming := rs.ix.evidenceByOp.Naming(f.op.ID)
		var seen bool
		if len(naming) <= rereadEvidenceUpTo {
			evidence = currentEvidence(f, naming, rs.s.GeneratedAt)
		} else if evidence, seen = rs.evidenceOf[f.op.ID]; !seen {
			evidence = currentEvidence(f, naming, rs.s.GeneratedAt)
			if rs.evidenceOf == nil {
				rs.evidenceOf = map[int64][]*snapshot.EvidenceSnapshot{}
			}
			rs.evidenceOf[f.op.ID] = evidence
		}
	}
	att := attention(f, rs.explain)
	return RunState{ID: r.ID, Attention: att, Result: resultState(f, att, evidence, rs.explain)}
}

// RunCount is how many restore runs the i-th tenant has in the snapshot.
func (r *Resolver) RunCount(i int) int { return len(r.ix.runs[r.tenants[i].ID]) }

// TenantStream resolves the i-th tenant as Tenant does, but for its runs'
// states: RestoreRuns is left nil, and runs yields them in ascending id,
// one at a time, each valid until the next. A caller that writes each run
// as it comes holds one run's states, not a tenant's: one tenant of
// 100,000 runs took 544 MB, 9.5 times its file, resolved whole. Each run's
// attention is derived twice (the tenant's states rest on all of them).
func (r *Resolver) TenantStream(i int) (ts TenantState, runs iter.Seq[*RunState]) {
	t := r.tenants[i]
	if r.c.Quarantined[t.ID] {
		ts = r.Tenant(i)
		ts.RestoreRuns = nil
		return ts, func(func(*RunState) bool) {}
	}
	s, ix, explain := r.c.Snapshot, r.ix, !r.noWhy
	sorted := tenantRuns(ix, t)
	rs := runStates{s: s, ix: ix, t: t, explain: explain}
	att := make([]Attention, len(sorted))
	for k, run := range sorted {
		facts := rs.facts(run)
		att[k] = attention(&facts, explain)
	}
	ts = tenantStates(s, ix, t, sorted, func(k int) *Attention { return &att[k] }, explain)
	return ts, func(yield func(*RunState) bool) {
		var st RunState
		for _, run := range sorted {
			st = rs.state(run)
			if !yield(&st) {
				return
			}
		}
	}
}
