package snapshot

import (
	"fmt"
	"time"
)

// Enum values, in the order error messages list them (docs/snapshot-format.md).
var (
	backupStatuses    = []string{"queued", "running", "completed", "partial", "failed"}
	restoreStatuses   = []string{"draft", "scoped", "checked", "previewed", "queued", "running", "completed", "partial", "completed_with_errors", "failed", "cancelled"}
	outcomes          = []string{"applied", "partial", "failed", "skipped"}
	opStatuses        = []string{"queued", "running", "completed"}
	opOutcomes        = []string{"pending", "succeeded", "partially_succeeded", "failed", "blocked", "cancelled"}
	evidenceStatuses  = []string{"pending", "active", "superseded", "expired", "failed"}
	capabilityStrings = []string{"backup.view", "restore.view", "evidence.view"}
)

// recordReader reads one record of a collection, an object, into the
// decoder's buffer for that collection: (*decoder).restoreRun and the like.
type recordReader func(d *decoder, m *recordMeta) error

// records reads one of the five collections: an array of objects. Each
// element gets a recordMeta whatever its faults, so every record is either
// kept or named in a problem. A decoder that can use more than one core
// reads them in parallel, to the same result (decode_parallel.go).
func (d *decoder) records(coll string, read recordReader) error {
	if d.workers > 1 {
		return d.recordsParallel(coll, read)
	}
	_, err := d.array(at{field: coll, idx: -1}, "an array", func(i int) error {
		return d.element(d.newMeta(coll, i), read)
	})
	return err
}

// newMeta gives the collection's next element its recordMeta.
func (d *decoder) newMeta(coll string, i int) *recordMeta {
	c := d.metas[coll]
	if c == nil {
		c = &metaChunks{}
		d.metas[coll] = c
	}
	return c.add(recordMeta{coll: coll, index: i, offset: d.offset()})
}

// element reads one element of a collection.
func (d *decoder) element(m *recordMeta, read recordReader) error {
	k, err := d.peek()
	if err != nil {
		return err
	}
	if k != '{' {
		d.add(at{rec: m, idx: -1}, CodeNotObject, "must be an object, not %s", kindName(k))
		return d.skip()
	}
	m.kept = true
	return read(d, m)
}

// tenantID reads a record's tenant_id into its meta.
func (d *decoder) tenantID(m *recordMeta) (int64, error) {
	v, ok, err := d.readInt(field(m, "tenant_id"), false)
	if ok {
		m.tenantID, m.hasTenant = v, true
	}
	return v, err
}

func (d *decoder) tenant(m *recordMeta) error {
	t := Tenant{Index: m.index, FreshnessHours: DefaultFreshnessHours}
	var seenID, seenName bool
	_, err := d.object(at{rec: m, idx: -1}, "an object", func(name string) error {
		a := field(m, name)
		var err error
		switch name {
		case "id":
			seenID = true
			t.ID, _, err = d.readInt(a, false)
		case "name":
			seenName = true
			t.Name, _, err = d.readString(a, false)
		case "backup_freshness_hours":
			var v int64
			var ok bool
			if v, ok, err = d.readInt(a, true); ok {
				t.FreshnessHours = v
				if v < 1 || v > MaxFreshnessHours {
					// The bound keeps the window a Duration: past 2,562,047
					// hours it would overflow, and a fresh backup read stale.
					d.add(a, CodeOutOfRange, "must be 1 to %d hours (ten years), not %d", MaxFreshnessHours, v)
				}
			}
		default:
			err = d.unknown(at{rec: m, idx: -1}, name)
		}
		return err
	})
	if err != nil {
		return err
	}
	if !seenID {
		d.missing(at{rec: m, idx: -1}, "id")
	}
	if !seenName {
		d.missing(at{rec: m, idx: -1}, "name")
	}
	d.tenants.add(t)
	return nil
}

