package app

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/domain"
)

// restoreRunPage is the decision-first detail of one restore run (rules.md
// §4): the first screen says what may be concluded; raw records sit in a
// collapsed diagnostics section.
type restoreRunPage struct {
	app.Compo
	loader
}

func (p *restoreRunPage) OnNav(ctx app.Context) { p.nav(ctx) }

func (p *restoreRunPage) Render() app.UI {
	return p.shell(func() app.UI {
		ts, recs, other := p.tenantOrElse(domain.CapRestoreView, "restore runs")
		if other != nil {
			return other
		}
		rs, raw, ok := p.view.Run(ts, recs, p.addr.Run)
		if !ok {
			// A run of another tenant is not found, exactly like a missing one.
			return notFound(fmt.Sprintf("Tenant %s has no restore run #%d.", ts.Name, p.addr.Run))
		}
		res := rs.Result
		return app.Div().Body(
			breadcrumbs(p.addr.Snap, ts.Name, fmt.Sprintf("Restore run #%d", rs.ID)),
			app.Section().Class("card decision").DataSet("testid", "restore-result").DataSet("state", res.State).Attr("aria-labelledby", "result-title").Body(
				app.H1().ID("result-title").Body(app.Textf("Restore run #%d ", rs.ID), badge("result:"+res.State, res.StatusLabel)),
				app.Dl().Class("facts").Body(
					app.Dt().Text("Reason"), app.Dd().Text(res.Reason),
					app.Dt().Text("Impact"), app.Dd().Text(res.Impact),
					app.Dt().Text("Next action"), app.Dd().Body(app.Strong().Text(res.PrimaryNextAction)),
					app.Dt().Text("Operation proof"), app.Dd().DataSet("testid", "operation-proof").DataSet("state", res.OperationProofState).Text(proofWords[res.OperationProofState]),
					app.Dt().Text("Post-run evidence"), app.Dd().DataSet("testid", "post-run-evidence").DataSet("state", res.PostRunEvidenceState).Text(proofWords[res.PostRunEvidenceState]),
					app.Dt().Text("Result summary"), app.Dd().DataSet("testid", "result-summary").Body(resultSummary(res.ResultSummary)),
					app.Dt().Text("What this allows you to say"), app.Dd().DataSet("testid", "allowed-claims").Body(claims(res.AllowedClaims)),
				),
				whyDisclosure(res.Why),
			),
			diagnostics(p.view, recs, rs, raw),
		)
	})
}

// resultSummary shows exactly the counts the snapshot has: no fake zeros.
func resultSummary(s domain.ResultSummary) app.UI {
	if !s.Available || s.Counts == nil {
		return app.Text(s.Text)
	}
	type kv struct {
		k string
		v *int64
	}
	c := s.Counts
	var parts []kv
	for _, e := range []kv{{"Total", c.Total}, {"Applied", c.Applied}, {"Partial", c.Partial}, {"Failed", c.Failed}, {"Skipped", c.Skipped}, {"Not applied", c.NonApplied}} {
		if e.v != nil {
			parts = append(parts, e)
		}
	}
	return app.Ul().Class("inline-list").Body(app.Range(parts).Slice(func(i int) app.UI {
		return app.Li().DataSet("count", parts[i].k).Body(app.Text(parts[i].k+": "), app.Strong().Text(strconv.FormatInt(*parts[i].v, 10)))
	}))
}

func claims(cs []string) app.UI {
	if len(cs) == 0 {
		return app.Text("No claim beyond what is listed above.")
	}
	return app.Ul().Class("inline-list").Body(app.Range(cs).Slice(func(i int) app.UI { return app.Li().Text(cs[i]) }))
}

