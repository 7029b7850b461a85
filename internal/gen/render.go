package gen

import (
	"strconv"
	"time"
)

func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339)
	return append(b, '"')
}

// appendKey writes `,"key":`.
func appendKey(b []byte, key string) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

func appendInt(b []byte, key string, v int64) []byte {
	return strconv.AppendInt(appendKey(b, key), v, 10)
}

func appendStr(b []byte, key, v string) []byte {
	return appendString(appendKey(b, key), v)
}

// appendString writes v as a JSON string. The generator's own text needs no
// escaping but quotes and backslashes; control characters are escaped anyway.
func appendString(b []byte, v string) []byte {
	b = append(b, '"')
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func appendTimeKey(b []byte, key string, t time.Time) []byte {
	b = appendKey(b, key)
	if t.IsZero() {
		return append(b, "null"...)
	}
	return appendTime(b, t)
}

// records holds one tenant's records of one collection in a single buffer,
// reused across tenants: rendering allocates nothing per record.
type records struct {
	b    []byte
	ends []int
}

// end marks the end of the record just appended.
func (rs *records) end() { rs.ends = append(rs.ends, len(rs.b)) }

func tenantRecords(s *records, p *tenantPlan) {
	s.b = append(s.b, `{"id":`...)
	s.b = strconv.AppendInt(s.b, p.id, 10)
	s.b = appendStr(s.b, "name", p.name)
	s.b = appendInt(s.b, "backup_freshness_hours", int64(p.fresh))
	s.b = append(s.b, '}')
	s.end()
}

func backupRecords(s *records, p *tenantPlan) {
	for _, set := range p.sets {
		s.b = append(s.b, `{"id":`...)
		s.b = strconv.AppendInt(s.b, set.id, 10)
		s.b = appendInt(s.b, "tenant_id", p.id)
		s.b = appendStr(s.b, "name", set.name)
		s.b = appendStr(s.b, "status", set.status)
		s.b = appendTimeKey(s.b, "started_at", set.started)
		if !set.completed.IsZero() {
			s.b = appendTimeKey(s.b, "completed_at", set.completed)
		}
		if set.status != "running" {
			s.b = appendInt(s.b, "item_count", int64(set.items))
			s.b = appendInt(s.b, "failed_item_count", int64(set.failed))
		}
		s.b = append(s.b, '}')
		s.end()
	}
}

func runRecords(s *records, p *tenantPlan) {
	for i := range p.runs {
		s.b = appendRun(s.b, p.id, &p.runs[i])
		s.end()
	}
}

func appendRun(b []byte, tenant int64, r *runPlan) []byte {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, r.id, 10)
	b = appendInt(b, "tenant_id", tenant)
	if r.set != 0 {
		b = appendInt(b, "backup_set_id", r.set)
	} else {
		b = append(b, `,"backup_set_id":null`...)
	}
	b = appendStr(b, "status", r.status)
	b = append(b, `,"is_dry_run":`...)
	b = strconv.AppendBool(b, r.dry)
	b = appendTimeKey(b, "created_at", r.created)
	b = appendTimeKey(b, "completed_at", r.done)
	if r.op != nil {
		b = appendInt(b, "operation_run_id", r.op.id)
	}
	if len(r.entries) > 0 && !r.summaryOnly {
		b = appendResults(b, r.entries)
	}
	if len(r.entries) > 0 || r.previewed > 0 {
		b = appendMetadata(b, r)
	}
	return append(b, '}')
}

// appendResults writes the entries grouped as items, foundations and
// assignments (entries draws them in that order).
func appendResults(b []byte, es []result) []byte {
	b = append(b, `,"results":{`...)
	for k, e := range es {
		if k == 0 || es[k-1].group != e.group {
			if k > 0 {
				b = append(b, "],"...)
			}
			switch e.group {
			case 'i':
				b = append(b, `"items":[`...)
			case 'f':
				b = append(b, `"foundations":[`...)
			default:
				b = append(b, `"assignments":[`...)
			}
		} else {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = e.appendID(b)
		b = appendStr(b, "name", e.name())
		b = appendStr(b, "type", e.typ())
		b = appendStr(b, "outcome", e.outcome)
		if e.message != "" {
			b = appendStr(b, "message", e.message)
		}
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

var countKeys = [4]string{"applied", "partial", "failed", "skipped"}

func appendMetadata(b []byte, r *runPlan) []byte {
	b = append(b, `,"metadata":{`...)
	switch {
	case r.previewed > 0:
		b = append(b, `"counts":{"total":`...)
		b = strconv.AppendInt(b, int64(r.previewed), 10)
		b = append(b, "},"...)
	case r.counts != "":
		var n [4]int64
		for _, e := range r.entries {
			for k, key := range countKeys {
				if e.outcome == key {
					n[k]++
				}
			}
		}
		b = append(b, `"counts":{"total":`...)
		b = strconv.AppendInt(b, int64(len(r.entries)), 10)
		for k, key := range countKeys {
			// Partial counts report only what was applied: the rest is unknown.
			if n[k] > 0 && (r.counts == "full" || k == 0) {
				b = appendInt(b, key, n[k])
			}
		}
		if r.counts == "full" && r.nonApplied {
			b = appendInt(b, "non_applied", n[3])
		}
		b = append(b, "},"...)
	}
	if r.nonApplied {
		b = append(b, `"non_applied":[`...)
		first := true
		for _, e := range r.entries {
			if e.outcome != "skipped" {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, `{"id":`...)
			b = e.appendID(b)
			b = appendStr(b, "name", e.name())
			b = appendStr(b, "reason", e.message)
			b = append(b, '}')
		}
		b = append(b, "],"...)
	}
	return append(b, `"scope_basis":"selected_items"}`...)
}

func operationRecords(s *records, p *tenantPlan) {
	for _, r := range p.runs {
		if r.op == nil {
			continue
		}
		s.b = append(s.b, `{"id":`...)
		s.b = strconv.AppendInt(s.b, r.op.id, 10)
		s.b = appendInt(s.b, "tenant_id", p.id)
		s.b = appendStr(s.b, "type", "restore.execute")
		s.b = appendStr(s.b, "status", r.op.status)
		s.b = appendStr(s.b, "outcome", r.op.outcome)
		s.b = appendTimeKey(s.b, "started_at", r.op.started)
		s.b = appendTimeKey(s.b, "completed_at", r.op.finished)
		s.b = append(s.b, '}')
		s.end()
	}
}

func evidenceRecords(s *records, p *tenantPlan) {
	for _, r := range p.runs {
		for _, e := range r.evidence {
			s.b = append(s.b, `{"id":`...)
			s.b = strconv.AppendInt(s.b, e.id, 10)
			s.b = appendInt(s.b, "tenant_id", p.id)
			s.b = appendInt(s.b, "operation_run_id", r.op.id)
			s.b = appendStr(s.b, "status", e.status)
			s.b = appendTimeKey(s.b, "captured_at", e.captured)
			s.b = appendTimeKey(s.b, "expires_at", e.expires)
			s.b = append(s.b, '}')
			s.end()
		}
	}
}
