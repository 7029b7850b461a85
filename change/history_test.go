package change_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// at is the generated_at of day n of a series.
func at(n int) string { return fmt.Sprintf("2026-04-%02dT01:00:00Z", n) }

// series makes a history of one tenant (id 1) from its state in each
// snapshot: "" absent, "x" invalid, else "posture/overview".
func series(t *testing.T, states ...string) *change.History {
	t.Helper()
	var entries []change.Entry
	for i, s := range states {
		var ts []domain.TenantState
		switch s {
		case "":
		case "x":
			ts = append(ts, invalid(1))
		default:
			posture, overview, _ := strings.Cut(s, "/")
			ts = append(ts, tenant(1, posture, overview))
		}
		e, err := change.EntryOf(fmt.Sprintf("day%d.json", i+1), resolution(at(i+1), ts...))
		require.NoError(t, err)
		entries = append(entries, e)
	}
	h, err := change.NewHistory(entries)
	require.NoError(t, err)
	return h
}

// TestSince: since when a state holds (docs/history.md), each rule and edge.
func TestSince(t *testing.T) {
	hs, st, hw := healthy+"/"+clean, stale+"/"+clean, healthy+"/"+weakened
	cases := []struct {
		name   string
		states []string
		want   *change.Since // backup posture
	}{
		{"one snapshot: since at least it", []string{hs}, &change.Since{State: healthy, FirstSeenAt: at(1)}},
		{"the run reaches the first snapshot", []string{hs, hs, hs}, &change.Since{State: healthy, FirstSeenAt: at(1)}},
		{"a different state before the run", []string{hs, st, st}, &change.Since{State: stale, FirstSeenAt: at(2), LastDifferentAt: p(at(1))}},
		{"only the latest run counts", []string{st, hs, st}, &change.Since{State: stale, FirstSeenAt: at(3), LastDifferentAt: p(at(2))}},
		{"absent breaks the run", []string{st, "", st}, &change.Since{State: stale, FirstSeenAt: at(3), LastDifferentAt: p(at(2))}},
		{"invalid breaks the run", []string{st, "x", st}, &change.Since{State: stale, FirstSeenAt: at(3), LastDifferentAt: p(at(2))}},
		{"absent before the run, at the start", []string{"", st, st}, &change.Since{State: stale, FirstSeenAt: at(2), LastDifferentAt: p(at(1))}},
		{"latest valid snapshot not the last: tenant left", []string{hs, st, ""}, &change.Since{State: stale, FirstSeenAt: at(2), LastDifferentAt: p(at(1))}},
		{"latest valid snapshot not the last: quarantined", []string{st, st, "x"}, &change.Since{State: stale, FirstSeenAt: at(1)}},
		{"the other state does not break the run", []string{hs, hw, hs}, &change.Since{State: healthy, FirstSeenAt: at(1)}},
		{"never valid: null", []string{"x", "", "x"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := series(t, c.states...)
			require.Len(t, h.Tenants, 1)
			assert.Equal(t, c.want, h.Tenants[0].BackupPosture)
		})
	}
}

// TestSinceOverview: the overview has its own run.
func TestSinceOverview(t *testing.T) {
	h := series(t, healthy+"/"+weakened, stale+"/"+weakened, healthy+"/"+clean)
	th := h.Tenant(1)
	require.NotNil(t, th)
	assert.Equal(t, &change.Since{State: clean, FirstSeenAt: at(3), LastDifferentAt: p(at(2))}, th.OverviewState)
	assert.Equal(t, &change.Since{State: healthy, FirstSeenAt: at(3), LastDifferentAt: p(at(2))}, th.BackupPosture)
	h = series(t, healthy+"/"+weakened, stale+"/"+weakened)
	assert.Equal(t, &change.Since{State: weakened, FirstSeenAt: at(1)}, h.Tenant(1).OverviewState)
}

func TestSincePhrase(t *testing.T) {
	assert.Equal(t, "since at least "+at(1), (&change.Since{State: stale, FirstSeenAt: at(1)}).Phrase())
	assert.Equal(t, "since between "+at(1)+" and "+at(2), (&change.Since{State: stale, FirstSeenAt: at(2), LastDifferentAt: p(at(1))}).Phrase())
}

