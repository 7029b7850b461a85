package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/domain"
)

// The trend of a series, drawn as inline SVG (no chart library: a few
// rectangles), with the same numbers as a table for screen readers and for
// anyone who wants them exactly.

// segment is one state of a stacked bar.
type segment struct {
	key, words string
	count      func(change.Counts) int
}

var backupSegments = []segment{
	{string(domain.PostureHealthy), postureWords[domain.PostureHealthy], func(c change.Counts) int { return c.BackupPosture.Healthy }},
	{string(domain.PostureDegraded), postureWords[domain.PostureDegraded], func(c change.Counts) int { return c.BackupPosture.Degraded }},
	{string(domain.PostureStale), postureWords[domain.PostureStale], func(c change.Counts) int { return c.BackupPosture.Stale }},
	{string(domain.PostureAbsent), postureWords[domain.PostureAbsent], func(c change.Counts) int { return c.BackupPosture.Absent }},
	{"invalid", "Invalid data", func(c change.Counts) int { return c.Invalid }},
}

var overviewSegments = []segment{
	{string(domain.OverviewNoRecentIssuesVisible), overviewWords[domain.OverviewNoRecentIssuesVisible], func(c change.Counts) int { return c.OverviewState.NoRecentIssuesVisible }},
	{string(domain.OverviewUnvalidated), overviewWords[domain.OverviewUnvalidated], func(c change.Counts) int { return c.OverviewState.Unvalidated }},
	{string(domain.OverviewWeakened), overviewWords[domain.OverviewWeakened], func(c change.Counts) int { return c.OverviewState.Weakened }},
	{"invalid", "Invalid data", func(c change.Counts) int { return c.Invalid }},
}

// shortDate is the day of a generated_at, "04-09", for an axis label.
func shortDate(at string) string {
	if len(at) >= 10 {
		return at[5:10]
	}
	return at
}

// trendChart shows, for each snapshot of the series up to this one, how
// many tenants are in each state.
func trendChart(s *seriesInfo) app.UI {
	if s != nil && s.Err != nil {
		return el.P().Class("card card--warning").DataSet("testid", "series-error").Text("This snapshot belongs to a series that could not be put in order, so no trend or since when is shown: " + s.Err.Error())
	}
	if s == nil || s.History == nil || len(s.History.Snapshots) == 0 {
		return app.Text("")
	}
	snaps := s.History.Snapshots
	return el.Section().Class("card trend").DataSet("testid", "trend").Attr("aria-labelledby", "trend-title").Body(
		el.H2().ID("trend-title").Textf("Trend of the series, %d snapshots up to this one", len(snaps)),
		el.Div().Class("trend__charts").Body(
			bars("Backup health", "backup", snaps, backupSegments),
			bars("Recovery evidence", "overview", snaps, overviewSegments),
		),
		app.If(len(s.Left) > 0, func() app.UI {
			return el.P().Class("helper").Text("Left out, as they could not be read or were rejected: " + strings.Join(s.Left, ", "))
		}),
		el.Details().Body(
			el.Summary().Text("The numbers, as a table"),
			trendTable(snaps),
		),
	)
}

// bars is one stacked bar chart: a bar per snapshot, a segment per state.
func bars(title, kind string, snaps []change.SnapshotCounts, segs []segment) app.UI {
	const bw, gap, h, top, bottom, left = 22, 14, 120, 8, 22, 4
	max := 1
	for _, sc := range snaps {
		total := 0
		for _, sg := range segs {
			total += sg.count(sc.Counts)
		}
		if total > max {
			max = total
		}
	}
	w := left + len(snaps)*(bw+gap)
	var shapes []app.UI
	for i, sc := range snaps {
		x := left + i*(bw+gap)
		y := float64(top + h)
		for _, sg := range segs {
			n := sg.count(sc.Counts)
			if n == 0 {
				continue
			}
			hh := float64(n) * h / float64(max)
			y -= hh
			shapes = append(shapes, svg("rect").Class("trend__seg trend__seg--"+kind+"-"+sg.key).
				Attr("x", x).Attr("y", fmt.Sprintf("%.1f", y)).Attr("width", bw).Attr("height", fmt.Sprintf("%.1f", hh)))
		}
		shapes = append(shapes, svg("text").Class("trend__label").Attr("x", x+bw/2).Attr("y", top+h+16).
			Attr("text-anchor", "middle").Text(shortDate(sc.GeneratedAt)))
	}
	last := snaps[len(snaps)-1].Counts
	var now []string
	for _, sg := range segs {
		if n := sg.count(last); n > 0 {
			now = append(now, fmt.Sprintf("%d %s", n, strings.ToLower(sg.words)))
		}
	}
	label := fmt.Sprintf("%s of the tenants in %d snapshots, from %s to %s; in the last: %s.",
		title, len(snaps), snaps[0].GeneratedAt, snaps[len(snaps)-1].GeneratedAt, strings.Join(now, ", "))
	return el.Figure().Class("trend__chart").Body(
		svg("svg").Attr("viewBox", fmt.Sprintf("0 0 %d %d", w, top+h+bottom)).Attr("role", "img").
			Attr("aria-label", label).Attr("width", w).Attr("height", top+h+bottom).Body(shapes...),
		el.Figcaption().Body(
			el.Strong().Text(title),
			el.Ul().Class("trend__legend").Body(app.Range(segs).Slice(func(i int) app.UI {
				return el.Li().Body(el.Span().Class("trend__swatch trend__seg--"+kind+"-"+segs[i].key).Attr("aria-hidden", "true"), app.Text(segs[i].words))
			})),
		),
	)
}

