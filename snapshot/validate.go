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
func (d *decoder) validate(runs chunked[RestoreRun], ops chunked[OperationRun], evidence chunked[EvidenceSnapshot]) {
	s := &d.snap
	metaOf := func(coll string, index int) *recordMeta { return d.metas[coll].at(index) }
	addAt := func(m *recordMeta, name, code, format string, args ...any) {
		a := field(m, name)
		a.mark()
		is := issue{rec: m, offset: m.offset}
		if d.iss.wants(is.rejects(), is.place()) {
			is.path, is.code, is.msg = a.String(), code, fmt.Sprintf(format, args...)
			d.iss.add(is)
		}
	}

	// Tenants: any fault here rejects the snapshot (their reach is decided by
	// the collection in finish).
	tenantIdx := map[int64]int{}
	for i := range s.Tenants {
		t := &s.Tenants[i]
		m := metaOf(collTenants, t.Index)
		switch first, dup := tenantIdx[t.ID]; {
		case d.hasIssue(m, "id"):
		case t.ID < 1:
			addAt(m, "id", CodeOutOfRange, "a tenant id must be 1 or more, not %d", t.ID)
		case dup:
			addAt(m, "id", CodeDuplicateID, "tenant id %d is already used by tenants[%d]", t.ID, first)
		default:
			tenantIdx[t.ID] = t.Index
		}
		if !d.hasIssue(m, "name") {
			n := utf8.RuneCountInString(strings.TrimSpace(t.Name))
			switch {
			case n == 0:
				addAt(m, "name", CodeOutOfRange, "a tenant name must not be empty or only spaces")
			case n > maxNameRunes:
				addAt(m, "name", CodeTooLong, "a tenant name is at most %d characters, this one has %d", maxNameRunes, n)
			}
		}
	}

	// Every record: its tenant must exist, its id be positive and unique.
	checkTenant := func(m *recordMeta) {
		if m.hasTenant {
			if _, ok := tenantIdx[m.tenantID]; !ok {
				addAt(m, "tenant_id", CodeUnknownTenant, "tenant %d does not exist in this snapshot; the record belongs to no tenant", m.tenantID)
			}
		}
	}
	// ids checks the ids of a collection's records, which each calls visit
	// with, in order.
	ids := func(coll, what string, n int, each func(visit func(id int64, index int))) *idTable {
		maxID := int64(0)
		each(func(id int64, _ int) { maxID = max(maxID, id) })
		seen := newIDTable(n, maxID)
		each(func(id int64, index int) {
			m := metaOf(coll, index)
			checkTenant(m)
			switch {
			case d.hasIssue(m, "id"):
			case id < 1:
				addAt(m, "id", CodeOutOfRange, "%s id must be 1 or more, not %d", what, id)
			default:
				seen.add(id, m)
			}
		})
		// A record id used twice quarantines every tenant that uses it.
		for _, id := range seen.dups {
			owners := seen.holders(id, nil)
			for _, o := range owners {
				if is := (issue{rec: o, offset: o.offset}); !d.iss.wants(is.rejects(), is.place()) {
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
				addAt(o, "id", CodeDuplicateID, "%s id %d is also used by %s", what, id, list)
			}
		}
		return seen
	}
	backupIDs := ids(collBackups, "backup set", len(s.BackupSets), func(visit func(int64, int)) {
		for i := range s.BackupSets {
			visit(s.BackupSets[i].ID, s.BackupSets[i].Index)
		}
	})
	ids(collRuns, "restore run", runs.len(), func(visit func(int64, int)) {
		for _, c := range runs {
			for i := range c {
				visit(c[i].ID, c[i].Index)
			}
		}
	})
	opIDs := ids(collOps, "operation run", ops.len(), func(visit func(int64, int)) {
		for _, c := range ops {
			for i := range c {
				visit(c[i].ID, c[i].Index)
			}
		}
	})
	ids(collEvidence, "evidence snapshot", evidence.len(), func(visit func(int64, int)) {
		for _, c := range evidence {
			for i := range c {
				visit(c[i].ID, c[i].Index)
			}
		}
	})

	// ref checks that a reference names a record of the referrer's own tenant.
	// An orphan target (tenant_id missing or naming no tenant) is nobody's
	// record, so a reference to it is a missing reference, not a cross-tenant one.
	var owners []*recordMeta // reused from reference to reference
	ref := func(m *recordMeta, name, what string, id int64, targets *idTable) {
		if _, ok := tenantIdx[m.tenantID]; !m.hasTenant || !ok {
			return
		}
		owners = targets.holders(id, owners[:0])
		var other *recordMeta
		for _, o := range owners {
			if _, ok := tenantIdx[o.tenantID]; !o.hasTenant || !ok {
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
			addAt(m, name, CodeCrossTenantRef, "%s %d belongs to tenant %d, not to this record's tenant %d", what, id, other.tenantID, m.tenantID)
		case len(owners) > 0:
			addAt(m, name, CodeMissingRef, "%s %d belongs to no tenant (%s), so it cannot be referenced", what, id, owners[0].path())
		default:
			addAt(m, name, CodeMissingRef, "%s %d does not exist", what, id)
		}
	}

	future := func(m *recordMeta, name string, t *time.Time) {
		if t != nil && d.generatedAtOK && t.Sub(s.GeneratedAt) > futureSlack && !d.hasIssue(m, name) {
			addAt(m, name, CodeFutureTimestamp, "%s is after generated_at (%s) by more than 5 minutes",
				t.Format(time.RFC3339), s.GeneratedAtText)
		}
	}

	for i := range s.BackupSets {
		b := &s.BackupSets[i]
		m := metaOf(collBackups, b.Index)
		finished := b.Status == BackupCompleted || b.Status == BackupPartial || b.Status == BackupFailed
		if finished && b.CompletedAt == nil && !d.hasIssue(m, "completed_at") {
			addAt(m, "completed_at", CodeInconsistent, "a backup set with status %s must have a completed_at", b.Status)
		}
		future(m, "started_at", b.StartedAt)
		future(m, "completed_at", b.CompletedAt)
	}
	for _, chunk := range runs {
		for i := range chunk {
			r := &chunk[i]
			m := metaOf(collRuns, r.Index)
			if r.BackupSetID != nil {
				ref(m, "backup_set_id", "backup set", *r.BackupSetID, backupIDs)
			}
			if r.OperationRunID != nil {
				ref(m, "operation_run_id", "operation run", *r.OperationRunID, opIDs)
			}
			if !d.hasIssue(m, "created_at") {
				future(m, "created_at", &r.CreatedAt)
			}
			future(m, "completed_at", r.CompletedAt)
		}
	}
	for _, chunk := range ops {
		for i := range chunk {
			o := &chunk[i]
			m := metaOf(collOps, o.Index)
			if o.Status != "" && o.Outcome != "" {
				pending := o.Outcome == OutcomePending
				if pending && o.Status == OperationCompleted {
					addAt(m, "outcome", CodeInconsistent, "a completed operation run cannot have outcome pending")
				} else if !pending && o.Status != OperationCompleted {
					addAt(m, "outcome", CodeInconsistent, "an operation run with status %s must have outcome pending, not %s", o.Status, o.Outcome)
				}
			}
			future(m, "started_at", o.StartedAt)
			future(m, "completed_at", o.CompletedAt)
		}
	}
	for _, chunk := range evidence {
		for i := range chunk {
			e := &chunk[i]
			m := metaOf(collEvidence, e.Index)
			if !d.hasIssue(m, "operation_run_id") {
				ref(m, "operation_run_id", "operation run", e.OperationRunID, opIDs)
			}
			if !d.hasIssue(m, "captured_at") {
				future(m, "captured_at", &e.CapturedAt)
			}
			// expires_at lies in the future by nature: it is not checked.
		}
	}
}

// hasIssue reports whether the decoder already reported a problem with the
// record's member, so that one fault is not reported twice.
func (d *decoder) hasIssue(m *recordMeta, name string) bool { return m.reported(name) }