// TestTimeline: one point per snapshot, null where absent, invalid with
// null states where quarantined.
func TestTimeline(t *testing.T) {
	h := series(t, healthy+"/"+weakened, "", "x", stale+"/"+clean)
	tl := h.Tenant(1).Timeline
	require.Len(t, tl, 4)
	assert.Equal(t, &change.Point{GeneratedAt: at(1), DataStatus: validData, BackupPosture: p(healthy), OverviewState: p(weakened)}, tl[0])
	assert.Nil(t, tl[1])
	assert.Equal(t, &change.Point{GeneratedAt: at(3), DataStatus: invalidData}, tl[2])
	assert.Equal(t, p(stale), tl[3].BackupPosture)
}

// TestOrderAndTies: the series is ordered by instant, whatever the order
// of the files and the offsets written; two snapshots at one instant are an
// error naming both.
func TestOrderAndTies(t *testing.T) {
	entry := func(file, at string) change.Entry {
		e, err := change.EntryOf(file, resolution(at, tenant(1, healthy, clean)))
		require.NoError(t, err)
		return e
	}
	h, err := change.NewHistory([]change.Entry{entry("c.json", "2026-04-09T03:00:00+02:00"), entry("a.json", at(7)), entry("b.json", "2026-04-08T02:00:00+02:00")})
	require.NoError(t, err)
	var files, ats []string
	for _, s := range h.Snapshots {
		files, ats = append(files, s.File), append(ats, s.GeneratedAt)
	}
	assert.Equal(t, []string{"a.json", "b.json", "c.json"}, files)
	assert.Equal(t, []string{at(7), "2026-04-08T02:00:00+02:00", "2026-04-09T03:00:00+02:00"}, ats, "printed as written")
	assert.Equal(t, 2, h.Index("c.json"))
	assert.Equal(t, -1, h.Index("d.json"))

	for _, c := range []struct{ name, a, b string }{
		{"same text", at(8), at(8)},
		{"same instant, other offset", at(8), "2026-04-08T03:00:00+02:00"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := change.NewHistory([]change.Entry{entry("x.json", at(1)), entry("one.json", c.a), entry("two.json", c.b)})
			var tie *change.TieError
			require.ErrorAs(t, err, &tie)
			assert.Contains(t, err.Error(), "one.json")
			assert.Contains(t, err.Error(), "two.json")
		})
	}
}

// TestRejectedEntry names the file.
func TestRejectedEntry(t *testing.T) {
	_, err := change.EntryOf("bad.json", &domain.Resolution{Errors: snapshot.Problems{{Message: "not JSON", Reach: snapshot.ReachSnapshot}}})
	var rej *change.RejectedError
	require.ErrorAs(t, err, &rej)
	assert.Equal(t, "bad.json snapshot rejected: not JSON", err.Error())
}

// TestTrend counts every tenant of each snapshot, invalid ones apart.
func TestTrend(t *testing.T) {
	e1, err := change.EntryOf("1.json", resolution(at(1), tenant(1, healthy, clean), tenant(2, stale, weakened), invalid(3), tenant(4, absent, unknown), tenant(5, degraded, weakened)))
	require.NoError(t, err)
	e2, err := change.EntryOf("2.json", resolution(at(2), invalid(1), invalid(3)))
	require.NoError(t, err)
	h, err := change.NewHistory([]change.Entry{e2, e1})
	require.NoError(t, err)
	assert.Equal(t, change.Counts{
		BackupPosture: change.PostureCounts{Healthy: 1, Degraded: 1, Stale: 1, Absent: 1},
		OverviewState: change.OverviewCounts{Unvalidated: 1, Weakened: 2, NoRecentIssuesVisible: 1},
		Invalid:       1,
	}, h.Snapshots[0].Counts)
	assert.Equal(t, change.Counts{Invalid: 2}, h.Snapshots[1].Counts)
}

