package app

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Time, navigation and density, as the server prerenders them.

// runIDs are the run ids of a restore-run list, in page order.
func runIDs(page string) []string { return attrs(page, "restore-run-row", "data-run-id") }

// headTag is the column head of a sortable list for key.
func headTag(page, key string) string {
	return regexp.MustCompile(`<th [^>]*data-sort-key="` + key + `"[^>]*>`).FindString(page)
}

// headLink is the href of that column head's link.
func headLink(page, key string) string {
	m := regexp.MustCompile(`(?s)<th [^>]*data-sort-key="` + key + `"[^>]*>\s*<a [^>]*href="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return strings.ReplaceAll(m[1], "&amp;", "&")
}

// Tenant 8 of the demo: run 170 was created after run 171 and has no
// completion time; run 171 completed.
func TestRunListSortsByColumn(t *testing.T) {
	s := newSite(t, fixtureSource(t), "/")
	list := "/s/demo/tenants/8/restore-runs"
	tests := []struct {
		sort string
		want []string
		aria string // aria-sort of the column head
	}{
		{"", []string{"170", "171"}, "ascending"}, // by run id
		{"id", []string{"170", "171"}, "ascending"},
		{"-id", []string{"171", "170"}, "descending"},
		{"created", []string{"171", "170"}, "ascending"},
		{"-created", []string{"170", "171"}, "descending"},
		// A run without a completion time sorts last either way.
		{"completed", []string{"171", "170"}, "ascending"},
		{"-completed", []string{"171", "170"}, "descending"},
		{"dry_run", []string{"170", "171"}, "ascending"},
		{"operation", []string{"171", "170"}, "ascending"}, // 170 has none: last
		// An unknown order is the default one, and is never echoed.
		{"<script>", []string{"170", "171"}, "ascending"},
		{"-nope", []string{"170", "171"}, "ascending"},
	}
	for _, tt := range tests {
		page := s.get(list + "?" + url.Values{"sort": {tt.sort}}.Encode())
		assert.Equal(t, tt.want, runIDs(page), "sort=%s", tt.sort)
		key := readRunSort(url.Values{"sort": {tt.sort}}).key
		assert.Equal(t, tt.aria, attr(headTag(page, key), "aria-sort"), "sort=%s", tt.sort)
		notContains(t, page, "<script>", tt.sort)
		notContains(t, page, "nope", tt.sort)
		// Exactly one column says it sorts.
		assert.Equal(t, 1, strings.Count(page, "aria-sort="), "sort=%s", tt.sort)
	}

	// The column heads are links: ascending first, descending on the
	// current ascending column; a known continuity reason is kept, an
	// unknown one dropped.
	page := s.get(list + "?sort=created&recovery_posture_reason=no_recent_issues_visible")
	assert.Equal(t, list+"?recovery_posture_reason=no_recent_issues_visible&sort=-created", headLink(page, "created"))
	assert.Equal(t, list+"?recovery_posture_reason=no_recent_issues_visible&sort=completed", headLink(page, "completed"))
	page = s.get(list + "?sort=-created&recovery_posture_reason=bogus")
	assert.Equal(t, list+"?sort=created", headLink(page, "created"))
	notContains(t, page, "bogus", "an unknown reason is not echoed into the sort links")
}

// Rows that lack a value sort after those that have it, in both
// directions; ties keep ascending run id.
func TestSortRuns(t *testing.T) {
	at := func(h int) *time.Time { v := time.Date(2026, 4, 8, h, 0, 0, 0, time.UTC); return &v }
	row := func(id int64, created int, completed *time.Time, dry bool, set *int64) runRow {
		return runRow{state: &domain.RunState{ID: id, Attention: domain.Attention{State: domain.AttentionCompleted}},
			raw: &snapshot.RestoreRun{ID: id, CreatedAt: *at(created), CompletedAt: completed, IsDryRun: dry, BackupSetID: set}}
	}
	rows := []runRow{row(1, 9, nil, false, i64(20)), row(2, 8, at(10), true, nil), row(3, 10, at(11), false, i64(10)), row(4, 8, at(9), false, i64(10))}
	tests := []struct {
		sort string
		want []int64
	}{
		{"id", []int64{1, 2, 3, 4}},
		{"created", []int64{2, 4, 1, 3}},
		{"-created", []int64{3, 1, 2, 4}},
		{"completed", []int64{4, 2, 3, 1}},
		{"-completed", []int64{3, 2, 4, 1}},
		{"dry_run", []int64{1, 3, 4, 2}},
		{"-dry_run", []int64{2, 1, 3, 4}},
		{"backup_set", []int64{3, 4, 1, 2}},
		{"-backup_set", []int64{1, 3, 4, 2}},
		{"operation", []int64{1, 2, 3, 4}}, // none has one: run id
	}
	for _, tt := range tests {
		got := append([]runRow(nil), rows...)
		sortRuns(got, readRunSort(url.Values{"sort": {tt.sort}}))
		var ids []int64
		for _, r := range got {
			ids = append(ids, r.state.ID)
		}
		assert.Equal(t, tt.want, ids, "sort=%s", tt.sort)
	}
}

// Each run says when it was created and completed (in <time datetime>),
// whether it was a dry run, and the backup set and operation it names.
func TestRunListColumns(t *testing.T) {
	s := newSite(t, fixtureSource(t), "/")
	page := s.get("/s/demo/tenants/1/restore-runs")
	rows := regexp.MustCompile(`(?s)<tr [^>]*data-testid="restore-run-row".*?</tr>`).FindAllString(page, -1)
	require.Len(t, rows, 2)
	cell := func(row, label string) string {
		return text(regexp.MustCompile(`(?s)<td [^>]*data-label="` + label + `"[^>]*>.*?</td>`).FindString(row))
	}
	assert.Equal(t, "2026-04-08 23:00 UTC", cell(rows[0], "Created"))
	assert.Contains(t, rows[0], `<time datetime="2026-04-08T23:00:00Z">`)
	assert.Equal(t, "2026-04-08 23:06 UTC", cell(rows[0], "Completed"))
	assert.Equal(t, "No", cell(rows[0], "Dry run"))
	assert.Equal(t, "#10 Nightly", cell(rows[0], "Backup set"))
	assert.Equal(t, "#500 restore.execute, completed", cell(rows[0], "Operation"))
	assert.Equal(t, "not completed", cell(rows[1], "Completed"))
	assert.Equal(t, "Yes", cell(rows[1], "Dry run"))
	assert.Equal(t, "none", cell(rows[1], "Operation"))
	assert.Equal(t, "Not executed Review preview", cell(rows[1], "Attention"), "attention with its next action")

	sets := s.get("/s/demo/tenants/5/backup-sets")
	srows := regexp.MustCompile(`(?s)<tr [^>]*data-testid="backup-set-row".*?</tr>`).FindAllString(sets, -1)
	require.NotEmpty(t, srows)
	for _, r := range srows {
		assert.NotEmpty(t, cell(r, "Started"), r)
		assert.NotEmpty(t, cell(r, "Duration"), r)
	}
	assert.Contains(t, sets, `data-label="Started"`)
}

// A tenant's pages share one sub-navigation, with aria-current on where the
// reader is; an area the viewer may not open is named, not linked.
func TestTenantNav(t *testing.T) {
	s := newSite(t, fixtureSource(t), "/atlas/")
	tests := []struct {
		page, current, value string
	}{
		{"/s/demo/tenants/5", "/atlas/s/demo/tenants/5", "page"},
		{"/s/demo/tenants/5/restore-runs", "/atlas/s/demo/tenants/5/restore-runs", "page"},
		{"/s/demo/tenants/5/backup-sets", "/atlas/s/demo/tenants/5/backup-sets", "page"},
		{"/s/demo/tenants/5/restore-runs/140", "/atlas/s/demo/tenants/5/restore-runs", "location"},
	}
	for _, tt := range tests {
		page := s.get(tt.page)
		nav := element(page, "tenant-nav")
		require.NotEmpty(t, nav, tt.page)
		assert.Equal(t, "Overview Restore runs Backup sets", text(nav), tt.page)
		links := regexp.MustCompile(`<a [^>]*>`).FindAllString(nav, -1)
		require.Len(t, links, 3, tt.page)
		var current []string
		for _, a := range links {
			if v := attr(a, "aria-current"); v != "" {
				current = append(current, attr(a, "href")+" "+v)
			}
		}
		assert.Equal(t, []string{tt.current + " " + tt.value}, current, tt.page)
	}
	for _, tt := range []struct{ page, missing, area string }{
		{"/s/viewer-no-restore/tenants/1", "restore.view", "/restore-runs"},
		{"/s/viewer-no-backup/tenants/1", "backup.view", "/backup-sets"},
	} {
		nav := element(s.get(tt.page), "tenant-nav")
		assert.NotContains(t, nav, tt.area+`"`, tt.page)
		assert.Contains(t, text(nav), "("+tt.missing+" missing)", tt.page)
	}
}

