package snapshot

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// futureSlack is how far after generated_at a timestamp may lie before it is
// an error: clocks drift, but a backup that "completed" in the future would
// look fresh forever (docs/snapshot-format.md, Timestamps).
const futureSlack = 5 * time.Minute

// maxNameRunes bounds a tenant name after trimming (docs/snapshot-format.md).
const maxNameRunes = 200

// maxNamedHolders bounds how many other holders of a duplicated id each of
// its problems names. An id used k times gives k problems; naming every other
// holder in each made the messages, and the time to build them, grow as k²
// in a document of a few kilobytes.
const maxNamedHolders = 3

// Edge cases, decided here because the format leaves them open:
//   - A record whose tenant_id is present but not an integer (or null) is an
//     orphan, like one without tenant_id: it cannot be given to any tenant.
//   - A record that is not an object is an orphan too; it is reported at its
//     index and not kept (there is nothing to keep).
//   - A reference to an orphan record is a missing reference: the target
//     belongs to no tenant, so it belongs to no one the referrer may name.
//   - An orphan's own references are not checked: "of the same tenant" means
//     nothing without a tenant, and the orphan is already reported.
//   - A duplicate id is reported on every record that uses it, each with its
//     own tenant: every tenant involved is quarantined, orphans stay orphans.
//     A reference to a duplicated id resolves if any holder is of the
//     referrer's tenant (the duplicate itself is already reported).
//   - An id that is missing, mistyped or < 1 takes no part in uniqueness.
//   - expires_at may lie in the future; every other timestamp may not (by
//     more than futureSlack). Timestamps are not checked against each other
//     (completed_at before created_at): the format does not say so.
//   - A tenant with a bad id still rejects the snapshot; records naming the
//     id it should have had are reported as orphans as well, since no tenant
//     has that id.

// validate checks what needs the whole document: ranges, uniqueness,
// references, consistency between fields, and timestamps against
// generated_at. It runs after decoding because the top-level members may come
// in any order. The restore runs, operation runs and evidence are read
// where they were decoded: finish joins them into the snapshot meanwhile.
// The checks run in the order of the document's collections, so that the
// problems the cap keeps are the same however the checks are arranged.
func (d *decoder) validate(runs chunked[RestoreRun], ops chunked[OperationRun], evidence chunked[EvidenceSnapshot]) {
	v := &validation{d: d, s: &d.snap}
	v.tenants()
	backups := chunked[BackupSet]{v.s.BackupSets} // decoded whole, not in chunks
	backupIDs := v.ids(collBackups, "backup set", len(v.s.BackupSets), eachID(backups, func(b *BackupSet) (int64, int) { return b.ID, b.Index }))
	v.ids(collRuns, "restore run", runs.len(), eachID(runs, func(r *RestoreRun) (int64, int) { return r.ID, r.Index }))
	opIDs := v.ids(collOps, "operation run", ops.len(), eachID(ops, func(o *OperationRun) (int64, int) { return o.ID, o.Index }))
	v.ids(collEvidence, "evidence snapshot", evidence.len(), eachID(evidence, func(e *EvidenceSnapshot) (int64, int) { return e.ID, e.Index }))
	v.backupSets()
	v.restoreRuns(runs, backupIDs, opIDs)
	v.operationRuns(ops)
	v.evidence(evidence, opIDs)
}

// validation is one run of validate.
type validation struct {
	d         *decoder
	s         *Snapshot
	tenantIdx map[int64]int // a valid tenant id: its index in tenants
	owners    []*recordMeta // reused from reference to reference
}

func (v *validation) metaOf(coll string, index int) *recordMeta { return v.d.metas[coll].at(index) }

// addAt reports a problem with the record's member name.
func (v *validation) addAt(m *recordMeta, name, code, format string, args ...any) {
	a := field(m, name)
	a.mark()
	is := issue{rec: m, offset: m.offset}
	if v.d.iss.wants(is.rejects(), is.place()) {
		is.path, is.code, is.msg = a.String(), code, fmt.Sprintf(format, args...)
		v.d.iss.add(is)
	}
}

