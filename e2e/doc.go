// Package e2e holds the browser QA: the static site built by `tenantatlas
// build`, served by nginx from Debian's package with the repository's
// configuration on a loopback port, driven by headless Chromium through
// chromedp. The tests skip, saying so, when Chromium or nginx is absent,
// unless REQUIRE_BROWSER=1.
package e2e