// diagnostics holds the raw records; collapsed when the page loads.
func diagnostics(v *View, recs *tenantRecords, rs *domain.RunState, raw *domain.RestoreRun) app.UI {
	var op *domain.OperationRun
	if raw.OperationRunID != nil {
		op = recs.Ops[*raw.OperationRunID]
	}
	completed := "not recorded"
	if raw.CompletedAt != nil {
		completed = raw.CompletedAt.Format("2006-01-02 15:04:05Z07:00")
	}
	entries := []struct {
		kind string
		list []domain.ResultEntry
	}{{"Items", raw.Results.Items}, {"Foundations", raw.Results.Foundations}, {"Assignments", raw.Results.Assignments}}
	return app.Details().Class("card diagnostics").DataSet("testid", "diagnostics").Body(
		app.Summary().Text("Diagnostics: raw statuses and records"),
		app.H3().Text("Restore run"),
		app.Dl().Class("facts").Body(
			app.Dt().Text("Status"), app.Dd().Body(app.Code().Text(string(raw.Status))),
			app.Dt().Text("Dry run"), app.Dd().Text(strconv.FormatBool(raw.IsDryRun)),
			app.Dt().Text("Created"), app.Dd().Text(raw.CreatedAt.Format("2006-01-02 15:04:05Z07:00")),
			app.Dt().Text("Completed"), app.Dd().Text(completed),
			app.Dt().Text("Attention"), app.Dd().Body(app.Code().Text(rs.Attention.State), app.Text(" — "+rs.Attention.Summary)),
			app.Dt().Text("Scope basis"), app.Dd().Text(orNone(raw.Metadata.ScopeBasis)),
		),
		app.H3().Text("Operation"),
		app.If(op == nil, func() app.UI { return app.P().Text("No operation run is linked to this restore.") }).Else(func() app.UI {
			return app.Dl().Class("facts").Body(
				app.Dt().Text("Operation run"), app.Dd().Textf("#%d (%s)", op.ID, op.Type),
				app.Dt().Text("Status"), app.Dd().Body(app.Code().Text(string(op.Status))),
				app.Dt().Text("Outcome"), app.Dd().Body(app.Code().Text(string(op.Outcome))),
			)
		}),
		app.H3().Text("Evidence records"),
		evidenceRecords(v, recs, op),
		app.H3().Text("Result entries"),
		app.Range(entries).Slice(func(i int) app.UI {
			e := entries[i]
			if len(e.list) == 0 {
				return app.P().Class("muted").Text(e.kind + ": none recorded.")
			}
			return app.Div().Class("table-wrap").Body(app.Table().Class("table").Body(
				app.Caption().Text(e.kind),
				app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Name"), app.Th().Scope("col").Text("Type"), app.Th().Scope("col").Text("Outcome"), app.Th().Scope("col").Text("Message"))),
				app.TBody().Body(app.Range(e.list).Slice(func(j int) app.UI {
					x := e.list[j]
					return app.Tr().Body(app.Td().Text(x.Name), app.Td().Text(x.Type), app.Td().Body(app.Code().Text(string(x.Outcome))), app.Td().Text(x.Message))
				})),
			))
		}),
		app.H3().Text("Not applied"),
		app.If(len(raw.Metadata.NonApplied) == 0, func() app.UI { return app.P().Class("muted").Text("None listed.") }).Else(func() app.UI {
			return app.Ul().Body(app.Range(raw.Metadata.NonApplied).Slice(func(i int) app.UI {
				n := raw.Metadata.NonApplied[i]
				return app.Li().Body(app.Strong().Text(n.Name), app.Text(" "+orNone(n.Reason)))
			}))
		}),
	)
}

func evidenceRecords(v *View, recs *tenantRecords, op *domain.OperationRun) app.UI {
	if !v.Can(domain.CapEvidenceView) {
		return app.P().Class("helper").Text("Your access does not include evidence records (the evidence.view capability is missing).")
	}
	if op == nil || len(recs.Evidence[op.ID]) == 0 {
		return app.P().Class("muted").Text("No evidence snapshot is recorded for this run's operation.")
	}
	ev := recs.Evidence[op.ID]
	return app.Ul().Body(app.Range(ev).Slice(func(i int) app.UI {
		e := ev[i]
		exp := "no expiry"
		if e.ExpiresAt != nil {
			exp = "expires " + e.ExpiresAt.Format("2006-01-02 15:04Z07:00")
		}
		return app.Li().Textf("Evidence snapshot #%d: %s, captured %s, %s", e.ID, e.Status, e.CapturedAt.Format("2006-01-02 15:04Z07:00"), exp)
	}))
}

func orNone(s string) string {
	if s == "" {
		return "none recorded"
	}
	return s
}
