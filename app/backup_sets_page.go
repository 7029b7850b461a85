package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/domain"
)

// backupSetsPage is the drill-through of the backup health card
// (s/{snap}/tenants/{id}/backup-sets).
type backupSetsPage struct {
	app.Compo
	loader
}

func (p *backupSetsPage) OnNav(ctx app.Context) { p.nav(ctx) }

func (p *backupSetsPage) Render() app.UI {
	return p.shell(func() app.UI {
		ts, recs, other := p.tenantOrElse(domain.CapBackupView, "backup sets")
		if other != nil {
			return other
		}
		sets := recs.BackupSets
		h := ts.BackupHealth
		return app.Div().Body(
			breadcrumbs(p.addr.Snap, ts.Name, "Backup sets"),
			app.H1().Text("Backup sets of "+ts.Name),
			app.P().Body(badge("posture:"+h.Posture, postureWords[h.Posture]), app.Text(" "+h.Headline)),
			app.P().Class("boundary").Text(h.PositiveClaimBoundary),
			app.If(len(sets) == 0, func() app.UI { return app.P().Class("muted").Text("No backup set is recorded for this tenant.") }).Else(func() app.UI {
				return app.Div().Class("table-wrap").Body(app.Table().Class("table").Body(
					app.Caption().Class("visually-hidden").Text("Backup sets, newest first"),
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text("Set"), app.Th().Scope("col").Text("Status"), app.Th().Scope("col").Text("Completed"),
						app.Th().Scope("col").Text("Items"), app.Th().Scope("col").Text("Failed items"),
					)),
					app.TBody().Body(app.Range(sets).Slice(func(i int) app.UI {
						b := sets[i]
						completed := "not finished"
						if b.CompletedAt != nil {
							completed = b.CompletedAt.Format("2006-01-02 15:04Z07:00")
						}
						mark := app.Text("")
						if h.LatestUsableBackupSetID != nil && *h.LatestUsableBackupSetID == b.ID {
							mark = app.Span().Class("mark").Text(" (latest usable)")
						}
						return app.Tr().DataSet("testid", "backup-set-row").DataSet("set-id", b.ID).Body(
							app.Th().Scope("row").Body(app.Textf("#%d %s", b.ID, b.Name), mark),
							app.Td().Body(app.Code().Text(string(b.Status))),
							app.Td().Text(completed),
							app.Td().Text(optCount(b.ItemCount)),
							app.Td().Text(optCount(b.FailedItemCount)),
						)
					})),
				))
			}),
		)
	})
}

// optCount shows an absent count as unknown, never as zero.
func optCount(v *int64) string {
	if v == nil {
		return "not recorded"
	}
	return strconv.FormatInt(*v, 10)
}
