package main

import (
	"fmt"
	"io"
)

// runBuild will write the static site (issue 4: static generation with
// go-app, precompressed app.wasm, sharded snapshots, a 404 page that boots
// the app). Until then it says so rather than pretend.
func runBuild(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "tenantatlas build: the static site build is not available yet; use `tenantatlas serve` (make run)")
	return exitRejected
}
