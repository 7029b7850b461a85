package snapshot

import "io"

// DefaultMaxBytes is the size limit for a snapshot (docs/snapshot-format.md): 64 MiB.
const DefaultMaxBytes = 64 << 20

// DefaultMaxDepth bounds JSON nesting. The format itself nests at most five
// levels deep; anything far deeper is hostile or broken.
const DefaultMaxDepth = 32

// MaxProblems caps the reported problems; the rest are counted in Checked.Omitted.
const MaxProblems = 1000

// Limits bound what Check reads.
type Limits struct {
	MaxBytes int64 // 0 means DefaultMaxBytes
	MaxDepth int   // 0 means DefaultMaxDepth
}

// Checked is a decoded and validated snapshot.
type Checked struct {
	// Snapshot is nil when the snapshot was rejected. Records of quarantined
	// tenants and orphan records are kept, so that nothing is lost: they are
	// listed, not resolved.
	Snapshot *Snapshot
	// Problems are in the order of the input, at most MaxProblems of them.
	Problems Problems
	// Omitted counts the problems past MaxProblems.
	Omitted int
	// Quarantined holds the ids of the tenants that a problem quarantines.
	Quarantined map[int64]bool
}

// Rejected reports whether nothing may be rendered from the snapshot.
func (c *Checked) Rejected() bool { return c.Snapshot == nil }

// Check decodes and validates a snapshot read from r. It never returns a Go
// error: everything wrong is a Problem, including a reader that fails.
func Check(r io.Reader, lim Limits) *Checked {
	return check(r, lim)
}
