package e2e

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// axeSource is axe-core's script, from AXE_CORE_JS (.ci/run installs it
// from the npm registry). Without it, ok is false; under REQUIRE_BROWSER=1
// (CI) a missing axe fails the test instead, so nothing is skipped there.
func axeSource(t *testing.T) (axe []byte, ok bool) {
	t.Helper()
	path := os.Getenv("AXE_CORE_JS")
	if path == "" {
		if os.Getenv("REQUIRE_BROWSER") == "1" {
			t.Fatal("REQUIRE_BROWSER=1: AXE_CORE_JS must name axe.min.js (.ci/run installs it)")
		}
		return nil, false
	}
	axe, err := os.ReadFile(path)
	require.NoError(t, err)
	return axe, true
}

// requireAxe is axeSource for a test that checks nothing else: it skips,
// saying why, when axe is not there.
func requireAxe(t *testing.T) []byte {
	t.Helper()
	axe, ok := axeSource(t)
	if !ok {
		t.Skip("SKIPPED: set AXE_CORE_JS to axe-core's axe.min.js (npm install axe-core) to run the accessibility checks")
	}
	return axe
}

// axeViolations runs axe on the page the tab shows, its disclosures open so
// that their content is checked too, and returns the serious and critical
// violations of WCAG 2.1 A and AA, sorted. axe is injected once a document.
func axeViolations(t *testing.T, ctx context.Context, axe []byte) []string {
	t.Helper()
	evalString(t, ctx, `document.querySelectorAll("details").forEach(d => d.open = true), "ok"`)
	if evalString(t, ctx, `typeof axe`) == "undefined" {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[any](string(axe)))
		require.NoError(t, err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
		.then(r => JSON.stringify(r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "))))`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	var violations []string
	require.NoError(t, json.Unmarshal([]byte(out), &violations))
	sort.Strings(violations)
	return violations
}
