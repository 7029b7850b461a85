package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
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

// browserTest begins a browser test: requireTools, then t.Parallel, so
// that it runs beside the package's other browser tests. A test opts in by
// beginning with it instead of requireTools, and may do so when it keeps
// to its own: a tab from newBrowser (a browser context of its own), an
// nginx from startNginx (a port and access log of its own), the sites from
// builtSite and buildOnce (built once, read only), and a subtest that is
// as independent calls t.Parallel itself. go test's -parallel bounds how
// many run at once (GOMAXPROCS by default; the Makefile names it).
func browserTest(t *testing.T) (chromium string) {
	t.Helper()
	chromium = requireTools(t)
	t.Parallel()
	return chromium
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserOptions are the flags this machine needs (no sandbox as root, no
// background networking: the network is closed) and a profile of its own.
// chromedp starts Chromium with a parent-death signal (SIGKILL): a test
// binary that dies takes its browser with it.
func browserOptions(chromium, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// A sweep through the app's router pushes history entries faster
		// than a person clicks; past Chromium's flooding limit it drops
		// pushState silently, and the address stays behind the page.
		chromedp.Flag("disable-ipc-flooding-protection", true),
		chromedp.WindowSize(1280, 900),
	}
}

// shared is the one Chromium the tests of a run share: starting a browser
// costs seconds, a browser context (below) a few milliseconds. TestMain
// closes it.
var shared struct {
	sync.Mutex
	ctx     context.Context // the browser's first tab, kept open
	cancel  func()
	profile string
	err     error
}

// sharedBrowser starts the shared Chromium on first use.
func sharedBrowser(chromium string) (context.Context, error) {
	shared.Lock()
	defer shared.Unlock()
	if shared.ctx != nil || shared.err != nil {
		return shared.ctx, shared.err
	}
	profile, err := os.MkdirTemp("", "tenantatlas-chromium-")
	if err != nil {
		shared.err = err
		return nil, err
	}
	// Tests run side by side in it, each tab in a window of its own: a
	// window behind another must not be throttled as a background one is
	// (timers, rendering), or a test would wait on another's turn. A
	// hidden tab (TestAppStartsAtOnceInAHiddenTab) is still hidden.
	//
	// V8 compiles app.wasm with its baseline compiler only (Liftoff): each
	// test starts app.wasm cold in a context of its own, and optimizing the
	// same functions again in every one was a seventh of the renderers'
	// CPU (docs/testing.md). WebAssembly means the same in either tier;
	// the benchmarks, which measure what a visitor gets, use their own
	// browser without this flag.
	opts := append(browserOptions(chromium, profile),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("js-flags", "--liftoff-only"))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// The first call starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		os.RemoveAll(profile)
		shared.err = fmt.Errorf("starting chromium: %w", err)
		return nil, shared.err
	}
	shared.ctx, shared.profile = ctx, profile
	shared.cancel = func() { cancel(); cancelAlloc() }
	return ctx, nil
}

// closeSharedBrowser ends the shared Chromium, if one was started.
func closeSharedBrowser() {
	shared.Lock()
	defer shared.Unlock()
	if shared.cancel != nil {
		shared.cancel()
		os.RemoveAll(shared.profile)
	}
	shared.ctx, shared.cancel, shared.err = nil, nil, nil
}

// newBrowser gives the test a tab in a browser context of its own in the
// shared Chromium: a context is what a fresh profile was, a cold cache, no
// service worker, no storage, no cookies, shared with no other test. It is
// closed when the test ends. A benchmark gets a Chromium of its own, as
// before: its cold loads are measured, and must not share a process with
// anything.
func newBrowser(t testing.TB, chromium string) context.Context {
	t.Helper()
	if _, ok := t.(*testing.B); ok {
		return ownBrowser(t, chromium)
	}
	bctx, err := sharedBrowser(chromium)
	require.NoError(t, err)
	ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	require.NoError(t, chromedp.Do(ctx), "opening a tab in a new browser context")
	t.Cleanup(cancel)
	screenshotOnFailure(t, ctx)
	return ctx
}

// ownBrowser starts a Chromium with a fresh profile for t alone.
func ownBrowser(t testing.TB, chromium string) context.Context {
	t.Helper()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browserOptions(chromium, t.TempDir())...)
	ctx, cancel := chromedp.NewContext(actx)
	// The first call starts the browser; it must not carry a timeout.
	require.NoError(t, chromedp.Do(ctx), "starting chromium")
	t.Cleanup(func() { cancel(); cancelAlloc() })
	screenshotOnFailure(t, ctx)
	return ctx
}

// closeBrowser ends the browser (or browser context) of a context newBrowser
// made, before the test does: a benchmark that loads pages in many browsers
// closes each when done with it, or the ones left running (an app, a
// service worker each) load the machine more with every load measured after
// them.
func closeBrowser(ctx context.Context) { _ = chromedp.Cancel(ctx) }

// stepBound bounds a run of browser actions: far above what a step takes
// (a cold start of app.wasm takes seconds), so that a machine many times
// busier than it has cores still passes, and a page that never gets there
// fails the test long before go test's -timeout.
const stepBound = 90 * time.Second

// run runs actions with a bound on time, failing the test when one fails
// (screenshotOnFailure then keeps the page as it was).
func run(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, stepBound)
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
	tctx, cancel := context.WithTimeout(ctx, stepBound)
	defer cancel()
	if _, err := chromedp.RunResponse(tctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}
