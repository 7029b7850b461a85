package main

import "io"

// TEMPORARY stub; replaced by the real gen command.
func runGen(args []string, stdin io.Reader, stdout, stderr io.Writer) int { return exitRejected }
