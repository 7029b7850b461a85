package snapshot_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// The probe's case: 1,200 orphan runs, then an unknown top-level member.
// The snapshot was rejected, but the 1,000 problems listed were all
// orphans, and the reason among the "201 more". A problem that rejects
// the snapshot is listed first, whatever the cap.
func TestRejectionIsListedFirstPastTheCap(t *testing.T) {
	tests := []struct {
		name  string
		runs  string // one run, ID its id
		count int    // problems per run
	}{
		{"orphans, found by validation", orphanRun, 1},
		{"empty objects, found by decoding", "{}", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := badRuns(1200, tt.runs)
			doc = append(doc[:len(doc)-1], `, "restore_runz": []}`...)
			c := snapshot.Check(bytes.NewReader(doc), snapshot.Limits{})
			require.True(t, c.Rejected())
			require.Len(t, c.Problems, snapshot.MaxProblems)
			assert.Equal(t, 1200*tt.count+1-snapshot.MaxProblems, c.Omitted)
			first := c.Problems[0]
			assert.Equal(t, snapshot.ReachSnapshot, first.Reach)
			assert.Equal(t, snapshot.CodeUnknownMember, first.Code)
			assert.Equal(t, `unknown member "restore_runz"`, first.Message)
			assert.Equal(t, "restore_runs[0]", strings.SplitN(c.Problems[1].Path, ".", 2)[0], "then the others, in input order")
		})
	}
}

// Problems past the cap are counted, and cost no more than a record does:
// a million empty restore runs took 90 s and 2 GB, every problem written
// and kept before the list was cut. Allocation per record, not time:
// a bad record allocates no more than a good one.
func TestBadRecordsCostWhatGoodOnesDo(t *testing.T) {
	n := 50_000
	if testing.Short() {
		n = 5_000
	}
	var good bytes.Buffer
	require.NoError(t, gen.Write(&good, gen.Options{Tenants: n / 100, RunsPerTenant: 100, Seed: 1}))
	perRecord := func(doc []byte) (float64, *snapshot.Checked) {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c := snapshot.Check(bytes.NewReader(doc), snapshot.Limits{})
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n), c
	}
	goodCost, c := perRecord(good.Bytes())
	require.Empty(t, c.Problems)
	for _, rec := range []string{"{}", orphanRun, `{"id": ID, "tenant_id": 1, "status": "complete", "is_dry_run": "no", "created_at": "yesterday", "extra": [1, 2]}`} {
		t.Run(rec, func(t *testing.T) {
			badCost, c := perRecord(badRuns(n, rec))
			require.Len(t, c.Problems, snapshot.MaxProblems)
			assert.GreaterOrEqual(t, c.Omitted, n-snapshot.MaxProblems)
			assert.Equal(t, "restore_runs[0]", strings.SplitN(c.Problems[0].Path, ".", 2)[0], "the first problems are listed")
			assert.LessOrEqual(t, badCost, goodCost, fmt.Sprintf("bytes allocated per bad record %.0f, per good one %.0f", badCost, goodCost))
		})
	}
}
