package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// requireTools skips the test, saying what is missing, when Chromium or nginx
// is absent; with REQUIRE_BROWSER=1 it fails instead, so CI cannot pass by
// skipping.
func requireTools(t testing.TB) (chromium string) {
	t.Helper()
	var missing []string
	chromium = findChromium()
	if chromium == "" {
		missing = append(missing, "chromium")
	}
	if _, err := exec.LookPath("nginx"); err != nil {
		missing = append(missing, "nginx")
	}
	if len(missing) == 0 {
		return chromium
	}
	msg := fmt.Sprintf("browser tests need %s (Debian: apt-get install chromium nginx-light)", strings.Join(missing, " and "))
	if os.Getenv("REQUIRE_BROWSER") == "1" {
		t.Fatalf("REQUIRE_BROWSER=1: %s", msg)
	}
	t.Skipf("SKIPPED: %s", msg)
	return ""
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts headless Chromium with the flags this machine needs (no
// sandbox as root, no background networking: the network is closed) and a
// fresh profile, so every test starts with a cold cache and no service worker.
func newBrowser(t testing.TB, chromium string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// The first call starts the browser; it must not carry a timeout.
	require.NoError(t, chromedp.Do(ctx), "starting chromium")
	t.Cleanup(func() { cancel(); cancelAlloc() })
	screenshotOnFailure(t, ctx)
	return ctx
}

// closeBrowser ends the browser of a context newBrowser made, before the
// test does: a benchmark that loads pages in many browsers closes each when
// done with it, or the ones left running (an app, a service worker each)
// load the machine more with every load measured after them.
func closeBrowser(ctx context.Context) { _ = chromedp.Cancel(ctx) }

// run runs actions with a bound on time, failing the test when one fails
// (screenshotOnFailure then keeps the page as it was).
func run(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// runNavigating runs actions that load a new document (a form submitted, a
// link the app does not route), as run does, and returns once it has
// loaded: a check polled meanwhile would see the old document go away.
func runNavigating(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(tctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}