func (d *decoder) backupSet(m *recordMeta) error {
	b := BackupSet{Index: m.index}
	var seenID, seenTenant, seenStatus bool
	_, err := d.object(at{rec: m, idx: -1}, "an object", func(name string) error {
		a := field(m, name)
		var err error
		var s string
		switch name {
		case "id":
			seenID = true
			b.ID, _, err = d.readInt(a, false)
		case "tenant_id":
			seenTenant = true
			b.TenantID, err = d.tenantID(m)
		case "name":
			b.Name, _, err = d.readString(a, false)
		case "status":
			seenStatus = true
			s, _, err = d.readEnum(a, "status", backupStatuses)
			b.Status = BackupSetStatus(s)
		case "started_at":
			b.StartedAt, _, err = d.readTime(a, true)
		case "completed_at":
			b.CompletedAt, _, err = d.readTime(a, true)
		case "item_count":
			b.ItemCount, err = d.count(a)
		case "failed_item_count":
			b.FailedItemCount, err = d.count(a)
		default:
			err = d.unknown(at{rec: m, idx: -1}, name)
		}
		return err
	})
	if err != nil {
		return err
	}
	d.require(m, seenID, "id", seenTenant, "tenant_id", seenStatus, "status")
	d.backups.add(b)
	return nil
}

// count reads an optional non-negative integer.
func (d *decoder) count(a at) (*int64, error) {
	v, ok, err := d.readInt(a, false)
	if err != nil || !ok {
		return nil, err
	}
	if v < 0 {
		d.add(a, CodeOutOfRange, "must not be negative, not %d", v)
		return nil, nil
	}
	return &v, nil
}

// require reports the required members that were not seen, given as pairs.
func (d *decoder) require(m *recordMeta, pairs ...any) {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !pairs[i].(bool) {
			d.missing(at{rec: m, idx: -1}, pairs[i+1].(string))
		}
	}
}

func (d *decoder) restoreRun(m *recordMeta) error {
	r := RestoreRun{Index: m.index}
	var seenID, seenTenant, seenStatus, seenDry, seenCreated bool
	_, err := d.object(at{rec: m, idx: -1}, "an object", func(name string) error {
		a := field(m, name)
		var err error
		var s string
		var v int64
		var ok bool
		switch name {
		case "id":
			seenID = true
			r.ID, _, err = d.readInt(a, false)
		case "tenant_id":
			seenTenant = true
			r.TenantID, err = d.tenantID(m)
		case "backup_set_id":
			if v, ok, err = d.readInt(a, true); ok {
				r.BackupSetID = &v
			}
		case "status":
			seenStatus = true
			s, _, err = d.readEnum(a, "status", restoreStatuses)
			r.Status = RestoreStatus(s)
		case "is_dry_run":
			seenDry = true
			r.IsDryRun, _, err = d.readBool(a)
		case "created_at":
			seenCreated = true
			var t *time.Time
			if t, _, err = d.readTime(a, false); t != nil {
				r.CreatedAt = *t
			}
		case "completed_at":
			r.CompletedAt, _, err = d.readTime(a, true)
		case "operation_run_id":
			if v, ok, err = d.readInt(a, true); ok {
				r.OperationRunID = &v
			}
		case "results":
			err = d.results(m, &r.Results)
		case "metadata":
			err = d.metadata(m, &r.Metadata)
		default:
			err = d.unknown(at{rec: m, idx: -1}, name)
		}
		return err
	})
	if err != nil {
		return err
	}
	d.require(m, seenID, "id", seenTenant, "tenant_id", seenStatus, "status", seenDry, "is_dry_run", seenCreated, "created_at")
	d.runs.add(r)
	return nil
}

