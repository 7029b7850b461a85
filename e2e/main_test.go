package e2e

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/internal/site"
	"github.com/tenantatlas/tenantatlas/web"
)

// TestMain builds the sites the tests share as the tests start, closes
// the shared browser and removes the sites afterwards: a run leaves nothing
// running and nothing in the temporary folder. A run that dies leaves no
// process either (see TestChildrenDieWithTheTestBinary).
func TestMain(m *testing.M) {
	flag.Parse()
	// Beside the tests, not before them: go test's -timeout, which the
	// binary applies from m.Run on, then bounds the builds too, and a run
	// too slow fails with its own message and every test's stack.
	go func() {
		defer close(prebuilt)
		prebuild()
	}()
	code := m.Run()
	<-prebuilt
	closeSharedBrowser()
	sitesMu.Lock()
	for _, out := range sites {
		os.RemoveAll(filepath.Dir(out)) // the MkdirTemp folder that holds dist/
	}
	sitesMu.Unlock()
	os.Exit(code)
}

// prebuilt is closed once prebuild has returned.
var prebuilt = make(chan struct{})

// prebuild builds, once, the sites the whole package's tests use, when the
// whole package runs (no -run, no -list) with what the browser tests need. A build
// holds sitesMu (package app's snapshot source is one for the process), and
// TestPrerenderedWithWASMBlocked's server answers under it too: a build
// made while that server runs would hold its pages back for as long as it
// takes, so the server waits for prebuilt. A site a new test builds with buildOnce under a key
// of its own is built when first asked for, as before; one every run needs
// belongs here. A build that fails here fails again, with its error, in
// the first test that asks for it.
func prebuild() {
	for _, name := range []string{"test.run", "test.list"} {
		if f := flag.Lookup(name); f == nil || f.Value.String() != "" {
			return
		}
	}
	if !web.HasWASM() || findChromium() == "" {
		return
	}
	if _, err := exec.LookPath("nginx"); err != nil {
		return
	}
	for _, base := range []string{"/", "/atlas/"} {
		_, _ = buildSite(base, base, fixtures.FS)
	}
	_, _ = buildSite(shardedKey, "/atlas/", fixtures.FS, site.ShardAbove(0))
}
