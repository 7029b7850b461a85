package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// changesPage says what changed in a snapshot since the one before it in
// its series, or since the snapshot ?from= names (s/{snap}/changes). Rows
// come worst first; each says in words what changed, as facts.
type changesPage struct {
	app.Compo
	loader
}

func (p *changesPage) OnNav(ctx app.Context) {
	p.wants = wants{series: true, changes: true}
	p.nav(ctx)
}

// changeWords name a row's kind of change for people; the keys stay in
// data-change and data-direction.
func changeWords(tc *change.TenantChange) string {
	switch tc.Change {
	case change.Added:
		return "Added"
	case change.Removed:
		return "Removed"
	case change.Unchanged:
		return "Unchanged"
	}
	switch *tc.Direction {
	case change.Worse:
		return "Worse"
	case change.Better:
		return "Less in need of attention"
	case change.Mixed:
		return "Mixed"
	}
	return "Changed, same severity"
}

var directionTone = map[string]string{change.Worse: "danger", change.Mixed: "warning", change.Better: "info"}

func (p *changesPage) Render() app.UI {
	return p.shell(func() app.UI {
		snap := p.addr.Snap
		c := p.changes
		if c == nil {
			c = &changesInfo{}
		}
		head := []app.UI{
			breadcrumbs(snap, "Changes"),
			el.H1().Text("Changes in " + p.view.Title()),
		}
		var body app.UI
		switch {
		case c.Unknown:
			body = el.Section().Class("card").DataSet("testid", "no-previous").Body(
				el.P().Text("There is no snapshot by the name asked for in this site, so nothing is compared."),
			)
		case c.From == "":
			body = el.Section().Class("card").DataSet("testid", "no-previous").Body(
				el.P().Text(noPreviousText(p.series)),
			)
		case c.Err != nil:
			body = el.Section().Class("card card--danger").DataSet("testid", "changes-error").Body(
				el.P().Text("The snapshots could not be compared: " + c.Err.Error()),
			)
		default:
			body = p.diffBody(c)
		}
		return el.Div().Body(append(head, body, p.fromForm(c))...)
	})
}

func noPreviousText(s *seriesInfo) string {
	if s != nil && s.Err != nil {
		return "The series of this snapshot could not be put in order, so there is no previous snapshot to compare it with: " + s.Err.Error()
	}
	if s != nil && s.History != nil {
		return "This is the first snapshot of its series: there is no earlier snapshot to compare it with. Choose any other snapshot below."
	}
	return "This snapshot belongs to no series, so there is no previous snapshot to compare it with. Choose any other snapshot below."
}

// diffBody is the comparison: which two snapshots, the summary, the rows.
func (p *changesPage) diffBody(c *changesInfo) app.UI {
	d := c.Diff
	snap := p.addr.Snap
	rows := change.WorstFirst(d.Tenants)
	var listed, same []change.TenantChange
	for _, r := range rows {
		if r.Listed() {
			listed = append(listed, r)
		} else {
			same = append(same, r)
		}
	}
	s := d.Summary
	canRestore := p.view.Can(snapshot.CapRestoreView)
	since := "the previous snapshot of its series"
	if c.Asked {
		since = "a snapshot chosen for comparison"
	}
	return el.Div().DataSet("testid", "changes").DataSet("from", c.From).Body(
		el.P().Body(
			app.Text("Since "+since+": "),
			el.A().Attr("href", link("/s/"+c.From+"/")).Text(c.FromView.Title()+" ("+c.From+")"),
			app.Text(", generated at "+orUnknown(d.Old.GeneratedAt)+". This snapshot was generated at "+orUnknown(d.New.GeneratedAt)+"."),
		),
		app.If(d.Reversed, func() app.UI {
			return el.P().Class("card card--warning").Attr("role", "note").DataSet("testid", "reversed").
				Text("The snapshot compared with was generated after this one: the changes below run backwards in time.")
		}),
		sideErrors("the earlier snapshot", d.Old),
		sideErrors("this snapshot", d.New),
		el.P().Class("muted").DataSet("testid", "changes-summary").Textf(
			"%d changed (%d worse, %d mixed, %d less in need of attention), %d added, %d removed, %d unchanged.",
			s.Changed, s.Worse, s.Mixed, s.Better, s.Added, s.Removed, s.Unchanged),
		app.If(len(listed) == 0, func() app.UI {
			return el.P().DataSet("testid", "nothing-changed").Text("No compared state of any tenant changed.")
		}).Else(func() app.UI {
			return changeTable("Tenants whose states changed", snap, c.From, listed, canRestore)
		}),
		app.If(len(same) > 0, func() app.UI {
			return el.Details().Class("card").Body(
				el.Summary().Textf("%d tenants unchanged", len(same)),
				changeTable("Tenants unchanged", snap, c.From, same, canRestore),
			)
		}),
		el.P().Class("boundary").Text("A change is stated as it is in the records. Fewer items needing attention does not prove that a restore would succeed; each tenant's page keeps its claim boundary."),
	)
}

