package main

import "io"

// TEMPORARY stub; replaced by the real serve command.
func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int { return exitRejected }
