package main

import "io"

// TEMPORARY stub; replaced by the real resolve command.
func runResolve(args []string, stdin io.Reader, stdout, stderr io.Writer) int { return exitRejected }
