// Package change says what changed between resolved snapshots and since when
// a tenant's states hold (docs/history.md).
//
// Both are derived from resolutions (package domain), never from raw records
// compared field by field: a diff compares what may be claimed, not how the
// backend stored it. Like domain, the package is pure: no I/O, no clock; time
// is only ever a snapshot's generated_at.
//
//   - Compare: the diff of two resolutions, OLD → NEW (the JSON of
//     `tenantatlas diff`).
//   - NewHistory: a series of snapshots ordered by generated_at, with since
//     when each tenant's backup posture and recovery overview hold, each
//     tenant's timeline, and the trend of counts (the JSON of
//     `tenantatlas history`).
//   - Describe and WorstFirst: the words and the order the table and the
//     changes page share. They state changes as facts, never as success.
package change