// (text() reads the no-break space between a number and its unit as a
// space, as a reader does.)
//
// The cards say how long before the snapshot the latest backup and the
// latest executed restore were, with the exact instant in <time datetime>.
func TestCardAges(t *testing.T) {
	s := newSite(t, fixtureSource(t), "/")
	tests := []struct {
		page, id, text, datetime string
	}{
		{"/s/demo/tenants/5", "backup-age", "Latest backup 21 h before this snapshot; window 48 h. Completed 2026-04-08 02:00 UTC", "2026-04-08T02:00:00Z"},
		{"/s/demo/tenants/5", "restore-age", "Latest executed restore 8 h before this snapshot. Completed 2026-04-08 14:20 UTC", "2026-04-08T14:20:00Z"},
		{"/s/demo/tenants/11", "restore-age", "Latest executed restore 38 days before this snapshot. Completed 2026-03-01 08:06 UTC", "2026-03-01T08:06:00Z"},
		{"/s/demo/tenants/3", "restore-age", "No executed restore in this snapshot.", ""},
		{"/s/overview-created-at-fallback/tenants/1", "restore-age", "Latest executed restore created 2 h before this snapshot; it has no completion time. Created 2026-04-08 21:00 UTC", "2026-04-08T21:00:00Z"},
		{"/s/viewer-no-backup/tenants/1", "backup-age", "Freshness window 24 h; backup times are not shown without backup.view.", ""},
	}
	for _, tt := range tests {
		page := s.get(tt.page)
		el := element(page, tt.id)
		assert.Equal(t, tt.text, text(el), tt.page)
		assert.Equal(t, tt.datetime, attr(regexp.MustCompile(`<time [^>]*>`).FindString(el), "datetime"), tt.page)
	}
	assert.Empty(t, tags(s.get("/s/viewer-no-restore/tenants/1"), "restore-age"), "no restore time without restore.view")
	assert.NotEmpty(t, tags(s.get("/s/demo/tenants/5/restore-runs/140"), "run-when"))
}

