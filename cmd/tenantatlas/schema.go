package main

import (
	"io"

	"github.com/tenantatlas/tenantatlas/schema"
)

const schemaUsage = `schema

Prints the JSON Schema (draft 2020-12) of snapshot format version 1. Name it
in a snapshot's "$schema" member and an editor checks the file as it is
written; validate checks what a schema cannot (see docs/snapshot-schema.md).`

func runSchema(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("schema", schemaUsage, stderr)
	if err := fs.Parse(args); err != nil {
		return flagExit(err, stderr)
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return exitRejected
	}
	if _, err := stdout.Write(schema.SnapshotV1); err != nil {
		return exitRejected
	}
	return exitOK
}
