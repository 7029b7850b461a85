//go:build !linux

package main

// prefault maps the heap in advance only on Linux.
func prefault(n int64) bool { return false }
