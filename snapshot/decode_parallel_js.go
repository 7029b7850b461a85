//go:build js

package snapshot

import "io"

// WebAssembly runs on one thread: records are decoded as they are read.
func parallelism() int { return 1 }

const defaultBatchBytes = 0

type tee struct{ r io.Reader }

func (d *decoder) recordsParallel(string, recordReader) error {
	panic("domain: parallel decoding without threads")
}

func (t *tee) Read(p []byte) (int, error) { return t.r.Read(p) }

type batch struct{}

// joinLargest joins the collections in turn: there is one thread.
func (d *decoder) joinLargest() (chunked[RestoreRun], chunked[OperationRun], chunked[EvidenceSnapshot], func()) {
	d.snap.RestoreRuns, d.snap.OperationRuns, d.snap.EvidenceSnapshots = d.runs.join(), d.ops.join(), d.evidence.join()
	return chunked[RestoreRun]{d.snap.RestoreRuns}, chunked[OperationRun]{d.snap.OperationRuns},
		chunked[EvidenceSnapshot]{d.snap.EvidenceSnapshots}, func() {}
}