// The portfolio counts each tenant's Needs Attention entries, says how old
// its latest backup and restore are, and can put the tenants in need first.
func TestPortfolioNeedAndAges(t *testing.T) {
	src := fixtureSource(t)
	s := newSite(t, src, "/")
	_, res := resolve(t, src["demo"])
	need := map[string]int{}
	for _, ts := range res.Tenants {
		if ts.DataStatus == domain.DataValid {
			need[fmt.Sprint(ts.TenantID)] = len(ts.NeedsAttention)
		}
	}
	page := s.get("/s/demo/?sort=attention")
	rows := regexp.MustCompile(`(?s)<tr [^>]*data-testid="tenant-row".*?</tr>`).FindAllString(page, -1)
	require.Len(t, rows, len(res.Tenants))
	last := 1 << 30
	for i, r := range rows {
		tag := regexp.MustCompile(`^<tr [^>]*>`).FindString(r)
		id := attr(tag, "data-tenant-id")
		if attr(tag, "data-overview-state") == "invalid" {
			assert.Equal(t, 0, i, "invalid data first: nothing can be said of it")
			continue
		}
		count := attr(tags(r, "needs-attention-count")[0], "data-count")
		assert.Equal(t, fmt.Sprint(need[id]), count, id)
		n := need[id]
		assert.LessOrEqual(t, n, last, "tenant %s: more need sorts first", id)
		last = n
	}
	assert.Contains(t, page, `<option value="attention" selected>Needs attention first</option>`)
	woodgrove := regexp.MustCompile(`(?s)<tr [^>]*data-tenant-id="5".*?</tr>`).FindString(page)
	assert.Contains(t, text(woodgrove), "21 h before this snapshot; window 48 h 2026-04-08 02:00 UTC")
	assert.Contains(t, woodgrove, `<time datetime="2026-04-08T02:00:00Z">`)
	assert.Contains(t, text(woodgrove), "Run #140, Partial 8 h before this snapshot 2026-04-08 14:20 UTC")
	// The snapshot's own time heads the page, in the same format.
	assert.Contains(t, text(element(page, "snapshot-line")), "2026-04-08 23:19 UTC")

	// Without restore.view no restore time reaches the portfolio.
	noRestore := s.get("/s/viewer-no-restore/")
	assert.NotContains(t, text(noRestore), "before this snapshot 2026", "only backup ages")
	for _, r := range regexp.MustCompile(`(?s)<td [^>]*data-label="Latest relevant restore".*?</td>`).FindAllString(noRestore, -1) {
		assert.NotContains(t, r, "<time", "restore times are hidden without restore.view")
	}
}

