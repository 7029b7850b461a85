package app

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/domain"
)

// The portfolio's state bar: for backup health and for recovery evidence,
// one bar whose segments are as long as the count of tenants in each state.
// Each segment is a link to the portfolio filtered to that state, and says
// its state and count in words (aria-label and <title>), so the bar reads
// without its colours; the counts list beside it says the same in text.

// barSegment is one state's share of a bar.
type barSegment struct {
	state, words string
	n            int
}

// stateBars are the two bars of the portfolio.
func stateBars(snap string, posture map[domain.Posture]int, overview map[domain.OverviewState]int) app.UI {
	return app.Elem("div").Class("state-bars").DataSet("testid", "state-bars").Body(
		stateBar(snap, "backup", "Backup health", segments(postureWords, posture, domain.Postures...)),
		stateBar(snap, "recovery", "Recovery evidence", segments(overviewWords, overview,
			domain.OverviewWeakened, domain.OverviewUnvalidated, domain.OverviewNoRecentIssuesVisible)),
	)
}

// segments are the states' shares of a bar, in the order given.
func segments[K ~string](words map[K]string, counts map[K]int, states ...K) []barSegment {
	out := make([]barSegment, 0, len(states))
	for _, s := range states {
		out = append(out, barSegment{state: string(s), words: words[s], n: counts[s]})
	}
	return out
}

// stateBar draws one bar in a 1000-unit wide box that the page stretches;
// a state with no tenant has no segment, and one with a few tenants among
// thousands is still wide enough to see and to click.
func stateBar(snap, filter, title string, segs []barSegment) app.UI {
	total, shown, last := 0, 0, -1
	for i, s := range segs {
		total += s.n
		if s.n > 0 {
			shown, last = shown+1, i
		}
	}
	const width, least = 1000, 12
	spread := width - least*shown
	id := "bar-" + filter
	label := fmt.Sprintf("%s of %d tenants with valid data, by state; each part links to its tenants", title, total)
	parts := []app.UI{svg("title").ID(id + "-title").Text(label)}
	x := 0
	for i, s := range segs {
		if s.n == 0 {
			continue
		}
		w := least + s.n*spread/total
		if i == last {
			w = width - x
		}
		words := fmt.Sprintf("%s: %d %s", s.words, s.n, plural(s.n, "tenant", "tenants"))
		href := link("/s/" + snap + "/?" + url.Values{filter: {s.state}}.Encode())
		parts = append(parts, svg("a").Attr("href", href).Attr("aria-label", words+". Show them.").
			DataSet("testid", "state-bar-segment").DataSet("filter", filter+"="+s.state).Body(
			svg("title").Text(words),
			svg("rect").Class("bar__seg bar__seg--"+filter+"-"+s.state).
				Attr("x", strconv.Itoa(x)).Attr("y", "0").Attr("width", strconv.Itoa(w)).Attr("height", "20"),
		))
		x += w
	}
	return app.Elem("div").Class("state-bar").Body(
		app.Elem("span").Class("state-bar__label").Attr("aria-hidden", "true").Text(title),
		svg("svg").Class("state-bar__svg").Attr("viewBox", "0 0 1000 20").Attr("preserveAspectRatio", "none").
			Attr("role", "group").Attr("aria-labelledby", id+"-title").DataSet("testid", "state-bar").DataSet("filter", filter).
			Body(parts...),
	)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