// trendTable is the chart's numbers: a row per snapshot.
func trendTable(snaps []change.SnapshotCounts) app.UI {
	heads := []string{"Snapshot"}
	for _, sg := range backupSegments[:4] {
		heads = append(heads, "Backup: "+sg.words)
	}
	for _, sg := range overviewSegments[:3] {
		heads = append(heads, "Recovery: "+sg.words)
	}
	heads = append(heads, "Invalid data")
	return el.Div().Class("table-wrap").Body(el.Table().Class("table table--stack").DataSet("testid", "trend-table").Body(
		el.Caption().Text("Tenants in each state, per snapshot of the series"),
		tableHead(heads...),
		el.TBody().Body(app.Range(snaps).Slice(func(i int) app.UI {
			sc := snaps[i]
			cells := []app.UI{el.Th().Attr("scope", "row").Body(el.A().Attr("href", link("/s/"+sc.File+"/")).Text(sc.GeneratedAt))}
			for j, sg := range backupSegments[:4] {
				cells = append(cells, el.Td().DataSet("label", heads[1+j]).Textf("%d", sg.count(sc.Counts)))
			}
			for j, sg := range overviewSegments[:3] {
				cells = append(cells, el.Td().DataSet("label", heads[5+j]).Textf("%d", sg.count(sc.Counts)))
			}
			cells = append(cells, el.Td().DataSet("label", "Invalid data").Textf("%d", sc.Counts.Invalid))
			return el.Tr().DataSet("testid", "trend-row").DataSet("snapshot", sc.File).Body(cells...)
		})),
	))
}

// timelineStrip is one tenant across the series up to this snapshot: a
// step per snapshot, with its two states in words, or why there are none.
func timelineStrip(snap string, s *seriesInfo, id int64) app.UI {
	if s == nil || s.History == nil {
		return app.Text("")
	}
	th := s.History.Tenant(id)
	if th == nil {
		return app.Text("")
	}
	snaps := s.History.Snapshots
	return el.Section().Class("card").DataSet("testid", "timeline").Attr("aria-labelledby", "timeline-title").Body(
		el.H2().ID("timeline-title").Text("Timeline in this series"),
		el.P().Class("muted").Text("One step per snapshot up to this one: backup health, then recovery evidence."),
		el.Ol().Class("timeline").Body(app.Range(snaps).Slice(func(i int) app.UI {
			p := th.Timeline[i]
			li := el.Li().Class("timeline__step").DataSet("testid", "timeline-point").DataSet("snapshot", snaps[i].File)
			if snaps[i].File == snap {
				li = li.Attr("aria-current", "step").Class("timeline__step timeline__step--current")
			}
			date := el.Span().Class("timeline__date").Text(shortDate(snaps[i].GeneratedAt))
			switch {
			case p == nil:
				return li.DataSet("backup-posture", "none").DataSet("overview-state", "none").Body(date, el.Span().Class("muted").Text("Not in this snapshot"))
			case p.BackupPosture == nil || p.OverviewState == nil:
				return li.DataSet("backup-posture", "invalid").DataSet("overview-state", "invalid").Body(date,
					el.A().Attr("href", link(fmt.Sprintf("/s/%s/tenants/%d", snaps[i].File, id))).Body(badge("", "Invalid data")))
			}
			return li.DataSet("backup-posture", *p.BackupPosture).DataSet("overview-state", *p.OverviewState).Body(
				el.A().Attr("href", link(fmt.Sprintf("/s/%s/tenants/%d", snaps[i].File, id))).Body(
					date,
					badge(postureTone[domain.Posture(*p.BackupPosture)], postureWords[domain.Posture(*p.BackupPosture)]),
					badge(overviewTone[domain.OverviewState(*p.OverviewState)], overviewWords[domain.OverviewState(*p.OverviewState)]),
				),
			)
		})),
	)
}
