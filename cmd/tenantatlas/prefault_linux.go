package main

import "syscall"

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14), which package
// syscall does not name: fault in a range's pages, writable, in one call.
const madvPopulateWrite = 23

// prefault allocates n bytes and has the kernel map their pages at once. It
// reports false where the kernel cannot (older than 5.14): the pages are
// then untouched, and fault in one by one as they would have.
func prefault(n int64) bool {
	b := make([]byte, n)
	return syscall.Madvise(b, madvPopulateWrite) == nil
}