// tenants checks the tenants' ids and names. Any fault here rejects the
// snapshot (their reach is decided by the collection in finish).
func (v *validation) tenants() {
	v.tenantIdx = map[int64]int{}
	for i := range v.s.Tenants {
		t := &v.s.Tenants[i]
		m := v.metaOf(collTenants, t.Index)
		switch first, dup := v.tenantIdx[t.ID]; {
		case v.d.hasIssue(m, "id"):
		case t.ID < 1:
			v.addAt(m, "id", CodeOutOfRange, "a tenant id must be 1 or more, not %d", t.ID)
		case dup:
			v.addAt(m, "id", CodeDuplicateID, "tenant id %d is already used by tenants[%d]", t.ID, first)
		default:
			v.tenantIdx[t.ID] = t.Index
		}
		if !v.d.hasIssue(m, "name") {
			n := utf8.RuneCountInString(strings.TrimSpace(t.Name))
			switch {
			case n == 0:
				v.addAt(m, "name", CodeOutOfRange, "a tenant name must not be empty or only spaces")
			case n > maxNameRunes:
				v.addAt(m, "name", CodeTooLong, "a tenant name is at most %d characters, this one has %d", maxNameRunes, n)
			}
		}
	}
}

// hasTenant reports whether the record names a tenant of the snapshot.
func (v *validation) hasTenant(m *recordMeta) bool {
	_, ok := v.tenantIdx[m.tenantID]
	return m.hasTenant && ok
}

// eachID visits the id and index of each record of a decoded collection.
func eachID[T any](c chunked[T], idOf func(*T) (int64, int)) func(visit func(int64, int)) {
	return func(visit func(int64, int)) {
		for _, chunk := range c {
			for i := range chunk {
				visit(idOf(&chunk[i]))
			}
		}
	}
}

// ids checks the ids of a collection's records, which each calls visit
// with, in order: every record's tenant must exist, its id be positive and
// unique.
func (v *validation) ids(coll, what string, n int, each func(visit func(id int64, index int))) *idTable {
	maxID := int64(0)
	each(func(id int64, _ int) { maxID = max(maxID, id) })
	seen := newIDTable(n, maxID)
	each(func(id int64, index int) {
		m := v.metaOf(coll, index)
		if m.hasTenant {
			if _, ok := v.tenantIdx[m.tenantID]; !ok {
				v.addAt(m, "tenant_id", CodeUnknownTenant, "tenant %d does not exist in this snapshot; the record belongs to no tenant", m.tenantID)
			}
		}
		switch {
		case v.d.hasIssue(m, "id"):
		case id < 1:
			v.addAt(m, "id", CodeOutOfRange, "%s id must be 1 or more, not %d", what, id)
		default:
			seen.add(id, m)
		}
	})
	v.duplicateIDs(seen, what)
	return seen
}

// duplicateIDs reports every holder of an id used twice: a record id used
// twice quarantines every tenant that uses it.
func (v *validation) duplicateIDs(seen *idTable, what string) {
	for _, id := range seen.dups {
		owners := seen.holders(id, nil)
		for _, o := range owners {
			if is := (issue{rec: o, offset: o.offset}); !v.d.iss.wants(is.rejects(), is.place()) {
				field(o, "id").mark() // counted, not listed: no need to name the others
				continue
			}
			others := make([]string, 0, maxNamedHolders)
			for _, p := range owners {
				if len(others) == maxNamedHolders {
					break
				}
				if p != o {
					others = append(others, p.path())
				}
			}
			list := strings.Join(others, ", ")
			if more := len(owners) - 1 - len(others); more > 0 {
				list += fmt.Sprintf(" and %d more", more)
			}
			v.addAt(o, "id", CodeDuplicateID, "%s id %d is also used by %s", what, id, list)
		}
	}
}

