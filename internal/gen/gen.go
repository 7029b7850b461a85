// Package gen writes synthetic, valid snapshots of realistic shape for load
// tests, benchmarks and property tests. The output depends only on Options:
// the same seed always gives the same bytes, and no clock is read.
//
// Each tenant draws from its own random stream (seed, tenant index), so a
// tenant can be planned again cheaply. Write plans every tenant once per
// collection and streams each collection straight to the writer: memory stays
// flat however many runs are asked for.
package gen

import (
	"bufio"
	"io"
	"strconv"
	"time"
)

// GeneratedAt is the fixed "now" of every generated snapshot.
const GeneratedAt = "2026-04-09T01:19:36+02:00"

var now, _ = time.Parse(time.RFC3339, GeneratedAt)

// Options shape a generated snapshot.
type Options struct {
	Tenants       int
	RunsPerTenant int
	Seed          uint64
}

// Write streams a snapshot to w.
func Write(w io.Writer, o Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	b := make([]byte, 0, 4096)
	b = append(b, "{\n\"schema_version\": 1,\n\"generated_at\": \""+GeneratedAt+"\",\n\"name\": \"Generated portfolio (seed "...)
	b = strconv.AppendUint(b, o.Seed, 10)
	b = append(b, ", "...)
	b = strconv.AppendInt(b, int64(o.Tenants), 10)
	b = append(b, " tenants)\",\n"...)
	bw.Write(b)

	var recs records
	for i, coll := range collections {
		bw.WriteString("\"" + coll.name + "\": [")
		var ids counters
		first := true
		for t := range o.Tenants {
			p := plan(o, t, coll.needs, &ids)
			recs.b, recs.ends = recs.b[:0], recs.ends[:0]
			coll.render(&recs, &p)
			start := 0
			for _, end := range recs.ends {
				if !first {
					bw.WriteByte(',')
				}
				first = false
				bw.WriteByte('\n')
				bw.Write(recs.b[start:end])
				start = end
			}
		}
		bw.WriteString("\n]")
		if i < len(collections)-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// collections in the order they are written; each renders its records of
// one planned tenant.
var collections = []struct {
	name   string
	needs  depth // how much of a tenant to plan
	render func(rs *records, p *tenantPlan)
}{
	{"tenants", planTenant, tenantRecords},
	{"backup_sets", planBackupSets, backupRecords},
	{"restore_runs", planResults, runRecords},
	{"operation_runs", planRestoreRuns, operationRecords},
	{"evidence_snapshots", planRestoreRuns, evidenceRecords},
}
