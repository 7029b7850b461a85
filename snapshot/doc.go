// Package snapshot reads the snapshot format (docs/snapshot-format.md): bytes
// in, a checked snapshot out. Check decodes strictly and validates what
// needs the whole document, and never returns a Go error: everything wrong
// is a Problem with its JSON path, its code and its reach (the snapshot
// rejected, a tenant quarantined, a record orphaned).
//
// Its API is small: the record types, Limits, Check and Checked, Problems,
// the id indexes the rules look records up with, and SplitTenants for a
// sharded site. Beneath it sits the speed machinery (parallel decoding
// merged back in document order, chunked buffers, the member-name and id
// tables), each part held to the simple path by a test
// (docs/performance.md).
//
// It is pure, like the rules that read it (package domain): it reads an
// io.Reader, keeps no clock ("now" is the snapshot's generated_at) and
// knows nothing of the UI.
package snapshot
