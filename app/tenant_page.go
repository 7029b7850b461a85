package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/change"
	"github.com/tenantatlas/tenantatlas/domain"
)

// tenantPage is the tenant dashboard: backup health, recovery evidence and
// Needs Attention (s/{snap}/tenants/{id}).
type tenantPage struct {
	app.Compo
	loader
}

func (p *tenantPage) OnNav(ctx app.Context) {
	p.wants = wants{series: true}
	p.nav(ctx)
}

func (p *tenantPage) Render() app.UI {
	return p.shell(func() app.UI {
		ts, recs, other := p.tenantOrElse("")
		if other != nil {
			return other
		}
		snap := p.addr.Snap
		return el.Div().Body(
			breadcrumbs(snap, ts.Name),
			tenantNav(snap, p.view, ts.TenantID, pageTenant),
			el.H1().Text(ts.Name),
			snapshotLine(p.view),
			el.Div().Class("cards").Body(
				backupCard(snap, ts.BackupHealth, backupSince(p.series, ts.TenantID), backupAge(p.view, ts, recs)),
				recoveryCard(snap, ts.RecoveryEvidence, overviewSince(p.series, ts.TenantID), restoreAge(p.view, ts, recs)),
			),
			needsAttention(snap, ts.NeedsAttention),
			timelineStrip(snap, p.series, ts.TenantID),
		)
	})
}

func breadcrumbs(snap string, crumbs ...string) app.UI {
	return el.Nav().Class("breadcrumbs").Attr("aria-label", "Breadcrumb").Body(
		el.A().Attr("href", link("/s/"+snap+"/")).Text("Portfolio"),
		app.Range(crumbs).Slice(func(i int) app.UI { return el.Span().Text(" / " + crumbs[i]) }),
	)
}

func backupCard(snap string, h *domain.BackupHealth, since *change.Since, age app.UI) app.UI {
	return withSince(el.Section().Class("card").DataSet("testid", "backup-health").DataSet("state", h.Posture).
		Attr("aria-labelledby", "backup-health-title"), since,
		el.H2().ID("backup-health-title").Body(app.Text("Backup health "), badge(postureTone[h.Posture], postureWords[h.Posture])),
		el.P().Class("headline").Text(h.Headline),
		el.P().Text(h.SupportingMessage),
		age,
		el.P().Class("boundary").DataSet("testid", "claim-boundary").Text(h.PositiveClaimBoundary),
		actionLink(snap, h.PrimaryActionTarget, "backup-action"),
		whyDisclosure(h.Why),
	)
}

func recoveryCard(snap string, ev *domain.RecoveryEvidence, since *change.Since, age app.UI) app.UI {
	return withSince(el.Section().Class("card").DataSet("testid", "recovery-evidence").DataSet("state", ev.OverviewState).
		Attr("aria-labelledby", "recovery-title"), since,
		el.H2().ID("recovery-title").Body(app.Text("Recovery evidence "), badge(overviewTone[ev.OverviewState], overviewWords[ev.OverviewState])),
		el.P().Class("headline").Text(ev.Headline),
		el.P().Text(ev.Summary),
		age,
		el.P().Class("boundary").DataSet("testid", "claim-boundary").Text(ev.ClaimBoundary),
		actionLink(snap, ev.Action, "recovery-action"),
		whyDisclosure(ev.Why),
	)
}

func needsAttention(snap string, items []domain.AttentionItem) app.UI {
	return el.Section().Class("card").Attr("aria-labelledby", "attention-title").Body(
		el.H2().ID("attention-title").Text("Needs attention"),
		app.If(len(items) == 0, func() app.UI {
			return el.P().Class("muted").Text("Nothing in backup inputs or the latest restore needs attention. See the recovery evidence card for what that does and does not show.")
		}).Else(func() app.UI {
			return el.Ul().Class("attention").Body(app.Range(items).Slice(func(i int) app.UI {
				it := items[i]
				li := el.Li().DataSet("testid", "needs-attention-item").DataSet("kind", it.Kind)
				if it.Disabled || it.URL == "" {
					return li.Body(el.Span().Text(it.Headline), el.Span().Class("helper").Text(" "+it.HelperText))
				}
				return li.Body(el.A().Attr("href", snapLink(snap, it.URL)).Text(it.Headline))
			}))
		}),
	)
}
