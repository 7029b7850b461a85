package e2e

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Failure screenshots: a failed browser test, for whatever reason (a
// failing action, an assertion, a timeout), leaves a full-page screenshot
// of each of its tabs, so that CI's failures can be looked at.

var (
	tabsMu sync.Mutex
	tabs   = map[string]int{} // test name → tabs opened so far
)

// screenshotOnFailure registers the capture of the tab in ctx for when t
// has failed. It must be registered after the cleanup that closes the tab:
// cleanups run last registered first, so the tab is still open.
func screenshotOnFailure(t testing.TB, ctx context.Context) {
	tabsMu.Lock()
	tabs[t.Name()]++
	n := tabs[t.Name()]
	tabsMu.Unlock()
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		name, err := saveScreenshot(t, ctx, n)
		if err != nil {
			t.Logf("no failure screenshot of tab %d: %v", n, err)
			return
		}
		t.Logf("failure screenshot: %s", name)
	})
}

// saveScreenshot writes tab n of the test as a PNG under its screenshot
// folder and returns the file's absolute path.
func saveScreenshot(t testing.TB, ctx context.Context, n int) (string, error) {
	png, err := capture(ctx)
	if err != nil {
		return "", err
	}
	dir := screenshotDir(t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	name := filepath.Join(dir, fmt.Sprintf("%s-tab%d.png", unsafeFileChars.ReplaceAllString(t.Name(), "_"), n))
	if err := os.WriteFile(name, png, 0o644); err != nil {
		return "", err
	}
	return filepath.Abs(name)
}

// capture takes a full-page PNG of the tab. Right after a navigation the
// tab may have no page to capture yet ("Not attached to an active page",
// "Cannot take screenshot with 0 width"): it tries again until the page is
// there, within a bound.
func capture(ctx context.Context) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100) /* 100: PNG; below it, JPEG */)
		if err == nil {
			return png, nil
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(200 * time.Millisecond):
		}
	}
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// screenshotDir is the test's artifact folder when `go test -artifacts` asked
// for one. Without the flag, t.ArtifactDir is a temporary folder removed
// when the test ends, so the screenshots go to testdata/output/ (ignored by
// git) instead, where they outlive the run.
func screenshotDir(t testing.TB) string {
	if f := flag.Lookup("test.artifacts"); f != nil && f.Value.String() == "true" {
		return t.ArtifactDir()
	}
	return filepath.Join("testdata", "output")
}
