package main

import (
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// minorFaults is the process's count of pages taken on first touch.
func minorFaults(t *testing.T) int64 {
	var ru syscall.Rusage
	require.NoError(t, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return ru.Minflt
}

// touch writes a byte in each page of a fresh n-byte allocation.
func touch(n int) {
	b := make([]byte, n)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	runtime.KeepAlive(b)
}

// What boundMemory relies on: pages prefault maps are the ones the heap
// hands out next, so that touching them takes no page fault. Counted, not
// timed: without prefault, touching 32 MiB takes 8,192 faults.
func TestPrefaultedPagesAreReusedWithoutFaults(t *testing.T) {
	const size = 32 << 20
	pages := int64(size / 4096)

	// Free heap pages (the package's set-up leaves some) are returned to the
	// kernel first, so that each touch below starts from unmapped pages.
	debug.FreeOSMemory()
	before := minorFaults(t)
	touch(size)
	cold := minorFaults(t) - before
	if cold < pages/2 {
		// Transparent huge pages set to "always" (some distributions'
		// default): fresh memory comes 2 MiB a fault, and there are no
		// faults for prefault to save.
		t.Skipf("fresh memory took %d faults for %d pages (huge pages?): nothing to check", cold, pages)
	}

	debug.FreeOSMemory()
	if !prefault(2 * size) {
		t.Skip("this kernel has no MADV_POPULATE_WRITE (Linux 5.14): nothing to check")
	}
	runtime.GC()
	before = minorFaults(t)
	touch(size)
	warm := minorFaults(t) - before
	assert.Less(t, warm, pages/8, "after prefault, %d faults for %d pages (fresh: %d)", warm, pages, cold)
}
