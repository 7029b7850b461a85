package main

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A file over the size limit costs no more than one at the limit: the
// memory set aside for checking it is sized by the limit, never by the file.
// Sized by the file, validate of a 1 GiB file took 2.4 GB before refusing
// it, and an 8 GiB one ran out of memory.
func TestOverLimitFileMemorySizedByTheLimit(t *testing.T) {
	const limit = 4 << 20
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	f, err := os.Create(big)
	require.NoError(t, err)
	// 16 times the limit: a document that whitespace makes long.
	_, err = f.WriteString(`{"schema_version": 1, "generated_at": "2026-04-09T01:19:36+02:00",`)
	require.NoError(t, err)
	pad := []byte(strings.Repeat(" ", 1<<20))
	for range 16 * limit >> 20 {
		_, err = f.Write(pad)
		require.NoError(t, err)
	}
	require.NoError(t, f.Close())

	// What boundMemory changes, put back for the tests after this one.
	gc := debug.SetGCPercent(100)
	defer debug.SetGCPercent(gc)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	code, out, stderr := runCLI(t, "", "validate", "--max-bytes", strconv.Itoa(limit), big)
	assert.Equal(t, exitRejected, code, stderr)
	assert.True(t, strings.HasPrefix(out, big+": the document is larger than the limit of 4194304 bytes"), out)

	// Sized by the file (64 MiB), the heap was given 160 MiB of room, 144 MB
	// of it mapped in advance, and left uncollected until then. Sized by
	// the limit (4 MiB), the heap is left to the collector's usual pacing.
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		assert.LessOrEqual(t, l-int64(live[0].Value.Uint64()), int64(64<<20)+(8<<20), "the heap's room is the limit's, not the file's")
	}
	assert.Equal(t, 100, debug.SetGCPercent(100), "no heap mapped in advance for a 4 MiB limit")
}
