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
// The heap is kept within 2.5 times the snapshot's size (never below
// 64 MiB). A soft limit: it costs collection work near the limit, never a
// failure. Why 2.5 (the measurements are in docs/performance.md):
//   - Decoding holds about 2.1 times the snapshot at its peak (records,
//     their metas, chunks not yet joined), live and garbage, and nothing
//     is collected before then: the limit must stay above that, or the
//     collector runs through decoding.
//   - Above it, every megabyte of room is a megabyte of memory touched for
//     the first time, which costs time of its own.
//   - At 2.5 times the heap is collected once, as decoding ends and its
//     metas and chunks are garbage, and resolution fits in what is left.
//
// For a large snapshot the heap will reach that limit anyway, so it is
// collected only there (GOGC off), and its pages are mapped in advance in
// one system call: taking pages one fault at a time, on first touch, costs
// many times what mapping them in bulk does.
//
// The limit counts from what the heap held live at the last collection:
// nothing in a command, a portfolio's bytes in a benchmark of one.
func boundMemory(snapshotSize int64) {
	if snapshotSize < prefaultFrom {
		// A small file's heap is left to the collector's usual pacing. A
		// limit sized by the file would be wrong for a file of tiny
		// records: a million empty ones (3 MB) take 500 MB whatever is
		// done, and under a limit of 64 MiB the collector ran all the way.
		return
	}
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}} // as of the last collection
	metrics.Read(live)
	room := max(64<<20, snapshotSize*25/10)
	debug.SetMemoryLimit(int64(live[0].Value.Uint64()) + room)
	debug.SetGCPercent(-1)
	if prefault(room * 9 / 10) {
		// The block is garbage now; collecting it (a heap of almost
		// nothing else) hands its mapped pages to what is allocated next.
		runtime.GC()
	}
}
