package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// prefaultFrom is the snapshot size from which boundMemory maps the heap in
// advance: below it, the heap stays small and there are few pages to fault.
const prefaultFrom = 8 << 20

// boundMemory sets the garbage collector up for checking a snapshot of the
// given size.
//
// The heap is kept within about 2.9 times the snapshot's size (never below
// 64 MiB), so that resolving a portfolio stays near 3 times its size in
// resident memory, where the collector's default pacing, with resolution
// running on every core, let it reach 3.4 times. A soft limit: it costs
// collection work near the limit (at 2.5 times, with the decoded snapshot
// itself near 2 times, collection ran all the time), never a failure.
//
// For a large snapshot the heap will reach that limit anyway, so it is
// collected only there (GOGC off: 3 collections on 100,000 runs instead of
// 10, as the heap doubled from 4 MiB), and its pages are mapped in advance
// in one system call. On the virtual machines this was measured on, taking
// a page on first touch costs about 3 ms a MiB, 15 times what mapping it in
// bulk does: `resolve` on 100,000 runs took 40,700 page faults, a quarter of
// its time; with the heap mapped in advance, 2,700.
//
// The limit counts from what the heap held live at the last collection:
// nothing in a command, a portfolio's bytes in a benchmark of one.
func boundMemory(snapshotSize int64) {
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}} // as of the last collection
	metrics.Read(live)
	room := max(64<<20, snapshotSize*29/10)
	debug.SetMemoryLimit(int64(live[0].Value.Uint64()) + room)
	if snapshotSize < prefaultFrom {
		return
	}
	debug.SetGCPercent(-1)
	if prefault(room * 9 / 10) {
		// The block is garbage now; collecting it (a heap of almost
		// nothing else) hands its mapped pages to what is allocated next.
		runtime.GC()
	}
}
