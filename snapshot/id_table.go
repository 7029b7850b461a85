package snapshot

// idTable finds the records that hold an id, for uniqueness and references.
//
// A backend numbers its records from a sequence, so the ids of a collection
// are nearly always compact, and then the first holder of each id is kept in
// a slice indexed by the id. A map holds them otherwise. A large map costs
// setting up (its control bytes cleared, on one core) and a hash for every
// lookup; the slice takes 8 bytes an id and an index (docs/performance.md).
type idTable struct {
	dense  []*recordMeta // dense[id] is the first holder of id, when ids are compact
	sparse map[int64]*recordMeta
	// more holds the holders after the first of an id used more than once;
	// dups those ids, in the order they were first duplicated.
	more map[int64][]*recordMeta
	dups []int64
}

// compactIDs reports whether ids up to maxID are few enough, for n records,
// to be indexed by a slice of maxID+1 entries.
func compactIDs(n int, maxID int64) bool { return maxID <= 2*int64(n)+1024 }

// newIDTable makes room for n ids, none greater than maxID.
func newIDTable(n int, maxID int64) *idTable {
	if compactIDs(n, maxID) {
		return &idTable{dense: make([]*recordMeta, max(maxID+1, 0))}
	}
	return &idTable{sparse: make(map[int64]*recordMeta, n)}
}

func (t *idTable) first(id int64) *recordMeta {
	if t.dense != nil {
		if id < 0 || id >= int64(len(t.dense)) {
			return nil
		}
		return t.dense[id]
	}
	return t.sparse[id]
}

// add records m as a holder of id (id ≥ 1 and at most the table's maxID).
func (t *idTable) add(id int64, m *recordMeta) {
	if t.first(id) == nil {
		if t.dense != nil {
			t.dense[id] = m
		} else {
			t.sparse[id] = m
		}
		return
	}
	if t.more == nil {
		t.more = map[int64][]*recordMeta{}
	}
	if _, ok := t.more[id]; !ok {
		t.dups = append(t.dups, id)
	}
	t.more[id] = append(t.more[id], m)
}

// holders appends the holders of id to buf, in input order.
func (t *idTable) holders(id int64, buf []*recordMeta) []*recordMeta {
	m := t.first(id)
	if m == nil {
		return buf
	}
	return append(append(buf, m), t.more[id]...)
}