// ref checks that a reference names a record of the referrer's own tenant.
// An orphan target (tenant_id missing or naming no tenant) is nobody's
// record, so a reference to it is a missing reference, not a cross-tenant one.
func (v *validation) ref(m *recordMeta, name, what string, id int64, targets *idTable) {
	if !v.hasTenant(m) {
		return
	}
	v.owners = targets.holders(id, v.owners[:0])
	var other *recordMeta
	for _, o := range v.owners {
		if !v.hasTenant(o) {
			continue
		}
		if o.tenantID == m.tenantID {
			return
		}
		if other == nil {
			other = o
		}
	}
	switch {
	case other != nil:
		v.addAt(m, name, CodeCrossTenantRef, "%s %d belongs to tenant %d, not to this record's tenant %d", what, id, other.tenantID, m.tenantID)
	case len(v.owners) > 0:
		v.addAt(m, name, CodeMissingRef, "%s %d belongs to no tenant (%s), so it cannot be referenced", what, id, v.owners[0].path())
	default:
		v.addAt(m, name, CodeMissingRef, "%s %d does not exist", what, id)
	}
}

// future reports a timestamp later than generated_at by more than futureSlack.
func (v *validation) future(m *recordMeta, name string, t *time.Time) {
	if t != nil && v.d.generatedAtOK && t.Sub(v.s.GeneratedAt) > futureSlack && !v.d.hasIssue(m, name) {
		v.addAt(m, name, CodeFutureTimestamp, "%s is after generated_at (%s) by more than 5 minutes",
			t.Format(time.RFC3339), v.s.GeneratedAtText)
	}
}

func (v *validation) backupSets() {
	for i := range v.s.BackupSets {
		b := &v.s.BackupSets[i]
		m := v.metaOf(collBackups, b.Index)
		finished := b.Status == BackupCompleted || b.Status == BackupPartial || b.Status == BackupFailed
		if finished && b.CompletedAt == nil && !v.d.hasIssue(m, "completed_at") {
			v.addAt(m, "completed_at", CodeInconsistent, "a backup set with status %s must have a completed_at", b.Status)
		}
		v.future(m, "started_at", b.StartedAt)
		v.future(m, "completed_at", b.CompletedAt)
	}
}

func (v *validation) restoreRuns(runs chunked[RestoreRun], backupIDs, opIDs *idTable) {
	for _, chunk := range runs {
		for i := range chunk {
			r := &chunk[i]
			m := v.metaOf(collRuns, r.Index)
			if r.BackupSetID != nil {
				v.ref(m, "backup_set_id", "backup set", *r.BackupSetID, backupIDs)
			}
			if r.OperationRunID != nil {
				v.ref(m, "operation_run_id", "operation run", *r.OperationRunID, opIDs)
			}
			if !v.d.hasIssue(m, "created_at") {
				v.future(m, "created_at", &r.CreatedAt)
			}
			v.future(m, "completed_at", r.CompletedAt)
		}
	}
}

func (v *validation) operationRuns(ops chunked[OperationRun]) {
	for _, chunk := range ops {
		for i := range chunk {
			o := &chunk[i]
			m := v.metaOf(collOps, o.Index)
			if o.Status != "" && o.Outcome != "" {
				pending := o.Outcome == OutcomePending
				if pending && o.Status == OperationCompleted {
					v.addAt(m, "outcome", CodeInconsistent, "a completed operation run cannot have outcome pending")
				} else if !pending && o.Status != OperationCompleted {
					v.addAt(m, "outcome", CodeInconsistent, "an operation run with status %s must have outcome pending, not %s", o.Status, o.Outcome)
				}
			}
			v.future(m, "started_at", o.StartedAt)
			v.future(m, "completed_at", o.CompletedAt)
		}
	}
}

func (v *validation) evidence(evidence chunked[EvidenceSnapshot], opIDs *idTable) {
	for _, chunk := range evidence {
		for i := range chunk {
			e := &chunk[i]
			m := v.metaOf(collEvidence, e.Index)
			if !v.d.hasIssue(m, "operation_run_id") {
				v.ref(m, "operation_run_id", "operation run", e.OperationRunID, opIDs)
			}
			if !v.d.hasIssue(m, "captured_at") {
				v.future(m, "captured_at", &e.CapturedAt)
			}
			// expires_at lies in the future by nature: it is not checked.
		}
	}
}

// hasIssue reports whether the decoder already reported a problem with the
// record's member, so that one fault is not reported twice.
func (d *decoder) hasIssue(m *recordMeta, name string) bool { return m.reported(name) }
