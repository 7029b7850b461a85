package change_test

import (
	"bytes"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// BenchmarkCompareVersusResolve is CompareChecked of two checked
// 100,000-run snapshots against resolving every tenant of both, in one run,
// side by side: what comparing adds to resolving. (The command, decoding
// and output included, is BenchmarkDiffVersusResolve in cmd/tenantatlas.)
func BenchmarkCompareVersusResolve(b *testing.B) {
	sides := make([]*snapshot.Checked, 2)
	for i, seed := range []uint64{1, 2} {
		var buf bytes.Buffer
		require.NoError(b, gen.Write(&buf, gen.Options{Tenants: 1000, RunsPerTenant: 100, Seed: seed}))
		sides[i] = snapshot.Check(&buf, snapshot.Limits{})
		require.False(b, sides[i].Rejected())
	}
	var compare, resolve time.Duration
	timeResolve := func() {
		start := time.Now()
		for _, c := range sides {
			resolveOnEveryCore(c)
		}
		resolve += time.Since(start)
	}
	timeCompare := func() {
		start := time.Now()
		d, err := change.CompareChecked(sides[0], sides[1])
		compare += time.Since(start)
		require.NoError(b, err)
		require.True(b, d.Changed())
	}
	// Each goes first in turn: the collector's debt of one is not paid by
	// the other.
	first := true
	for b.Loop() {
		if first {
			timeResolve()
			timeCompare()
		} else {
			timeCompare()
			timeResolve()
		}
		first = !first
	}
	n := float64(b.N)
	b.ReportMetric(float64(compare.Nanoseconds())/n, "compare-ns/op")
	b.ReportMetric(float64(resolve.Nanoseconds())/n, "resolve-both-ns/op")
	b.ReportMetric(float64(compare)/float64(resolve), "compare/resolve-both")
}

// resolveOnEveryCore resolves every tenant as CompareChecked does: on every
// core, without explanations, each state dropped once made.
func resolveOnEveryCore(c *snapshot.Checked) {
	r := domain.NewResolver(c).WithoutWhy()
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf []domain.RunState
			for i := w; i < r.Len(); i += workers {
				t := r.TenantReusing(i, buf)
				if cap(t.RestoreRuns) > cap(buf) {
					buf = t.RestoreRuns
				}
			}
		})
	}
	wg.Wait()
}
