package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain closes the shared browser and removes the static sites the tests
// built (once each, shared by the tests of a run): a run leaves nothing
// running and nothing in the temporary folder. A run that dies leaves no
// process either (see TestChildrenDieWithTheTestBinary).
func TestMain(m *testing.M) {
	code := m.Run()
	closeSharedBrowser()
	sitesMu.Lock()
	for _, out := range sites {
		os.RemoveAll(filepath.Dir(out)) // the MkdirTemp folder that holds dist/
	}
	sitesMu.Unlock()
	os.Exit(code)
}
