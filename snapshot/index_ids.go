package snapshot

// tenantKey scopes a record id to its tenant. Lookups go through it, so a
// reference can only ever find a record of the same tenant.
type tenantKey struct{ tenant, id int64 }

// The resolver's indexes of operation runs and evidence by operation id. A
// backend numbers its records from a sequence, so ids are nearly always
// compact, and then records are found by id in slices; maps hold the rest.
// As maps keyed by tenant and id, the two indexes were built on one core
// before resolving starts, and hashed for every run's lookups
// (docs/performance.md).

// OpIndex finds a tenant's operation run by id.
type OpIndex struct {
	// dense[id] is the operation run with that id: when ids are compact,
	// of the first tenant seen to use it.
	dense []*OperationRun
	// other holds every other: ids not compact, negative, or used by
	// another tenant too (already a problem, and its tenants quarantined).
	other map[tenantKey]*OperationRun
}

func NewOpIndex(ops []OperationRun) OpIndex {
	var ix OpIndex
	maxID := int64(0)
	for i := range ops {
		maxID = max(maxID, ops[i].ID)
	}
	if compactIDs(len(ops), maxID) {
		ix.dense = make([]*OperationRun, maxID+1)
	}
	for i := range ops {
		o := &ops[i]
		if ix.dense != nil && o.ID >= 0 {
			// The last of a tenant's runs with one id wins, as in a map.
			if d := ix.dense[o.ID]; d == nil || d.TenantID == o.TenantID {
				ix.dense[o.ID] = o
				continue
			}
		}
		if ix.other == nil {
			ix.other = map[tenantKey]*OperationRun{}
		}
		ix.other[tenantKey{o.TenantID, o.ID}] = o
	}
	return ix
}

// Find is the tenant's operation run with that id, or nil.
func (ix *OpIndex) Find(tenant, id int64) *OperationRun {
	if id >= 0 && id < int64(len(ix.dense)) {
		if o := ix.dense[id]; o != nil && o.TenantID == tenant {
			return o
		}
	}
	return ix.other[tenantKey{tenant, id}]
}

// EvidenceIndex lists the evidence snapshots that name an operation run id,
// of every tenant, in input order: whoever reads them checks the tenant.
type EvidenceIndex struct {
	// When ids are compact: byOp[start[id]:start[id+1]] name id.
	byOp  []*EvidenceSnapshot
	start []int32
	other map[int64][]*EvidenceSnapshot // ids not compact, or negative
}

func NewEvidenceIndex(evidence []EvidenceSnapshot) EvidenceIndex {
	var ix EvidenceIndex
	maxID := int64(0)
	for i := range evidence {
		maxID = max(maxID, evidence[i].OperationRunID)
	}
	dense := compactIDs(len(evidence), maxID)
	if dense {
		// A counting sort: how many name each id, where each id's begin,
		// then each snapshot in its place, in input order.
		ix.start = make([]int32, maxID+2)
		for i := range evidence {
			if id := evidence[i].OperationRunID; id >= 0 {
				ix.start[id+1]++
			}
		}
		for id := 1; id < len(ix.start); id++ {
			ix.start[id] += ix.start[id-1]
		}
		ix.byOp = make([]*EvidenceSnapshot, ix.start[len(ix.start)-1])
	}
	next := append([]int32(nil), ix.start...)
	for i := range evidence {
		e := &evidence[i]
		if dense && e.OperationRunID >= 0 {
			ix.byOp[next[e.OperationRunID]] = e
			next[e.OperationRunID]++
			continue
		}
		if ix.other == nil {
			ix.other = map[int64][]*EvidenceSnapshot{}
		}
		ix.other[e.OperationRunID] = append(ix.other[e.OperationRunID], e)
	}
	return ix
}

// Naming lists the evidence snapshots that name operation run id, in input
// order. The list is the index's own: read it, do not append to it.
func (ix *EvidenceIndex) Naming(id int64) []*EvidenceSnapshot {
	// id < len-1, not id+1 < len: id+1 overflows at the top of int64.
	if id >= 0 && id < int64(len(ix.start))-1 {
		from, to := ix.start[id], ix.start[id+1]
		return ix.byOp[from:to:to]
	}
	l := ix.other[id]
	return l[:len(l):len(l)]
}
