package app

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// portfolioPage lists every tenant of a snapshot (s/{snap}/). Filter, search
// and sort live in the query string, so a view can be shared and survives a
// reload; the form works without JavaScript.
type portfolioPage struct {
	app.Compo
	loader
	// rows are the view's tenants ready to filter and sort, kept while the
	// page shows the same view (portfolio_rows.go).
	rows *portfolioRows
}

func (p *portfolioPage) OnNav(ctx app.Context) {
	p.wants = wants{series: true}
	p.nav(ctx)
}

// portfolioQuery is the page's query string, read strictly: unknown values
// are ignored and never echoed.
type portfolioQuery struct {
	backup, recovery, q, sort string
	page                      int // from 1
}

func readPortfolioQuery(v url.Values) portfolioQuery {
	q := portfolioQuery{q: strings.TrimSpace(v.Get("q")), sort: "name"}
	if _, ok := postureWords[domain.Posture(v.Get("backup"))]; ok {
		q.backup = v.Get("backup")
	}
	if _, ok := overviewWords[domain.OverviewState(v.Get("recovery"))]; ok {
		q.recovery = v.Get("recovery")
	}
	if s := v.Get("sort"); s == "id" || s == "backup" || s == "recovery" || s == "attention" {
		q.sort = s
	}
	if n, err := strconv.Atoi(v.Get("page")); err == nil && n > 1 {
		q.page = n
	} else {
		q.page = 1
	}
	q.q = cutText(q.q, maxSearch)
	return q
}

// maxSearch bounds the search text, in bytes.
const maxSearch = 100

