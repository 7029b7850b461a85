package e2e

import "syscall"

// setParentDeathSignal has the kernel kill the child when the thread that
// started it exits.
func setParentDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
