package domain

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// futureSlack is how far after generated_at a timestamp may lie before it is
// an error: clocks drift, but a backup that "completed" in the future would
// look fresh forever (snapshot-format.md, Timestamps).
const futureSlack = 5 * time.Minute

// maxNameRunes bounds a tenant name after trimming (snapshot-format.md).
const maxNameRunes = 200

// validate checks what needs the whole document: ranges, uniqueness,
// references, consistency between fields, and timestamps against
// generated_at. It runs after decoding because the top-level members may come
// in any order.
func (d *decoder) validate() {
	s := &d.snap
	metaOf := func(coll string, index int) *recordMeta { return d.metas[coll][index] }
	addAt := func(m *recordMeta, name, code, format string, args ...any) {
		m.issues++
		d.issues = append(d.issues, issue{path: field(m, name).String(), rec: m, offset: m.offset, code: code, msg: fmt.Sprintf(format, args...)})
	}

	// Tenants: any fault here rejects the snapshot (their reach is decided by
	// the collection in finish).
	tenantIdx := map[int64]int{}
	for i := range s.Tenants {
		t := &s.Tenants[i]
		m := metaOf(collTenants, t.Index)
		if t.ID < 1 && !d.hasIssue(m, "id") {
			addAt(m, "id", CodeOutOfRange, "a tenant id must be 1 or more, not %d", t.ID)
		}
		if first, dup := tenantIdx[t.ID]; dup && t.ID >= 1 {
			addAt(m, "id", CodeDuplicateID, "tenant id %d is already used by tenants[%d]", t.ID, first)
		} else {
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
	type owner struct {
		tenant int64
		m      *recordMeta
	}
	ids := func(coll, what string, n int, idOf func(i int) (int64, int)) map[int64][]owner {
		seen := make(map[int64][]owner, n)
		for i := 0; i < n; i++ {
			id, index := idOf(i)
			m := metaOf(coll, index)
			checkTenant(m)
			if d.hasIssue(m, "id") {
				continue
			}
			if id < 1 {
				addAt(m, "id", CodeOutOfRange, "%s id must be 1 or more, not %d", what, id)
				continue
			}
			seen[id] = append(seen[id], owner{m.tenantID, m})
		}
		// A record id used twice quarantines every tenant that uses it.
		for id, owners := range seen {
			if len(owners) < 2 {
				continue
			}
			for _, o := range owners {
				others := make([]string, 0, len(owners)-1)
				for _, p := range owners {
					if p.m != o.m {
						others = append(others, p.m.path())
					}
				}
				addAt(o.m, "id", CodeDuplicateID, "%s id %d is also used by %s", what, id, strings.Join(others, ", "))
			}
		}
		return seen
	}
	backupIDs := ids(collBackups, "backup set", len(s.BackupSets), func(i int) (int64, int) { return s.BackupSets[i].ID, s.BackupSets[i].Index })
	ids(collRuns, "restore run", len(s.RestoreRuns), func(i int) (int64, int) { return s.RestoreRuns[i].ID, s.RestoreRuns[i].Index })
	opIDs := ids(collOps, "operation run", len(s.OperationRuns), func(i int) (int64, int) { return s.OperationRuns[i].ID, s.OperationRuns[i].Index })
	ids(collEvidence, "evidence snapshot", len(s.EvidenceSnapshots), func(i int) (int64, int) { return s.EvidenceSnapshots[i].ID, s.EvidenceSnapshots[i].Index })

	// ref checks that a reference names a record of the referrer's own tenant.
	ref := func(m *recordMeta, name, what string, id int64, targets map[int64][]owner) {
		owners := targets[id]
		if len(owners) == 0 {
			addAt(m, name, CodeMissingRef, "%s %d does not exist", what, id)
			return
		}
		for _, o := range owners {
			if o.m.hasTenant && o.tenant == m.tenantID {
				return
			}
		}
		addAt(m, name, CodeCrossTenantRef, "%s %d belongs to tenant %d, not to this record's tenant %d", what, id, owners[0].tenant, m.tenantID)
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
		if b.ItemCount != nil && b.FailedItemCount != nil && *b.FailedItemCount > *b.ItemCount {
			addAt(m, "failed_item_count", CodeInconsistent, "failed_item_count %d is more than item_count %d", *b.FailedItemCount, *b.ItemCount)
		}
		future(m, "started_at", b.StartedAt)
		future(m, "completed_at", b.CompletedAt)
	}
	for i := range s.RestoreRuns {
		r := &s.RestoreRuns[i]
		m := metaOf(collRuns, r.Index)
		if r.BackupSetID != nil && m.hasTenant {
			ref(m, "backup_set_id", "backup set", *r.BackupSetID, backupIDs)
		}
		if r.OperationRunID != nil && m.hasTenant {
			ref(m, "operation_run_id", "operation run", *r.OperationRunID, opIDs)
		}
		if !d.hasIssue(m, "created_at") {
			future(m, "created_at", &r.CreatedAt)
		}
		future(m, "completed_at", r.CompletedAt)
	}
	for i := range s.OperationRuns {
		o := &s.OperationRuns[i]
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
	for i := range s.EvidenceSnapshots {
		e := &s.EvidenceSnapshots[i]
		m := metaOf(collEvidence, e.Index)
		if m.hasTenant && !d.hasIssue(m, "operation_run_id") {
			ref(m, "operation_run_id", "operation run", e.OperationRunID, opIDs)
		}
		if !d.hasIssue(m, "captured_at") {
			future(m, "captured_at", &e.CapturedAt)
		}
		// expires_at lies in the future by nature: it is not checked.
	}
}

// hasIssue reports whether the decoder already reported a problem with the
// record's member, so that one fault is not reported twice.
func (d *decoder) hasIssue(m *recordMeta, name string) bool {
	if m.issues == 0 {
		return false
	}
	p := field(m, name).String()
	for i := len(d.issues) - 1; i >= 0; i-- {
		if d.issues[i].rec == m && d.issues[i].path == p {
			return true
		}
	}
	return false
}
