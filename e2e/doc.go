// Package e2e holds the browser QA: the static site built by `tenantatlas
// build`, served by nginx from Debian's package with the repository's
// configuration on a loopback port, driven by headless Chromium through
// chromedp. The tests skip, saying so, when Chromium or nginx is absent,
// unless REQUIRE_BROWSER=1.
//
// The tests run side by side in one Chromium (go test's -parallel says how
// many at once; the Makefile gives 3). A new test joins them by beginning
//
//	chromium := browserTest(t) // requireTools, then t.Parallel
//
// and keeping to what is its own or shared read only: a tab from newBrowser
// (a browser context of its own: cold cache, no storage, no service
// worker), an nginx from startNginx (a port and an access log of its own),
// a site from builtSite or buildOnce (built once per test binary, by
// TestMain's prebuild as the tests start when it is one they all share;
// never written to), waits bounded by run's stepBound. A subtest as independent
// calls t.Parallel too. What is one per process stays behind sitesMu:
// package app's snapshot source, which site.New sets up for the site it
// builds or serves (see servedSite). A test that cannot share (it changes
// the browser itself, or a file of the repository) calls requireTools
// instead, and runs alone, before the parallel ones.
package e2e
