package main

import "io"

// TEMPORARY stub; replaced by the real build command.
func runBuild(args []string, stdin io.Reader, stdout, stderr io.Writer) int { return exitRejected }
