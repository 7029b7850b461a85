package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/internal/site"
)

// shardedSite is the shipped snapshots, every one published sharded
// (index.json and one file per tenant), under a base path.
func shardedSite(t *testing.T) string {
	t.Helper()
	return buildOnce(t, shardedKey, "/atlas/", fixtures.FS, site.ShardAbove(0))
}

const shardedKey = "sharded /atlas/"

// The sharded form gives the browser the same states as the CLI: the
// portfolio read from index.json, a tenant's pages (rendered by the app from
// 404.html: only portfolios are prerendered) from its own file.
func TestShardedSiteAgreesWithCLI(t *testing.T) {
	chromium := browserTest(t)
	srv := startNginx(t, shardedSite(t), "/atlas/")
	ctx := newBrowser(t, chromium)
	seen := statesSeen{}
	for _, name := range []string{"demo", "isolation-quarantine", "viewer-no-restore", "orphan-record"} {
		agreesWithCLI(t, ctx, seen, srv.URL, name)
	}
}

// snapshotFetches are the snapshot files the page itself fetched (the
// Resource Timing API sees the page's requests, not the service worker's
// precaching), as paths below snapshots/.
const snapshotFetches = `JSON.stringify(performance.getEntriesByType("resource")
	.map(e => new URL(e.name).pathname).filter(p => p.includes("/snapshots/"))
	.map(p => p.slice(p.indexOf("/snapshots/") + "/snapshots/".length)))`

// A page of a sharded snapshot fetches what it shows and nothing more: the
// portfolio its index, a tenant's page the index and that tenant's file.
func TestShardedPagesFetchOnlyTheirFiles(t *testing.T) {
	chromium := browserTest(t)
	srv := startNginx(t, shardedSite(t), "/atlas/")
	tests := []struct {
		page string
		want []string
	}{
		{"s/demo/", []string{"demo/index.json"}},
		{"s/demo/tenants/5", []string{"demo/index.json", "demo/tenants/5.json"}},
		{"s/demo/tenants/5/restore-runs/140", []string{"demo/index.json", "demo/tenants/5.json"}},
		// A quarantined tenant's page is its errors, which the index holds.
		{"s/demo/tenants/12", []string{"demo/index.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			t.Parallel()
			ctx := newBrowser(t, chromium) // a cold cache for each
			run(t, ctx, chromedp.Navigate(srv.URL+tt.page), waitApp())
			var got []string
			require.NoError(t, json.Unmarshal([]byte(evalString(t, ctx, snapshotFetches)), &got))
			assert.Equal(t, tt.want, got)
			text := evalString(t, ctx, `document.querySelector("main").innerText`)
			assert.False(t, strings.Contains(text, "Not found"), "%s: %s", tt.page, text)
		})
	}
}
