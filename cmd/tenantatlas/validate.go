package main

import "io"

// TEMPORARY stub; replaced by the real validate command.
func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int { return exitRejected }
