//go:build !linux

package e2e

import "syscall"

// setParentDeathSignal does nothing here: only Linux has a parent-death
// signal. The tests' cleanup functions stop their children; a binary that
// dies can leave them running.
func setParentDeathSignal(*syscall.SysProcAttr) {}
