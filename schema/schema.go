// Package schema holds the JSON Schema (draft 2020-12) of snapshot format
// version 1: what `tenantatlas schema` prints and the static site publishes
// at schema/snapshot-v1.json, so that an editor checks a snapshot while it
// is written. A test validates every fixture against it, keeping it in step
// with the decoder.
package schema

import _ "embed"

// SnapshotV1 is the schema's JSON text.
//
//go:embed snapshot-v1.json
var SnapshotV1 []byte

// Path is where the static site publishes it, relative to the base.
const Path = "schema/snapshot-v1.json"
