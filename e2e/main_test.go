package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain removes the static sites the tests built (once each, shared by
// the tests of a run): a run leaves nothing in the temporary folder.
func TestMain(m *testing.M) {
	code := m.Run()
	sitesMu.Lock()
	for _, out := range sites {
		os.RemoveAll(filepath.Dir(out)) // the MkdirTemp folder that holds dist/
	}
	sitesMu.Unlock()
	os.Exit(code)
}