func orUnknown(s *string) string {
	if s == nil {
		return "an unknown time"
	}
	return *s
}

// sideErrors lists one side's record errors; they do not stop the diff.
func sideErrors(which string, h change.SideHeader) app.UI {
	n := len(h.Errors) + h.ErrorsOmitted
	if n == 0 {
		return app.Text("")
	}
	return el.Details().Class("card card--warning").Body(
		el.Summary().Textf("%d errors in the records of %s", n, which),
		problemList(h.Errors, h.ErrorsOmitted),
	)
}

// changeTable lists rows of a diff; each row links to the tenant (in NEW,
// or in OLD for a removed tenant) and to the runs it names.
func changeTable(caption, snap, from string, rows []change.TenantChange, canRestore bool) app.UI {
	return el.Div().Class("table-wrap").Body(el.Table().Class("table table--stack").Body(
		el.Caption().Class("visually-hidden").Text(caption),
		tableHead("Tenant", "Change", "What changed", "Restore runs"),
		el.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
			tc := rows[i]
			dir := "none"
			if tc.Direction != nil {
				dir = *tc.Direction
			}
			in := snap
			if tc.Change == change.Removed {
				in = from
			}
			href := link(fmt.Sprintf("/s/%s/tenants/%d", in, tc.TenantID))
			return el.Tr().DataSet("testid", "change-row").DataSet("tenant-id", tc.TenantID).
				DataSet("change", tc.Change).DataSet("direction", dir).Body(
				el.Th().Attr("scope", "row").Body(el.A().Attr("href", href).Text(tc.Name)),
				el.Td().DataSet("label", "Change").Body(el.Span().Class("badge badge--"+toneOr(directionTone[dir])).Text(changeWords(&tc))),
				el.Td().DataSet("label", "What changed").Text(capitalize(describe(&tc, canRestore))),
				el.Td().DataSet("label", "Restore runs").Body(runLinks(in, &tc, canRestore)),
			)
		})),
	))
}

// describe is change's sentence for a row; without restore.view it names no
// restore run, state or count (docs/rules.md §7).
func describe(tc *change.TenantChange, canRestore bool) string {
	if canRestore {
		return change.Describe(tc)
	}
	return change.Describe(tc, change.HideRestoreRecords)
}

func toneOr(t string) string {
	if t == "" {
		return "neutral"
	}
	return t
}

// runLinks links the runs a row names: those whose states changed, else the
// latest relevant one. Without restore.view no run is shown (docs/rules.md §7).
func runLinks(snap string, tc *change.TenantChange, canRestore bool) app.UI {
	if !canRestore {
		return el.Span().Class("muted").Text("Not shown: restore.view is missing")
	}
	var ids []int64
	if tc.RestoreRuns != nil {
		for _, r := range *tc.RestoreRuns {
			if r.Change != change.Removed {
				ids = append(ids, r.ID)
			}
		}
	}
	if len(ids) == 0 && tc.LatestRelevantRestoreRunID != nil && tc.LatestRelevantRestoreRunID.New != nil {
		ids = append(ids, *tc.LatestRelevantRestoreRunID.New)
	}
	if len(ids) == 0 || tc.Change == change.Removed {
		return el.Span().Class("muted").Text("None")
	}
	return el.Span().Body(app.Range(ids).Slice(func(i int) app.UI {
		sep := ""
		if i > 0 {
			sep = ", "
		}
		return el.Span().Body(app.Text(sep), el.A().Attr("href", link(fmt.Sprintf("/s/%s/tenants/%d/restore-runs/%d", snap, tc.TenantID, ids[i]))).Textf("Run #%d", ids[i]))
	}))
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// fromForm chooses any snapshot of the site to compare with (?from=).
func (p *changesPage) fromForm(c *changesInfo) app.UI {
	snap := p.addr.Snap
	opts := []app.UI{}
	for _, e := range c.Choices {
		if e.Name == snap {
			continue
		}
		o := el.Option().Attr("value", e.Name).Text(e.Name)
		if e.Name == c.From {
			o = o.Attr("selected", true)
		}
		opts = append(opts, o)
	}
	if len(opts) == 0 {
		return app.Text("")
	}
	return el.Form().Class("filters card").Attr("method", "get").Attr("action", link("/s/"+snap+"/changes")).On("submit", submitInApp).Body(
		el.Label().Attr("for", "from").Text("Compare with"),
		el.Select().ID("from").Attr("name", "from").Body(opts...),
		el.Button().Attr("type", "submit").Class("button").Text("Compare"),
	)
}
