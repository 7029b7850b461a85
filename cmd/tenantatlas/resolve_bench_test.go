package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/gen"
)

// BenchmarkResolveCommand is `tenantatlas resolve` on a 100,000-run
// portfolio, start to finish but for process start-up: what to profile
// when the report's CLI ratios move (make bench).
func BenchmarkResolveCommand(b *testing.B) {
	f := filepath.Join(b.TempDir(), "runs-100000.json")
	var buf bytes.Buffer
	require.NoError(b, gen.Write(&buf, gen.Options{Tenants: 1000, RunsPerTenant: 100, Seed: 1}))
	require.NoError(b, os.WriteFile(f, buf.Bytes(), 0o644))
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if code := dispatch([]string{"resolve", f}, nil, io.Discard, io.Discard); code > 1 {
			b.Fatalf("exit %d", code)
		}
	}
}
