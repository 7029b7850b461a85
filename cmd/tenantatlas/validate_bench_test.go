package main

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/gen"
)

// BenchmarkValidateOverLimit is `validate --max-bytes L` on a file at the
// limit and on one 16 times over it (the same snapshot, then whitespace):
// the file over the limit must cost what the one at it does. Reported:
// peak-heap-B, the most heap in use while validating (sampled), and
// mapped-B, the most memory the runtime took from the system.
func BenchmarkValidateOverLimit(b *testing.B) {
	dir := b.TempDir()
	var snap bytes.Buffer
	require.NoError(b, gen.Write(&snap, gen.Options{Tenants: 100, RunsPerTenant: 120, Seed: 1}))
	limit := int64(snap.Len())
	at := filepath.Join(dir, "at-limit.json")
	require.NoError(b, os.WriteFile(at, snap.Bytes(), 0o644))
	over := filepath.Join(dir, "16x-over.json")
	f, err := os.Create(over)
	require.NoError(b, err)
	_, err = f.Write(snap.Bytes())
	require.NoError(b, err)
	pad := bytes.Repeat([]byte(" "), 1<<20)
	for n := limit; n < 16*limit; n += int64(len(pad)) {
		_, err = f.Write(pad)
		require.NoError(b, err)
	}
	require.NoError(b, f.Close())

	for _, file := range []string{at, over} {
		b.Run(filepath.Base(file), func(b *testing.B) {
			var peak, mapped uint64
			for b.Loop() {
				p, m := peakDuring(func() {
					dispatch([]string{"validate", "--max-bytes", strconv.FormatInt(limit, 10), file}, nil, io.Discard, io.Discard)
				})
				peak, mapped = max(peak, p), max(mapped, m)
				debug.SetGCPercent(100)
				debug.SetMemoryLimit(math.MaxInt64)
			}
			b.ReportMetric(float64(peak), "peak-heap-B")
			b.ReportMetric(float64(mapped), "mapped-B")
			b.ReportMetric(float64(limit), "limit-B")
		})
	}
}

// peakDuring runs f and samples the heap meanwhile: the most heap in use
// and the most memory mapped, above what there was before.
func peakDuring(f func()) (heap, mapped uint64) {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
	metrics.Read(s)
	heap0, mapped0 := s[0].Value.Uint64(), s[1].Value.Uint64()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			heap, mapped = max(heap, s[0].Value.Uint64()), max(mapped, s[1].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return heap - min(heap, heap0), mapped - min(mapped, mapped0)
}