// cutText is s as valid UTF-8 (an invalid byte becomes U+FFFD) of at most n
// bytes, cut between characters: cut in the middle of one, it would put
// invalid UTF-8 into the page.
func cutText(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// overviewSeverity orders overview states from most to least in need of
// attention; domain.Postures is in that order already.
var overviewSeverity = map[domain.OverviewState]int{
	domain.OverviewWeakened: 0, domain.OverviewUnvalidated: 1, domain.OverviewNoRecentIssuesVisible: 2,
}

func (p *portfolioPage) Render() app.UI {
	return p.shell(func() app.UI {
		q := readPortfolioQuery(p.addr.Query)
		pf := p.view.Portfolio
		all := pf.Tenants
		if p.rows == nil || p.rows.view != p.view {
			p.rows = newPortfolioRows(p.view)
		}
		rows := p.rows.rows(q)
		postureCount, overviewCount, invalid := p.rows.posture, p.rows.overview, p.rows.invalid
		snap := p.addr.Snap
		pg := paginate(len(rows), q.page)
		return el.Div().Body(
			el.H1().Text(p.view.Title()),
			portfolioLine(p.view, len(all)),
			stateBars(snap, postureCount, overviewCount),
			summaryCounts(snap, postureCount, overviewCount, invalid),
			changesLink(snap, p.series),
			trendChart(p.series),
			p.filterForm(q),
			portfolioTools(snap, rows, p.addr.Query.Encode()),
			app.If(q.q != "", func() app.UI {
				return el.P().Class("muted").Attr("role", "status").Textf("%d of %d tenants have a name containing “%s”.", len(rows), len(all), q.q)
			}),
			app.If(len(pf.Errors) > 0, func() app.UI {
				return el.Details().Class("card card--warning").Body(
					el.Summary().Textf("%d errors in this snapshot's records", len(pf.Errors)+pf.ErrorsOmitted),
					problemList(pf.Errors, pf.ErrorsOmitted),
				)
			}),
			portfolioTable(snap, rows[pg.from:pg.to], p.view, p.series),
			pager(snap, p.addr.Query, pg, len(rows)),
		)
	})
}

// compareBy orders two tenants by a sort key of the portfolio's query; 0
// leaves them to the name, which breaks every tie.
func compareBy(a, b domain.PortfolioTenant, by string) int {
	key := func(t domain.PortfolioTenant) (int, int) {
		if t.Row.DataStatus != domain.DataValid {
			return -1, -1 // invalid tenants first: they need a look
		}
		return slices.Index(domain.Postures, *t.Row.BackupPosture), overviewSeverity[*t.Row.OverviewState]
	}
	switch by {
	case "id":
		return cmp.Compare(a.ID, b.ID)
	case "backup":
		ka, _ := key(a)
		kb, _ := key(b)
		return cmp.Compare(ka, kb)
	case "recovery":
		_, ka := key(a)
		_, kb := key(b)
		return cmp.Compare(ka, kb)
	case "attention":
		return compareNeed(a, b, key)
	}
	return 0
}

// summaryCounts heads the portfolio with the count of tenants in each state;
// a count is also the filter for its state.
func summaryCounts(snap string, posture map[domain.Posture]int, overview map[domain.OverviewState]int, invalid int) app.UI {
	item := func(filter, state, label string, n int) app.UI {
		count := el.Strong().Textf("%d", n)
		if filter == "" || n == 0 {
			return el.Li().Body(count, app.Text(" "+label))
		}
		href := link("/s/" + snap + "/?" + url.Values{filter: {state}}.Encode())
		return el.Li().Body(el.A().Attr("href", href).DataSet("filter", filter+"="+state).Body(count, app.Text(" "+label)))
	}
	backup := func(state domain.Posture) app.UI {
		return item("backup", string(state), postureWords[state], posture[state])
	}
	recovery := func(state domain.OverviewState) app.UI {
		return item("recovery", string(state), overviewWords[state], overview[state])
	}
	return el.Section().Class("summary").Attr("aria-label", "Counts per state").Body(
		el.Ul().Class("counts").Body(
			el.Li().Class("counts__title").Text("Backup health:"),
			backup(domain.PostureAbsent),
			backup(domain.PostureStale),
			backup(domain.PostureDegraded),
			backup(domain.PostureHealthy),
		),
		el.Ul().Class("counts").Body(
			el.Li().Class("counts__title").Text("Recovery evidence:"),
			recovery(domain.OverviewWeakened),
			recovery(domain.OverviewUnvalidated),
			recovery(domain.OverviewNoRecentIssuesVisible),
			item("", "", "Invalid data", invalid),
		),
	)
}

// option renders a select option. go-app writes selected="false" for
// Selected(false), which browsers read as selected, so it is set only when
// true; "Any" has a value of its own because go-app drops empty ones.
func option(value, label, selected string) app.UI {
	o := el.Option().Attr("value", value).Text(label)
	if value == selected || (value == anyValue && selected == "") {
		o = o.Attr("selected", true)
	}
	return o
}

const anyValue = "any"

func (p *portfolioPage) filterForm(q portfolioQuery) app.UI {
	return el.Form().Class("filters").Attr("method", "get").Attr("action", link("/s/"+p.addr.Snap+"/")).Attr("role", "search").
		On("submit", submitInApp).Body(
		el.Label().Attr("for", "q").Text("Search"),
		el.Input().Attr("type", "search").ID("q").Attr("name", "q").Attr("value", attrValue(q.q)).Attr("placeholder", "Tenant name"),
		el.Label().Attr("for", "backup").Text("Backup"),
		el.Select().ID("backup").Attr("name", "backup").Body(
			option(anyValue, "Any", q.backup),
			option(string(domain.PostureAbsent), postureWords[domain.PostureAbsent], q.backup),
			option(string(domain.PostureStale), postureWords[domain.PostureStale], q.backup),
			option(string(domain.PostureDegraded), postureWords[domain.PostureDegraded], q.backup),
			option(string(domain.PostureHealthy), postureWords[domain.PostureHealthy], q.backup),
		),
		el.Label().Attr("for", "recovery").Text("Recovery"),
		el.Select().ID("recovery").Attr("name", "recovery").Body(
			option(anyValue, "Any", q.recovery),
			option(string(domain.OverviewWeakened), overviewWords[domain.OverviewWeakened], q.recovery),
			option(string(domain.OverviewUnvalidated), overviewWords[domain.OverviewUnvalidated], q.recovery),
			option(string(domain.OverviewNoRecentIssuesVisible), overviewWords[domain.OverviewNoRecentIssuesVisible], q.recovery),
		),
		el.Label().Attr("for", "sort").Text("Sort"),
		el.Select().ID("sort").Attr("name", "sort").Body(
			option("name", "Name", q.sort),
			option("backup", "Backup health", q.sort),
			option("recovery", "Recovery evidence", q.sort),
			option("attention", "Needs attention first", q.sort),
			option("id", "Tenant id", q.sort),
		),
		el.Button().Attr("type", "submit").Class("button").Text("Apply"),
	)
}

// portfolioTable lists the tenants. The latest relevant run links to its
// detail only for a viewer with restore.view; without it, no restore record
// is shown at all (docs/rules.md §7).
func portfolioTable(snap string, rows []domain.PortfolioTenant, v *View, s *seriesInfo) app.UI {
	canRestore := v.Can(snapshot.CapRestoreView)
	gen := v.generatedAt()
	if len(rows) == 0 {
		return el.P().Class("muted").Text("No tenant matches these filters.")
	}
	return el.Div().Class("table-wrap").Body(el.Table().Class("table table--stack").Body(
		el.Caption().Class("visually-hidden").Text("Tenants"),
		tableHead("Tenant", "Needs attention", "Backup health", "Latest backup", "Recovery evidence", "Latest relevant restore"),
		el.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
			t := rows[i]
			r := t.Row
			tr := el.Tr().DataSet("testid", "tenant-row").DataSet("tenant-id", t.ID)
			href := link(fmt.Sprintf("/s/%s/tenants/%d", snap, t.ID))
			if r.DataStatus != domain.DataValid {
				return tr.DataSet("backup-posture", "invalid").DataSet("overview-state", "invalid").Body(
					el.Th().Attr("scope", "row").Body(el.A().Attr("href", href).Text(t.Name)),
					el.Td().Attr("colspan", 5).DataSet("label", "Data").Body(el.Span().DataSet("testid", "tenant-invalid").Body(
						badge("", "Invalid data"), app.Text(" "), el.A().Attr("href", href).Text("See its errors"))),
				)
			}
			var latest app.UI
			switch {
			case !canRestore:
				latest = el.Span().Class("muted").Text("Not shown: restore.view is missing")
			case r.LatestRelevantRestoreRunID == nil:
				latest = el.Span().Class("muted").Text("None")
			default:
				id := *r.LatestRelevantRestoreRunID
				words := ""
				if r.LatestRelevantAttentionState != nil {
					words = ", " + attentionWords[*r.LatestRelevantAttentionState]
				}
				latest = el.Span().Body(
					el.A().Attr("href", link(fmt.Sprintf("/s/%s/tenants/%d/restore-runs/%d", snap, t.ID, id))).Textf("Run #%d%s", id, words),
					rowAge(r.LatestRelevantRestoreAt, gen, ""),
				)
			}
			if at := rowSince(backupSince(s, t.ID), overviewSince(s, t.ID)); at != "" {
				tr = tr.DataSet("since", at)
			}
			return tr.DataSet("backup-posture", *r.BackupPosture).DataSet("overview-state", *r.OverviewState).Body(
				el.Th().Attr("scope", "row").Body(el.A().Attr("href", href).Text(t.Name)),
				el.Td().DataSet("label", "Needs attention").DataSet("testid", "needs-attention-count").DataSet("count", r.NeedsAttention).Body(needCount(r.NeedsAttention)),
				withSince(el.Td().DataSet("label", "Backup health"), backupSince(s, t.ID),
					badge(postureTone[*r.BackupPosture], postureWords[*r.BackupPosture])),
				el.Td().DataSet("label", "Latest backup").Body(latestBackup(r, t.BackupFreshnessHours, gen, v.Can(snapshot.CapBackupView))),
				withSince(el.Td().DataSet("label", "Recovery evidence"), overviewSince(s, t.ID),
					badge(overviewTone[*r.OverviewState], overviewWords[*r.OverviewState])),
				el.Td().DataSet("label", "Latest relevant restore").Body(latest),
			)
		})),
	))
}

// attrValue is s when it may be written into a prerendered attribute, else
// empty: the search still applies, only the field is not filled in.
func attrValue(s string) string {
	if attrSafe(s) {
		return s
	}
	return ""
}
