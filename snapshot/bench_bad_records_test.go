package snapshot_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// What a bad record costs against a good one (`make bench`): Check over n
// restore runs that are all valid, all empty objects (five missing members
// each), or all orphans (valid but for a tenant that does not exist).
// Reported per record: ns/record and B/record. Only the first 1,000
// problems are kept, so a bad record should cost about what a good one does.

// badRuns is a snapshot of one tenant and n restore runs, each rec.
func badRuns(n int, rec string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"schema_version": 1, "generated_at": "2026-04-09T01:19:36+02:00", "tenants": [{"id": 1, "name": "T"}], "restore_runs": [`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strings.ReplaceAll(rec, "ID", fmt.Sprint(i+1)))
	}
	b.WriteString("]}")
	return b.Bytes()
}

const orphanRun = `{"id": ID, "tenant_id": 2, "status": "completed", "is_dry_run": false, "created_at": "2026-04-08T23:00:00Z", "completed_at": "2026-04-08T23:06:00Z"}`

func BenchmarkCheckBadRecords(b *testing.B) {
	const n = 100_000
	var good bytes.Buffer
	if err := gen.Write(&good, gen.Options{Tenants: 1000, RunsPerTenant: n / 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		doc  []byte
	}{
		{"good", good.Bytes()},
		{"empty-objects", badRuns(n, "{}")},
		{"orphans", badRuns(n, orphanRun)},
	} {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(tt.doc)))
			b.ReportAllocs()
			var runs, problems int
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				c := snapshot.Check(bytes.NewReader(tt.doc), snapshot.Limits{})
				problems = len(c.Problems) + c.Omitted
				runs++
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(runs)/n, "ns/record")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(runs)/n, "B/record")
			b.ReportMetric(float64(problems), "problems")
		})
	}
}