// Each segment of the state bars is a link to the portfolio filtered to its
// state, says its state and count in words, and lists exactly the tenants
// in that state; a state without tenants has no segment.
func TestStateBarLinks(t *testing.T) {
	src := fixtureSource(t)
	s := newSite(t, src, "/atlas/")
	_, res := resolve(t, src["demo"])
	posture, overview := map[string]int{}, map[string]int{}
	words := map[string]string{}
	for _, ts := range res.Tenants {
		if ts.DataStatus == domain.DataValid {
			posture[string(ts.BackupHealth.Posture)]++
			overview[string(ts.RecoveryEvidence.OverviewState)]++
			words["backup="+string(ts.BackupHealth.Posture)] = postureWords[ts.BackupHealth.Posture]
			words["recovery="+string(ts.RecoveryEvidence.OverviewState)] = overviewWords[ts.RecoveryEvidence.OverviewState]
		}
	}
	page := s.get("/s/demo/")
	assert.Len(t, tags(page, "state-bar"), 2)
	segs := tags(page, "state-bar-segment")
	want := len(posture) + len(overview)
	require.Len(t, segs, want)
	for _, seg := range segs {
		filter, state, _ := strings.Cut(attr(seg, "data-filter"), "=")
		counts := posture
		if filter == "recovery" {
			counts = overview
		}
		n := counts[state]
		href := attr(seg, "href")
		assert.Equal(t, "/atlas/s/demo/?"+filter+"="+state, href)
		assert.Equal(t, fmt.Sprintf("%s: %d %s. Show them.", words[filter+"="+state], n, plural(n, "tenant", "tenants")), attr(seg, "aria-label"))
		filtered := s.get(strings.TrimPrefix(href, "/atlas"))
		assert.Len(t, tags(filtered, "tenant-row"), n, href)
		for _, row := range tags(filtered, "tenant-row") {
			attrName := map[string]string{"backup": "data-backup-posture", "recovery": "data-overview-state"}[filter]
			assert.Equal(t, state, attr(row, attrName), href)
		}
	}
	// The bar has a text alternative: its <title>, named by aria-labelledby.
	svg := regexp.MustCompile(`<svg [^>]*>`).FindAllString(page, -1)
	require.Len(t, svg, 2)
	for _, tag := range svg {
		id := attr(tag, "aria-labelledby")
		assert.Regexp(t, `<title id="`+id+`">[^<]+ of 14 tenants with valid data`, page)
	}
}