func (d *decoder) results(m *recordMeta, res *Results) error {
	_, err := d.object(field(m, "results"), "an object", func(name string) error {
		var list *[]ResultEntry
		switch name {
		case "items":
			list = &res.Items
		case "foundations":
			list = &res.Foundations
		case "assignments":
			list = &res.Assignments
		default:
			return d.unknown(at{rec: m, sub: "results", idx: -1}, name)
		}
		sub := "results." + name
		_, err := d.array(at{rec: m, sub: sub, idx: -1}, "an array", func(i int) error {
			return d.resultEntry(at{rec: m, sub: sub, idx: i}, list)
		})
		return err
	})
	return err
}

func (d *decoder) resultEntry(base at, list *[]ResultEntry) error {
	var e ResultEntry
	var seenID, seenName, seenOutcome bool
	ok, err := d.object(base, "an object", func(name string) error {
		a := base
		a.field = name
		var err error
		var s string
		switch name {
		case "id":
			seenID = true
			e.ID, _, err = d.readString(a, false)
		case "name":
			seenName = true
			e.Name, _, err = d.readString(a, false)
		case "type":
			e.Type, _, err = d.readString(a, false)
		case "outcome":
			seenOutcome = true
			s, _, err = d.readEnum(a, "outcome", outcomes)
			e.Outcome = Outcome(s)
		case "message":
			e.Message, _, err = d.readString(a, false)
		default:
			err = d.unknown(base, name)
		}
		return err
	})
	if err != nil || !ok {
		return err
	}
	for _, f := range []struct {
		seen bool
		name string
	}{{seenID, "id"}, {seenName, "name"}, {seenOutcome, "outcome"}} {
		if !f.seen {
			d.missing(base, f.name)
		}
	}
	*list = append(*list, e)
	return nil
}

func (d *decoder) metadata(m *recordMeta, md *Metadata) error {
	_, err := d.object(field(m, "metadata"), "an object", func(name string) error {
		a := at{rec: m, sub: "metadata", idx: -1, field: name}
		var err error
		switch name {
		case "counts":
			c := &Counts{}
			var ok bool
			ok, err = d.object(a, "an object", func(cname string) error {
				ca := at{rec: m, sub: "metadata.counts", idx: -1, field: cname}
				var err error
				switch cname {
				case "total":
					c.Total, err = d.count(ca)
				case "applied":
					c.Applied, err = d.count(ca)
				case "partial":
					c.Partial, err = d.count(ca)
				case "failed":
					c.Failed, err = d.count(ca)
				case "skipped":
					c.Skipped, err = d.count(ca)
				case "non_applied":
					c.NonApplied, err = d.count(ca)
				default:
					err = d.unknown(at{rec: m, sub: "metadata.counts", idx: -1}, cname)
				}
				return err
			})
			if ok {
				md.Counts = c
			}
		case "non_applied":
			_, err = d.array(a, "an array", func(i int) error {
				return d.nonApplied(at{rec: m, sub: "metadata.non_applied", idx: i}, &md.NonApplied)
			})
		case "scope_basis":
			md.ScopeBasis, _, err = d.readString(a, false)
		default:
			err = d.unknown(at{rec: m, sub: "metadata", idx: -1}, name)
		}
		return err
	})
	return err
}

func (d *decoder) nonApplied(base at, list *[]NonApplied) error {
	var n NonApplied
	var seenID, seenName bool
	ok, err := d.object(base, "an object", func(name string) error {
		a := base
		a.field = name
		var err error
		switch name {
		case "id":
			seenID = true
			n.ID, _, err = d.readString(a, false)
		case "name":
			seenName = true
			n.Name, _, err = d.readString(a, false)
		case "reason":
			n.Reason, _, err = d.readString(a, false)
		default:
			err = d.unknown(base, name)
		}
		return err
	})
	if err != nil || !ok {
		return err
	}
	if !seenID {
		d.missing(base, "id")
	}
	if !seenName {
		d.missing(base, "name")
	}
	*list = append(*list, n)
	return nil
}

