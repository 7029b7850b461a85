package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/domain"
)

// restoreRunsPage lists a tenant's restore runs, with the continuity banner
// of docs/rules.md §5 (s/{snap}/tenants/{id}/restore-runs).
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
		// An unknown reason shows nothing and is never echoed (docs/rules.md §5).
		banner, hasBanner := domain.Continuity(p.addr.Query.Get("recovery_posture_reason"), *ts)
		marked := map[int64]bool{}
		for _, id := range banner.MatchingRunIDs {
			marked[id] = true
		}
		runs := ts.RestoreRuns
		return el.Div().Body(
			breadcrumbs(snap, ts.Name, "Restore runs"),
			el.H1().Text("Restore runs of "+ts.Name),
			app.If(hasBanner, func() app.UI {
				return el.Div().Class("banner").Attr("role", "note").DataSet("testid", "continuity-banner").DataSet("reason", banner.Reason).
					Text(banner.Text)
			}),
			app.If(len(runs) == 0, func() app.UI {
				return el.P().Class("muted").Text("This tenant has no restore runs in the snapshot.")
			}).Else(func() app.UI {
				return el.Div().Class("table-wrap").Body(el.Table().Class("table table--stack").Body(
					el.Caption().Class("visually-hidden").Text("Restore runs"),
					tableHead("Run", "Result", "Attention", "Next action"),
					el.TBody().Body(app.Range(runs).Slice(func(i int) app.UI {
						r := runs[i]
						tr := el.Tr().DataSet("testid", "restore-run-row").DataSet("run-id", r.ID).
							DataSet("attention", r.Attention.State).DataSet("state", r.Result.State)
						mark := app.Text("")
						if marked[r.ID] {
							tr = tr.Class("marked").DataSet("marked", "yes")
							mark = el.Span().Class("mark").Text(" (why you are here)")
						}
						return tr.Body(
							el.Th().Attr("scope", "row").Body(el.A().Attr("href", link(fmt.Sprintf("/s/%s/tenants/%d/restore-runs/%d", snap, ts.TenantID, r.ID))).Textf("Run #%d", r.ID), mark),
							el.Td().DataSet("label", "Result").Body(badge("result:"+r.Result.State, r.Result.StatusLabel)),
							el.Td().DataSet("label", "Attention").Text(attentionWords[r.Attention.State]),
							el.Td().DataSet("label", "Next action").Text(r.Attention.PrimaryNextAction),
						)
					})),
				))
			}),
		)
	})
}