// Segment widths add up to the bar, and a small state stays visible.
func TestStateBarWidths(t *testing.T) {
	tree := stateBar("demo", "backup", "Backup health", []barSegment{{"absent", "No usable backup", 1}, {"stale", "Stale", 0}, {"healthy", "Inputs current", 4998}})
	html := goapp.HTMLString(tree)
	var widths []int
	for _, m := range regexp.MustCompile(`width="(\d+)"`).FindAllStringSubmatch(html, -1) {
		var w int
		fmt.Sscan(m[1], &w)
		widths = append(widths, w)
	}
	require.Len(t, widths, 2, "no segment for a state without tenants")
	assert.GreaterOrEqual(t, widths[0], 12)
	assert.Equal(t, 1000, widths[0]+widths[1])
}

// The home page says what the product does and leads to the demo; the
// scenarios are listed once each, under the rule table they exercise.
func TestHomeIntroAndScenarioGroups(t *testing.T) {
	src := fixtureSource(t)
	// The catalog as the site builds it: the demo, then fixtures/scenarios.
	cat := Catalog{Entries: []CatalogEntry{{Name: "demo", Title: "demo", Group: "Demo"}}}
	files, err := fs.Glob(fixtures.FS, "scenarios/*.json")
	require.NoError(t, err)
	var scenarios []string
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".json")
		cat.Entries = append(cat.Entries, CatalogEntry{Name: name, Title: name, Group: "Scenarios"})
		scenarios = append(scenarios, name)
	}
	sort.Slice(cat.Entries, func(i, j int) bool { return cat.Entries[i].Name < cat.Entries[j].Name })
	Routes()
	Configure(src, cat, "/")
	t.Cleanup(func() { Configure(nil, Catalog{}, "/") })
	s := &site{t: t, base: "/", h: &goapp.Handler{Title: "tenantatlas", Resources: Resources("/", nil)}}
	page := s.get("/")
	intro := element(page, "intro")
	require.NotEmpty(t, intro)
	assert.Contains(t, text(intro), "a backup is not a restore")
	assert.Equal(t, "/s/demo/", attr(tags(page, "open-demo")[0], "href"))
	_, found := domain.ContainsForbiddenClaim(text(page))
	assert.False(t, found)

	groups := regexp.MustCompile(`(?s)<div [^>]*data-testid="scenario-group".*?</ul>`).FindAllString(page, -1)
	require.NotEmpty(t, groups)
	listed := map[string]string{}
	for _, g := range groups {
		table := attr(regexp.MustCompile(`^<div [^>]*>`).FindString(g), "data-table")
		for _, m := range regexp.MustCompile(`href="/s/([^/"]+)/"`).FindAllStringSubmatch(g, -1) {
			_, twice := listed[m[1]]
			assert.False(t, twice, "%s listed once", m[1])
			listed[m[1]] = table
		}
	}
	for _, name := range scenarios {
		assert.Contains(t, listed, name)
	}
	assert.Equal(t, "Backup health", listed["backup-stale-offset-instants"])
	assert.Equal(t, "Restore result attention", listed["attention-operation-failed"])
	assert.Equal(t, "Recovery evidence overview", listed["overview-only-previews"])
	assert.Equal(t, "Restore result state", listed["result-no-operation"])
	assert.Equal(t, "Viewer access", listed["viewer-no-restore"])
	assert.Equal(t, "Records and isolation", listed["hostile-text"])
}

// Every claim-boundary line of a run says no more than its state allows.
func TestBoundaryWords(t *testing.T) {
	for _, key := range []string{"preview_only", "no_recovery_claim", "follow_up_weakens_confidence", "tenant_recovery_not_proven"} {
		words, ok := boundaryWords[key]
		require.True(t, ok, key)
		_, found := domain.ContainsForbiddenClaim(words)
		assert.False(t, found, "%s reads %q", key, words)
	}
}