func (d *decoder) operationRun(m *recordMeta) error {
	o := OperationRun{Index: m.index}
	var seenID, seenTenant, seenType, seenStatus, seenOutcome bool
	_, err := d.object(at{rec: m, idx: -1}, "an object", func(name string) error {
		a := field(m, name)
		var err error
		var s string
		switch name {
		case "id":
			seenID = true
			o.ID, _, err = d.readInt(a, false)
		case "tenant_id":
			seenTenant = true
			o.TenantID, err = d.tenantID(m)
		case "type":
			seenType = true
			o.Type, _, err = d.readString(a, false)
		case "status":
			seenStatus = true
			s, _, err = d.readEnum(a, "status", opStatuses)
			o.Status = OperationStatus(s)
		case "outcome":
			seenOutcome = true
			s, _, err = d.readEnum(a, "outcome", opOutcomes)
			o.Outcome = OperationOutcome(s)
		case "started_at":
			o.StartedAt, _, err = d.readTime(a, true)
		case "completed_at":
			o.CompletedAt, _, err = d.readTime(a, true)
		default:
			err = d.unknown(at{rec: m, idx: -1}, name)
		}
		return err
	})
	if err != nil {
		return err
	}
	d.require(m, seenID, "id", seenTenant, "tenant_id", seenType, "type", seenStatus, "status", seenOutcome, "outcome")
	d.ops.add(o)
	return nil
}

func (d *decoder) evidenceSnapshot(m *recordMeta) error {
	e := EvidenceSnapshot{Index: m.index}
	var seenID, seenTenant, seenOp, seenStatus, seenCaptured bool
	_, err := d.object(at{rec: m, idx: -1}, "an object", func(name string) error {
		a := field(m, name)
		var err error
		var s string
		switch name {
		case "id":
			seenID = true
			e.ID, _, err = d.readInt(a, false)
		case "tenant_id":
			seenTenant = true
			e.TenantID, err = d.tenantID(m)
		case "operation_run_id":
			seenOp = true
			e.OperationRunID, _, err = d.readInt(a, false)
		case "status":
			seenStatus = true
			s, _, err = d.readEnum(a, "status", evidenceStatuses)
			e.Status = EvidenceStatus(s)
		case "captured_at":
			seenCaptured = true
			var t *time.Time
			if t, _, err = d.readTime(a, false); t != nil {
				e.CapturedAt = *t
			}
		case "expires_at":
			e.ExpiresAt, _, err = d.readTime(a, true)
		default:
			err = d.unknown(at{rec: m, idx: -1}, name)
		}
		return err
	})
	if err != nil {
		return err
	}
	d.require(m, seenID, "id", seenTenant, "tenant_id", seenOp, "operation_run_id", seenStatus, "status", seenCaptured, "captured_at")
	d.evidence.add(e)
	return nil
}

// viewer reads the viewer; any fault in it rejects the snapshot.
func (d *decoder) viewer() error {
	v := &Viewer{}
	var seenCaps bool
	ok, err := d.object(at{field: "viewer", idx: -1}, "an object", func(name string) error {
		a := at{field: "viewer." + name, idx: -1}
		var err error
		switch name {
		case "name":
			v.Name, _, err = d.readString(a, false)
		case "capabilities":
			seenCaps = true
			v.Capabilities = []Capability{}
			_, err = d.array(a, "an array", func(i int) error {
				c, ok, err := d.readEnum(at{field: fmt.Sprintf("viewer.capabilities[%d]", i), idx: -1}, "capability", capabilityStrings)
				if ok {
					v.Capabilities = append(v.Capabilities, Capability(c))
				}
				return err
			})
		default:
			err = d.unknown(at{sub: "viewer", idx: -1}, name)
		}
		return err
	})
	if err != nil {
		return err
	}
	if ok && !seenCaps {
		d.missing(at{sub: "viewer", idx: -1}, "capabilities")
	}
	// Every fault in the viewer rejects the snapshot: its issues have no
	// record, which is what makes them reject (issue.rejects).
	if ok {
		d.snap.Viewer = v
	}
	return nil
}
