package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/gen"
)

// BenchmarkDiffVersusResolve is `tenantatlas diff` of two 100,000-run
// snapshots against `tenantatlas resolve` of each, in one run, side by side:
// a diff should cost about what resolving both does. The two portfolios
// share their tenants and differ in nearly every run (another seed), the
// most a diff has to write. Reported: each in ns and their ratio.
func BenchmarkDiffVersusResolve(b *testing.B) {
	dir := b.TempDir()
	files := make([]string, 2)
	for i, seed := range []uint64{1, 2} {
		var buf bytes.Buffer
		require.NoError(b, gen.Write(&buf, gen.Options{Tenants: 1000, RunsPerTenant: 100, Seed: seed}))
		files[i] = filepath.Join(dir, "runs-100000-"+string(rune('a'+i))+".json")
		require.NoError(b, os.WriteFile(files[i], buf.Bytes(), 0o644))
	}
	run := func(args ...string) time.Duration {
		start := time.Now()
		if code := dispatch(args, nil, io.Discard, io.Discard); code > 1 {
			b.Fatalf("%v: exit %d", args, code)
		}
		return time.Since(start)
	}
	var diff, resolve time.Duration
	for b.Loop() {
		resolve += run("resolve", files[0]) + run("resolve", files[1])
		diff += run("diff", files[0], files[1])
	}
	n := float64(b.N)
	b.ReportMetric(float64(diff.Nanoseconds())/n, "diff-ns/op")
	b.ReportMetric(float64(resolve.Nanoseconds())/n, "resolve-both-ns/op")
	b.ReportMetric(float64(diff)/float64(resolve), "diff/resolve-both")
}