// TestUpto: a page of a snapshot never uses a later one.
func TestUpto(t *testing.T) {
	h := series(t, healthy+"/"+clean, stale+"/"+clean, healthy+"/"+clean)
	u := h.Upto(1)
	require.Len(t, u.Snapshots, 2)
	assert.Equal(t, &change.Since{State: stale, FirstSeenAt: at(2), LastDifferentAt: p(at(1))}, u.Tenant(1).BackupPosture)
	assert.Len(t, u.Tenant(1).Timeline, 2)
	assert.Equal(t, &change.Since{State: healthy, FirstSeenAt: at(3), LastDifferentAt: p(at(2))}, h.Tenant(1).BackupPosture, "the whole series is untouched")
}

// TestEntryOfPortfolio gives the rows EntryOf gives.
func TestEntryOfPortfolio(t *testing.T) {
	res := resolution(at(1), tenant(1, stale, weakened), invalid(2))
	res.Name = p("Demo")
	want, err := change.EntryOf("s", res)
	require.NoError(t, err)
	port := &domain.Portfolio{GeneratedAt: at(1), Name: "Demo", Tenants: []domain.PortfolioTenant{
		{ID: 1, Name: "Tenant", Row: domain.PortfolioRow{DataStatus: domain.DataValid, BackupPosture: p(domain.PostureStale), OverviewState: p(domain.OverviewWeakened)}},
		{ID: 2, Name: "Tenant", Row: domain.PortfolioRow{DataStatus: domain.DataInvalid}},
	}}
	assert.Equal(t, want, change.EntryOfPortfolio("s", port))
}

// TestHistoryJSON: members and order as docs/interfaces.md shows them.
func TestHistoryJSON(t *testing.T) {
	e1, err := change.EntryOf("2026-04-08.json", resolution(at(8), tenant(1, healthy, weakened), tenant(2, healthy, clean)))
	require.NoError(t, err)
	e2, err := change.EntryOf("2026-04-09.json", resolution(at(9), tenant(1, stale, weakened), invalid(3)))
	require.NoError(t, err)
	h, err := change.NewHistory([]change.Entry{e1, e2})
	require.NoError(t, err)
	b, err := json.Marshal(h)
	require.NoError(t, err)
	assert.JSONEq(t, `{
  "snapshots": [
    { "file": "2026-04-08.json", "generated_at": "2026-04-08T01:00:00Z", "name": null,
      "counts": { "backup_posture": { "healthy": 2, "degraded": 0, "stale": 0, "absent": 0 },
                  "overview_state": { "unvalidated": 0, "weakened": 1, "no_recent_issues_visible": 1 }, "invalid": 0 } },
    { "file": "2026-04-09.json", "generated_at": "2026-04-09T01:00:00Z", "name": null,
      "counts": { "backup_posture": { "healthy": 0, "degraded": 0, "stale": 1, "absent": 0 },
                  "overview_state": { "unvalidated": 0, "weakened": 1, "no_recent_issues_visible": 0 }, "invalid": 1 } }
  ],
  "tenants": [
    { "tenant_id": 1, "name": "Tenant",
      "backup_posture": { "state": "stale", "first_seen_at": "2026-04-09T01:00:00Z", "last_different_at": "2026-04-08T01:00:00Z" },
      "overview_state": { "state": "weakened", "first_seen_at": "2026-04-08T01:00:00Z", "last_different_at": null },
      "timeline": [ { "generated_at": "2026-04-08T01:00:00Z", "data_status": "valid", "backup_posture": "healthy", "overview_state": "weakened" },
                    { "generated_at": "2026-04-09T01:00:00Z", "data_status": "valid", "backup_posture": "stale", "overview_state": "weakened" } ] },
    { "tenant_id": 2, "name": "Tenant",
      "backup_posture": { "state": "healthy", "first_seen_at": "2026-04-08T01:00:00Z", "last_different_at": null },
      "overview_state": { "state": "no_recent_issues_visible", "first_seen_at": "2026-04-08T01:00:00Z", "last_different_at": null },
      "timeline": [ { "generated_at": "2026-04-08T01:00:00Z", "data_status": "valid", "backup_posture": "healthy", "overview_state": "no_recent_issues_visible" }, null ] },
    { "tenant_id": 3, "name": "Tenant", "backup_posture": null, "overview_state": null,
      "timeline": [ null, { "generated_at": "2026-04-09T01:00:00Z", "data_status": "invalid", "backup_posture": null, "overview_state": null } ] }
  ]
}`, string(b))
}
