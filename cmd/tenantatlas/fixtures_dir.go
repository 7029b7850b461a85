package main

import (
	"io/fs"
	"os"

	"github.com/tenantatlas/tenantatlas/fixtures"
)

// fixturesFS is the snapshots to serve or build: the embedded ones, or the
// folder dir. The folder is opened as an os.Root, so that nothing outside it
// is ever read: a symbolic link (or "..") that leads out of the folder is an
// error, not a way to publish any file on the machine.
func fixturesFS(dir string) (fs.FS, error) {
	if dir == "" {
		return fixtures.FS, nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return root.FS(), nil
}
