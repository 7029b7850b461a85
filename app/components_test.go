package app

import (
	"maps"
	"slices"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

func i64(v int64) *int64 { return &v }

// match asserts that the element at path in tree is expected, with go-app's
// own test matcher.
func match(t *testing.T, tree goapp.UI, expected goapp.UI, path ...int) {
	t.Helper()
	assert.NoError(t, goapp.TestMatch(tree, goapp.TestUIDescriptor{Path: goapp.TestPath(path...), Expected: expected}))
}

func TestActionLink(t *testing.T) {
	Configure(nil, Catalog{}, "/atlas/")
	defer Configure(nil, Catalog{}, "/")

	enabled := actionLink("demo", domain.Action{Label: "Review restore run #100", URL: "tenants/1/restore-runs/100"}, "recovery-action")
	match(t, enabled, el.A().Class("button").Attr("href", "/atlas/s/demo/tenants/1/restore-runs/100").DataSet("testid", "recovery-action").Text("Review restore run #100"))

	disabled := actionLink("demo", domain.Action{Label: "Open restore history", Disabled: true, HelperText: "Your access does not include restore runs."}, "recovery-action")
	match(t, disabled, el.Button().Attr("type", "button").Class("button").Attr("disabled", true).DataSet("testid", "recovery-action").
		Attr("aria-describedby", "recovery-action-help").Text("Open restore history"), 0)
	match(t, disabled, el.Span().ID("recovery-action-help").Class("helper").Text("Your access does not include restore runs."), 1)
}

// No fake zeros: only the counts the snapshot has are shown.
func TestResultSummary(t *testing.T) {
	tree := resultSummary(domain.ResultSummary{Available: true, Counts: &snapshot.Counts{Total: i64(3), Skipped: i64(1)}})
	match(t, tree, el.Li().DataSet("count", "Total"), 0)
	match(t, tree, el.Li().DataSet("count", "Skipped"), 1)
	assert.Error(t, goapp.TestMatch(tree, goapp.TestUIDescriptor{Path: goapp.TestPath(2), Expected: el.Li()}), "no third count")

	match(t, resultSummary(domain.ResultSummary{Text: "Result summary unavailable"}), goapp.Text("Result summary unavailable"))
}

func TestDiagnosticsCollapsed(t *testing.T) {
	v := NewView("t", []byte(`{"schema_version":1,"generated_at":"2026-04-09T01:19:36+02:00","tenants":[{"id":1,"name":"A"}],
	"restore_runs":[{"id":1,"tenant_id":1,"status":"completed","is_dry_run":false,"created_at":"2026-04-08T10:00:00Z"}]}`))
	require.False(t, v.Rejected())
	ts, recs, ok := v.Tenant(1)
	require.True(t, ok)
	rs, raw, ok := v.Run(ts, recs, 1)
	require.True(t, ok)
	match(t, diagnostics(v, recs, rs, raw), el.Details().Class("card diagnostics").DataSet("testid", "diagnostics"))
	assert.Error(t, goapp.TestMatch(diagnostics(v, recs, rs, raw), goapp.TestUIDescriptor{Expected: el.Details().Class("card diagnostics").DataSet("testid", "diagnostics").Attr("open", true)}), "the matcher sees an open attribute")
}

func TestRunOfAnotherTenantIsNotFound(t *testing.T) {
	v := NewView("t", []byte(`{"schema_version":1,"generated_at":"2026-04-09T01:19:36+02:00","tenants":[{"id":1,"name":"A"},{"id":2,"name":"B"}],
	"restore_runs":[{"id":7,"tenant_id":2,"status":"completed","is_dry_run":false,"created_at":"2026-04-08T10:00:00Z"}]}`))
	ts, recs, ok := v.Tenant(1)
	require.True(t, ok)
	_, _, found := v.Run(ts, recs, 7)
	assert.False(t, found)
	assert.False(t, v.Found(Address{Kind: pageRestoreRun, Snap: "t", Tenant: 1, Run: 7}))
	assert.True(t, v.Found(Address{Kind: pageRestoreRun, Snap: "t", Tenant: 2, Run: 7}))
}

func TestParseAddress(t *testing.T) {
	tests := []struct {
		path string
		want Address
	}{
		{"/", Address{Kind: pageSnapshots}},
		{"/s/demo/", Address{Kind: pagePortfolio, Snap: "demo"}},
		{"/s/demo", Address{Kind: pagePortfolio, Snap: "demo"}},
		{"/s/demo/tenants/4", Address{Kind: pageTenant, Snap: "demo", Tenant: 4}},
		{"/s/demo/tenants/4/restore-runs", Address{Kind: pageRestoreRuns, Snap: "demo", Tenant: 4}},
		{"/s/demo/tenants/4/restore-runs/100", Address{Kind: pageRestoreRun, Snap: "demo", Tenant: 4, Run: 100}},
		{"/s/demo/tenants/4/backup-sets", Address{Kind: pageBackupSets, Snap: "demo", Tenant: 4}},
		{"/s/../tenants/4", Address{Kind: pageUnknown}},
		{"/s/demo/tenants/x", Address{Kind: pageUnknown}},
		{"/s/demo/tenants/99999999999999999999", Address{Kind: pageUnknown}},
		// Every int64 id has a page; one past the largest names none.
		{"/s/demo/tenants/9223372036854775807", Address{Kind: pageTenant, Snap: "demo", Tenant: 9223372036854775807}},
		{"/s/demo/tenants/9223372036854775807/restore-runs/9223372036854775807",
			Address{Kind: pageRestoreRun, Snap: "demo", Tenant: 9223372036854775807, Run: 9223372036854775807}},
		{"/s/demo/tenants/9223372036854775808", Address{Kind: pageUnknown}},
		{"/s/demo/tenants/1/restore-runs/9999999999999999999", Address{Kind: pageUnknown}},
	}
	for _, tt := range tests {
		got := ParseAddress(tt.path, nil)
		got.Query = nil
		assert.Equal(t, tt.want, got, tt.path)
	}
}

func TestPortfolioQueryIgnoresUnknownValues(t *testing.T) {
	q := readPortfolioQuery(map[string][]string{"backup": {"<script>"}, "recovery": {"weakened"}, "sort": {"drop table"}, "page": {"-3"}})
	assert.Equal(t, portfolioQuery{recovery: "weakened", sort: "name", page: 1}, q)
}

func TestPortfolioQueryPage(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{{"", 1}, {"1", 1}, {"2", 2}, {"0", 1}, {"-1", 1}, {"x", 1}, {"99999999999999999999", 1}, {"1e3", 1}}
	for _, tt := range tests {
		assert.Equal(t, tt.want, readPortfolioQuery(map[string][]string{"page": {tt.in}}).page, "page=%q", tt.in)
	}
}

// A page holds at most pageSize rows, and a page past the end shows the last.
func TestPaginate(t *testing.T) {
	tests := []struct {
		n, page int
		want    pageSpan
	}{
		{0, 1, pageSpan{page: 1, pages: 1, from: 0, to: 0}},
		{1, 1, pageSpan{page: 1, pages: 1, from: 0, to: 1}},
		{pageSize, 1, pageSpan{page: 1, pages: 1, from: 0, to: pageSize}},
		{pageSize + 1, 2, pageSpan{page: 2, pages: 2, from: pageSize, to: pageSize + 1}},
		{5000, 3, pageSpan{page: 3, pages: 50, from: 2 * pageSize, to: 3 * pageSize}},
		{5000, 51, pageSpan{page: 50, pages: 50, from: 49 * pageSize, to: 5000}},
		{5000, -4, pageSpan{page: 1, pages: 50, from: 0, to: pageSize}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, paginate(tt.n, tt.page), "n=%d page=%d", tt.n, tt.page)
	}
}

// Every word shown for a state key is free of docs/rules.md §6 phrases.
func TestStateWords(t *testing.T) {
	all := slices.Concat(slices.Collect(maps.Values(postureWords)), slices.Collect(maps.Values(overviewWords)),
		slices.Collect(maps.Values(attentionWords)), slices.Collect(maps.Values(proofWords)))
	for _, words := range all {
		_, found := domain.ContainsForbiddenClaim(words)
		assert.False(t, found, "%q", words)
	}
}
