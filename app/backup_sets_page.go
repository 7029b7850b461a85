package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/snapshot"
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
		ts, recs, other := p.tenantOrElse(snapshot.CapBackupView)
		if other != nil {
			return other
		}
		sets := recs.BackupSets
		h := ts.BackupHealth
		return el.Div().Body(
			breadcrumbs(p.addr.Snap, ts.Name, "Backup sets"),
			tenantNav(p.addr.Snap, p.view, ts.TenantID, pageBackupSets),
			el.H1().Text("Backup sets of "+ts.Name),
			snapshotLine(p.view),
			el.P().Body(badge(postureTone[h.Posture], postureWords[h.Posture]), app.Text(" "+h.Headline)),
			el.P().Class("boundary").Text(h.PositiveClaimBoundary),
			app.If(len(sets) == 0, func() app.UI { return el.P().Class("muted").Text("No backup set is recorded for this tenant.") }).Else(func() app.UI {
				return el.Div().Class("table-wrap").Body(el.Table().Class("table table--stack").Body(
					el.Caption().Class("visually-hidden").Text("Backup sets, newest first"),
					tableHead("Set", "Status", "Started", "Completed", "Duration", "Items", "Failed items"),
					el.TBody().Body(app.Range(sets).Slice(func(i int) app.UI {
						b := sets[i]
						took := duration(b.StartedAt, b.CompletedAt)
						if took == "" {
							took = "unknown"
						}
						mark := app.Text("")
						if h.LatestUsableBackupSetID != nil && *h.LatestUsableBackupSetID == b.ID {
							mark = el.Span().Class("mark").Text(" (latest usable)")
						}
						return el.Tr().DataSet("testid", "backup-set-row").DataSet("set-id", b.ID).Body(
							el.Th().Attr("scope", "row").Body(app.Textf("#%d %s", b.ID, b.Name), mark),
							el.Td().DataSet("label", "Status").Body(el.Code().Text(string(b.Status))),
							el.Td().DataSet("label", "Started").Body(optTimeEl(b.StartedAt, "not recorded")),
							el.Td().DataSet("label", "Completed").Body(optTimeEl(b.CompletedAt, "not finished")),
							el.Td().DataSet("label", "Duration").Text(took),
							el.Td().DataSet("label", "Items").Text(optCount(b.ItemCount)),
							el.Td().DataSet("label", "Failed items").Text(optCount(b.FailedItemCount)),
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
