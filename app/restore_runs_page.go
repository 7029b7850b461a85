package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/domain"
)

// restoreRunsPage lists a tenant's restore runs, with the continuity banner
// of rules.md §5 (s/{snap}/tenants/{id}/restore-runs).
type restoreRunsPage struct {
	app.Compo
	loader
}

func (p *restoreRunsPage) OnNav(ctx app.Context) { p.nav(ctx) }

func (p *restoreRunsPage) Render() app.UI {
	return p.shell(func() app.UI {
		ts, _, other := p.tenantOrElse(domain.CapRestoreView, "restore runs")
		if other != nil {
			return other
		}
		snap := p.addr.Snap
		// An unknown reason shows nothing and is never echoed (rules.md §5).
		banner, hasBanner := domain.Continuity(p.addr.Query.Get("recovery_posture_reason"), *ts)
		marked := map[int64]bool{}
		for _, id := range banner.MatchingRunIDs {
			marked[id] = true
		}
		runs := ts.RestoreRuns
		return app.Div().Body(
			breadcrumbs(snap, ts.Name, "Restore runs"),
			app.H1().Text("Restore runs of "+ts.Name),
			app.If(hasBanner, func() app.UI {
				return app.Div().Class("banner").Attr("role", "note").DataSet("testid", "continuity-banner").DataSet("reason", banner.Reason).
					Text(banner.Text)
			}),
			app.If(len(runs) == 0, func() app.UI {
				return app.P().Class("muted").Text("This tenant has no restore runs in the snapshot.")
			}).Else(func() app.UI {
				return app.Div().Class("table-wrap").Body(app.Table().Class("table table--stack").Body(
					app.Caption().Class("visually-hidden").Text("Restore runs"),
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text("Run"),
						app.Th().Scope("col").Text("Result"),
						app.Th().Scope("col").Text("Attention"),
						app.Th().Scope("col").Text("Next action"),
					)),
					app.TBody().Body(app.Range(runs).Slice(func(i int) app.UI {
						r := runs[i]
						tr := app.Tr().DataSet("testid", "restore-run-row").DataSet("run-id", r.ID).
							DataSet("attention", r.Attention.State).DataSet("state", r.Result.State)
						mark := app.Text("")
						if marked[r.ID] {
							tr = tr.Class("marked").DataSet("marked", "yes")
							mark = app.Span().Class("mark").Text(" (why you are here)")
						}
						return tr.Body(
							app.Th().Scope("row").Body(app.A().Href(link(fmt.Sprintf("/s/%s/tenants/%d/restore-runs/%d", snap, ts.TenantID, r.ID))).Textf("Run #%d", r.ID), mark),
							app.Td().DataSet("label", "Result").Body(badge("result:"+r.Result.State, r.Result.StatusLabel)),
							app.Td().DataSet("label", "Attention").Text(attentionWords[r.Attention.State]),
							app.Td().DataSet("label", "Next action").Text(r.Attention.PrimaryNextAction),
						)
					})),
				))
			}),
		)
	})
}
