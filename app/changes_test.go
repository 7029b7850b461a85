package app

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/fixtures"
)

// These tests prerender the pages of the shipped demo series (changes,
// since, trend, timeline) and compare them with package change's answers
// for the same snapshots.

// seriesSource is the shipped fixtures plus the demo series named
// demo.STEM, and a catalog listing the series as the site does.
func seriesSource(t *testing.T) (memSource, Catalog, []string) {
	t.Helper()
	src := fixtureSource(t)
	files, err := fs.Glob(fixtures.FS, "series/demo/*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 7)
	var cat Catalog
	for name := range src {
		cat.Entries = append(cat.Entries, CatalogEntry{Name: name, Group: "Scenarios"})
	}
	var series []CatalogEntry
	for _, f := range files {
		b, err := fs.ReadFile(fixtures.FS, f)
		require.NoError(t, err)
		name := "demo." + strings.TrimSuffix(path.Base(f), ".json")
		src[name] = b
		_, res := resolve(t, b)
		series = append(series, CatalogEntry{Name: name, Group: SeriesGroup, Series: "demo", GeneratedAt: *res.GeneratedAt})
	}
	SortSeries(series)
	names := make([]string, len(series))
	for i, e := range series {
		names[i] = e.Name
	}
	cat.Entries = append(cat.Entries, series...)
	return src, cat, names
}

func newSeriesSite(t *testing.T, base string) (*site, memSource, []string) {
	t.Helper()
	src, cat, names := seriesSource(t)
	s := newSite(t, src, base)
	Configure(src, cat, base)
	return s, src, names
}

// history is change's history of the series up to and including names[i].
func history(t *testing.T, src memSource, names []string, i int) *change.History {
	t.Helper()
	var entries []change.Entry
	for _, n := range names[:i+1] {
		_, res := resolve(t, src[n])
		e, err := change.EntryOf(n, res)
		require.NoError(t, err)
		entries = append(entries, e)
	}
	h, err := change.NewHistory(entries)
	require.NoError(t, err)
	return h
}

func diffOf(t *testing.T, src memSource, old, new string) *change.Diff {
	t.Helper()
	_, a := resolve(t, src[old])
	_, b := resolve(t, src[new])
	d, err := change.Compare(a, b)
	require.NoError(t, err)
	return d
}

// forbiddenInChanges are words change copy never uses, besides docs/rules.md §6.
var forbiddenInChanges = []string{"recovered", "fixed", "resolved"}

func assertHonestCopy(t *testing.T, page, where string) {
	t.Helper()
	words := strings.ToLower(text(page))
	phrase, found := domain.ContainsForbiddenClaim(words)
	assert.False(t, found, "%s says %q", where, phrase)
	for _, w := range forbiddenInChanges {
		assert.NotContains(t, words, w, where)
	}
}

// TestChangesPageOfEachDay: the changes page of every snapshot of the series
// lists, worst first, each tenant the diff with the snapshot before lists,
// with its markers, its words, and links to the tenant and its runs; the
// first snapshot has no previous one. Every change and direction of
// docs/history.md occurs in the shipped series.
func TestChangesPageOfEachDay(t *testing.T) {
	for _, base := range []string{"/", "/atlas/"} {
		s, src, names := newSeriesSite(t, base)
		seen := map[string]bool{}
		for i, name := range names {
			page := s.get("/s/" + name + "/changes")
			assert.True(t, ready(page), name)
			assertHonestCopy(t, page, name)
			if i == 0 {
				assert.Len(t, tags(page, "no-previous"), 1, name)
				assert.Empty(t, tags(page, "change-row"), name)
				continue
			}
			require.Empty(t, tags(page, "no-previous"), name)
			d := diffOf(t, src, names[i-1], name)
			want := change.WorstFirst(d.Tenants)
			// Listed rows first, in order; the unchanged ones after them.
			var order []change.TenantChange
			for _, tc := range want {
				if tc.Listed() {
					order = append(order, tc)
				}
			}
			for _, tc := range want {
				if !tc.Listed() {
					order = append(order, tc)
				}
			}
			rows := tags(page, "change-row")
			require.Len(t, rows, len(order), name)
			for j, tc := range order {
				dir := "none"
				if tc.Direction != nil {
					dir = *tc.Direction
				}
				assert.Equal(t, fmt.Sprint(tc.TenantID), attr(rows[j], "data-tenant-id"), "%s row %d", name, j)
				assert.Equal(t, tc.Change, attr(rows[j], "data-change"), "%s tenant %d", name, tc.TenantID)
				assert.Equal(t, dir, attr(rows[j], "data-direction"), "%s tenant %d", name, tc.TenantID)
				seen[tc.Change] = true
				seen[dir] = true
				row := rowElement(page, rows[j])
				assert.Contains(t, text(row), capitalize(change.Describe(&tc)), "%s tenant %d says what changed", name, tc.TenantID)
				in := name
				if tc.Change == change.Removed {
					in = names[i-1]
				}
				assert.Contains(t, row, fmt.Sprintf(`href="%ss/%s/tenants/%d"`, base, in, tc.TenantID), "links to the tenant")
				if tc.LatestRelevantRestoreRunID != nil && tc.LatestRelevantRestoreRunID.New != nil && tc.Change != change.Removed {
					assert.Regexp(t, regexp.MustCompile(fmt.Sprintf(`href="%ss/%s/tenants/%d/restore-runs/\d+"`, regexp.QuoteMeta(base), regexp.QuoteMeta(name), tc.TenantID)), row, "links to a run")
				}
			}
			summary := text(element(page, "changes-summary"))
			assert.Contains(t, summary, fmt.Sprintf("%d changed (%d worse, %d mixed, %d less in need of attention), %d added, %d removed, %d unchanged",
				d.Summary.Changed, d.Summary.Worse, d.Summary.Mixed, d.Summary.Better, d.Summary.Added, d.Summary.Removed, d.Summary.Unchanged), name)
		}
		for _, k := range []string{change.Added, change.Removed, change.Changed, change.Unchanged, change.Worse, change.Better, change.Mixed, change.Same} {
			assert.True(t, seen[k], "the series shows %s", k)
		}
	}
}

// rowElement is the whole <tr> that starts with tag.
func rowElement(page, tag string) string {
	start := strings.Index(page, tag)
	end := strings.Index(page[start:], "</tr>")
	return page[start : start+end]
}

// TestChangesPageFrom: ?from= compares with any snapshot of the site, a
// reversed pair says so, and a name that is not a snapshot is not shown back.
func TestChangesPageFrom(t *testing.T) {
	s, src, names := newSeriesSite(t, "/")
	last, first := names[len(names)-1], names[0]

	page := s.get("/s/" + last + "/changes?from=" + first)
	d := diffOf(t, src, first, last)
	assert.Len(t, tags(page, "change-row"), len(d.Tenants))
	assert.Equal(t, []string{first}, attrs(page, "changes", "data-from"))
	assert.Empty(t, tags(page, "reversed"))

	page = s.get("/s/" + first + "/changes?from=" + last)
	assert.Len(t, tags(page, "reversed"), 1, "a reversed pair says so")
	assert.Contains(t, text(element(page, "reversed")), "backwards in time")
	assertHonestCopy(t, page, "reversed")

	page = s.get("/s/" + last + "/changes?from=demo")
	assert.Len(t, tags(page, "change-row"), len(diffOf(t, src, "demo", last).Tenants), "a snapshot outside the series")

	page = s.get("/s/" + last + "/changes?from=" + last)
	for _, r := range tags(page, "change-row") {
		assert.Equal(t, "unchanged", attr(r, "data-change"), "a snapshot compared with itself")
	}
	assert.Len(t, tags(page, "nothing-changed"), 1)

	for _, hostile := range []string{"nope", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "..%2Fdemo"} {
		page := s.get("/s/" + last + "/changes?from=" + hostile)
		assert.Len(t, tags(page, "no-previous"), 1, hostile)
		assert.NotContains(t, text(element(page, "no-previous")), "nope", hostile)
		assert.NotContains(t, page, "alert(1)", hostile)
	}

	// A rejected side is named, with why.
	page = s.get("/s/" + last + "/changes?from=not-json")
	assert.Contains(t, text(element(page, "changes-error")), "old snapshot rejected")
	assert.Empty(t, tags(page, "change-row"))

	// A local series lives in the browser only: the server renders the
	// loading state, never "not found".
	page = s.get("/s/local.2/changes")
	assert.False(t, ready(page))
	assert.Empty(t, tags(page, "not-found"))

	// Without restore.view no restore record reaches the page (docs/rules.md §7).
	page = s.get("/s/viewer-no-restore/changes?from=" + last)
	require.NotEmpty(t, tags(page, "change-row"))
	for _, leak := range []string{"Run #", "restore-runs/", "restore run #"} {
		assert.NotContains(t, element(page, "changes"), leak)
	}

	page = s.get("/s/demo/changes")
	assert.Len(t, tags(page, "no-previous"), 1, "a snapshot of no series")
	assert.Contains(t, text(element(page, "no-previous")), "no series")
}

// TestSinceMarkers: on a series snapshot, each valid tenant's states carry
// since when they hold, as of that snapshot (later snapshots never count);
// a quarantined tenant and a snapshot of no series carry none.
func TestSinceMarkers(t *testing.T) {
	s, src, names := newSeriesSite(t, "/")
	for i, name := range names {
		h := history(t, src, names, i)
		portfolio := s.get("/s/" + name + "/")
		phrase, found := domain.ContainsForbiddenClaim(text(portfolio))
		assert.False(t, found, "%s says %q", name, phrase)
		_, res := resolve(t, src[name])
		for _, ts := range res.Tenants {
			th := h.Tenant(ts.TenantID)
			require.NotNil(t, th)
			row := rowElement(portfolio, tags(portfolio, "tenant-row")[slices.IndexFunc(tags(portfolio, "tenant-row"), func(tag string) bool {
				return attr(tag, "data-tenant-id") == fmt.Sprint(ts.TenantID)
			})])
			since := regexp.MustCompile(`<td[^>]*data-since="([^"]*)"[^>]*>`).FindAllStringSubmatch(row, -1)
			dash := s.get(fmt.Sprintf("/s/%s/tenants/%d", name, ts.TenantID))
			// The dashboard's own copy keeps docs/rules.md §6; the words this
			// issue adds (since, timeline) also avoid the change words.
			phrase, found := domain.ContainsForbiddenClaim(text(dash))
			assert.False(t, found, "%s tenant %d says %q", name, ts.TenantID, phrase)
			assertHonestCopy(t, element(dash, "timeline"), "timeline")
			for _, since := range regexp.MustCompile(`<span class="since">[^<]*</span>`).FindAllString(dash, -1) {
				assertHonestCopy(t, since, "since")
			}
			if ts.DataStatus != domain.DataValid {
				assert.Empty(t, since, "%s tenant %d is quarantined", name, ts.TenantID)
				continue
			}
			require.Len(t, since, 2, "%s tenant %d", name, ts.TenantID)
			later := th.BackupPosture.FirstSeenAt
			if h.Index(name) >= 0 && firstIndex(h, th.OverviewState.FirstSeenAt) > firstIndex(h, later) {
				later = th.OverviewState.FirstSeenAt
			}
			assert.Equal(t, later, attr(regexp.MustCompile(`^<tr[^>]*>`).FindString(row), "data-since"), "the row holds since the later of the two")
			assert.Equal(t, th.BackupPosture.FirstSeenAt, since[0][1])
			assert.Equal(t, th.OverviewState.FirstSeenAt, since[1][1])
			assert.Contains(t, text(row), th.BackupPosture.Phrase())
			assert.Equal(t, []string{th.BackupPosture.FirstSeenAt}, attrs(dash, "backup-health", "data-since"))
			assert.Equal(t, []string{th.OverviewState.FirstSeenAt}, attrs(dash, "recovery-evidence", "data-since"))
			assert.Contains(t, text(element(dash, "recovery-evidence")), "In this state "+th.OverviewState.Phrase())
			assert.Equal(t, th.BackupPosture.State, attrs(dash, "backup-health", "data-state")[0])
		}
	}
	// Fabrikam (2) went stale between the 7th and the 8th: as of the 8th
	// the sentence names both, as of the 9th still the same run.
	dash := s.get("/s/" + names[len(names)-1] + "/tenants/2")
	assert.Contains(t, text(element(dash, "backup-health")), "since between 2026-04-07T01:19:36+02:00 and 2026-04-08T01:19:36+02:00")
	// Coho Winery (10) was weakened from the first snapshot on: at least.
	dash = s.get("/s/" + names[len(names)-2] + "/tenants/10")
	assert.Contains(t, text(element(dash, "recovery-evidence")), "since at least "+history(t, src, names, 0).Snapshots[0].GeneratedAt)

	for _, p := range []string{"/s/demo/", "/s/demo/tenants/1"} {
		page := s.get(p)
		assert.NotContains(t, page, "data-since", p)
		assert.Empty(t, tags(page, "trend"), p)
		assert.Empty(t, tags(page, "timeline"), p)
	}
}

// firstIndex is the position of the snapshot generated at at.
func firstIndex(h *change.History, at string) int {
	return slices.IndexFunc(h.Snapshots, func(s change.SnapshotCounts) bool { return s.GeneratedAt == at })
}

// TestTrendChart: the portfolio of a series snapshot draws the counts of
// the series up to it, as an SVG image with a name and as a table of the
// same numbers.
func TestTrendChart(t *testing.T) {
	s, src, names := newSeriesSite(t, "/")
	for i, name := range names {
		h := history(t, src, names, i)
		page := s.get("/s/" + name + "/")
		trend := element(page, "trend")
		require.NotEmpty(t, trend, name)
		svgs := regexp.MustCompile(`<svg[^>]*>`).FindAllString(trend, -1)
		require.Len(t, svgs, 2, "backup health and recovery evidence")
		for _, tag := range svgs {
			assert.Equal(t, "img", attr(tag, "role"))
			assert.Contains(t, attr(tag, "aria-label"), fmt.Sprintf("in %d snapshots", i+1))
		}
		rows := tags(trend, "trend-row")
		require.Len(t, rows, i+1, "%s: only snapshots up to this one", name)
		for j, sc := range h.Snapshots {
			assert.Equal(t, sc.File, attr(rows[j], "data-snapshot"))
			c := sc.Counts
			want := fmt.Sprintf("%s %d %d %d %d %d %d %d %d", sc.GeneratedAt,
				c.BackupPosture.Healthy, c.BackupPosture.Degraded, c.BackupPosture.Stale, c.BackupPosture.Absent,
				c.OverviewState.NoRecentIssuesVisible, c.OverviewState.Unvalidated, c.OverviewState.Weakened, c.Invalid)
			assert.Equal(t, want, text(rowElement(trend, rows[j])), "%s row %d", name, j)
		}
		// A bar per snapshot and chart, its segments summing to the
		// snapshot's tenants.
		assert.Equal(t, 2*(i+1), strings.Count(trend, `class="trend__label"`))
		assertHonestCopy(t, trend, name)
	}
}

// TestTimelineStrip: a tenant's dashboard shows one step per snapshot up to
// this one, with its states there, absent or invalid.
func TestTimelineStrip(t *testing.T) {
	s, src, names := newSeriesSite(t, "/")
	i := len(names) - 1
	h := history(t, src, names, i)
	for _, id := range []int64{4, 11, 5} { // onboarded, quarantined on the 5th, degraded twice
		page := s.get(fmt.Sprintf("/s/%s/tenants/%d", names[i], id))
		points := tags(page, "timeline-point")
		require.Len(t, points, i+1, "tenant %d", id)
		for j, p := range h.Tenant(id).Timeline {
			want := "none"
			switch {
			case p == nil:
			case p.BackupPosture == nil:
				want = "invalid"
			default:
				want = *p.BackupPosture
			}
			assert.Equal(t, want, attr(points[j], "data-backup-posture"), "tenant %d at %s", id, names[j])
		}
		assert.Equal(t, "step", attr(points[i], "aria-current"))
	}
	// Earlier snapshots know nothing of later ones.
	page := s.get("/s/" + names[3] + "/tenants/4")
	assert.Len(t, tags(page, "not-found"), 1, "Tailspin Toys is onboarded on the 8th")
	page = s.get("/s/" + names[3] + "/tenants/11")
	assert.Len(t, tags(page, "timeline-point"), 4)
	// A quarantined tenant's page shows its errors and nothing derived.
	page = s.get("/s/" + names[2] + "/tenants/11")
	assert.Len(t, tags(page, "tenant-invalid"), 1, "Proseware is quarantined on the 5th")
	assert.Empty(t, tags(page, "timeline"))
}

// Two snapshots of one series at one instant cannot be ordered: the pages
// say so, and show no since when, trend or previous snapshot.
func TestSeriesOfOneInstant(t *testing.T) {
	src, cat, names := seriesSource(t)
	src["tie.a"], src["tie.b"] = src[names[0]], src[names[0]]
	at := cat.Entries[len(cat.Entries)-1].GeneratedAt
	cat.Entries = append(cat.Entries, CatalogEntry{Name: "tie.a", Group: SeriesGroup, Series: "tie", GeneratedAt: at},
		CatalogEntry{Name: "tie.b", Group: SeriesGroup, Series: "tie", GeneratedAt: at})
	s := newSite(t, src, "/")
	Configure(src, cat, "/")
	page := s.get("/s/tie.b/")
	assert.Contains(t, text(element(page, "series-error")), "tie.a and tie.b are both at")
	assert.NotContains(t, page, "data-since")
	page = s.get("/s/tie.b/changes")
	assert.Contains(t, text(element(page, "no-previous")), "could not be put in order")
}
