package app

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// restoreRunPage is the decision-first detail of one restore run (docs/rules.md
// §4): the first screen says what may be concluded; raw records sit in a
// collapsed diagnostics section.
type restoreRunPage struct {
	app.Compo
	loader
}

func (p *restoreRunPage) OnNav(ctx app.Context) { p.nav(ctx) }

func (p *restoreRunPage) Render() app.UI {
	return p.shell(func() app.UI {
		ts, recs, other := p.tenantOrElse(snapshot.CapRestoreView)
		if other != nil {
			return other
		}
		rs, raw, ok := p.view.Run(ts, recs, p.addr.Run)
		if !ok {
			// A run of another tenant is not found, exactly like a missing one.
			return notFound(fmt.Sprintf("Tenant %s has no restore run #%d.", ts.Name, p.addr.Run))
		}
		res := rs.Result
		return el.Div().Body(
			breadcrumbs(p.addr.Snap, ts.Name, fmt.Sprintf("Restore run #%d", rs.ID)),
			tenantNav(p.addr.Snap, p.view, ts.TenantID, pageRestoreRun),
			snapshotLine(p.view),
			el.Section().Class("card decision").DataSet("testid", "restore-result").DataSet("state", res.State).Attr("aria-labelledby", "result-title").Body(
				el.H1().ID("result-title").Body(app.Textf("Restore run #%d ", rs.ID), badge(resultTone[res.State], res.StatusLabel)),
				el.Dl().Class("facts").Body(
					term("When"), el.Dd().DataSet("testid", "run-when").Body(runWhen(p.view, raw)),
					term("Reason"), el.Dd().Text(res.Reason),
					term("Impact"), el.Dd().Text(res.Impact),
					term("Next action"), el.Dd().Body(el.Strong().Text(res.PrimaryNextAction)),
					term("Operation proof"), el.Dd().DataSet("testid", "operation-proof").DataSet("state", res.OperationProofState).Text(proofWords[res.OperationProofState]),
					term("Post-run evidence"), el.Dd().DataSet("testid", "post-run-evidence").DataSet("state", res.PostRunEvidenceState).Text(proofWords[res.PostRunEvidenceState]),
					term("Result summary"), el.Dd().DataSet("testid", "result-summary").Body(resultSummary(res.ResultSummary)),
					term("What this allows you to say"), el.Dd().DataSet("testid", "allowed-claims").Body(claims(res.AllowedClaims)),
				),
				runBoundary(rs.Attention.RecoveryClaimBoundary),
				whyDisclosure(res.Why),
			),
			diagnostics(p.view, recs, rs, raw),
		)
	})
}

// runWhen says when a run was created and completed, and how long before
// the snapshot.
func runWhen(v *View, raw *snapshot.RestoreRun) app.UI {
	gen := v.generatedAt()
	completed := el.Li().Text("Not completed")
	if raw.CompletedAt != nil {
		completed = el.Li().Body(app.Text("Completed "), timeEl(*raw.CompletedAt), app.Text(" ("+ageBefore(*raw.CompletedAt, gen)+")"))
	}
	return el.Ul().Class("inline-list").Body(
		el.Li().Body(app.Text("Created "), timeEl(raw.CreatedAt), app.Text(" ("+ageBefore(raw.CreatedAt, gen)+")")),
		completed,
	)
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
	return el.Ul().Class("inline-list").Body(app.Range(parts).Slice(func(i int) app.UI {
		return el.Li().DataSet("count", parts[i].k).Body(app.Text(parts[i].k+": "), el.Strong().Text(strconv.FormatInt(*parts[i].v, 10)))
	}))
}

func claims(cs []string) app.UI {
	if len(cs) == 0 {
		return app.Text("No claim beyond what is listed above.")
	}
	return el.Ul().Class("inline-list").Body(app.Range(cs).Slice(func(i int) app.UI { return el.Li().Text(cs[i]) }))
}

// diagnostics holds the raw records; collapsed when the page loads.
func diagnostics(v *View, recs *tenantRecords, rs *domain.RunState, raw *snapshot.RestoreRun) app.UI {
	var op *snapshot.OperationRun
	if raw.OperationRunID != nil {
		op = recs.Ops[*raw.OperationRunID]
	}
	entries := []struct {
		kind string
		list []snapshot.ResultEntry
	}{{"Items", raw.Results.Items}, {"Foundations", raw.Results.Foundations}, {"Assignments", raw.Results.Assignments}}
	return el.Details().Class("card diagnostics").DataSet("testid", "diagnostics").Body(
		el.Summary().Text("Diagnostics: raw statuses and records"),
		el.H3().Text("Restore run"),
		el.Dl().Class("facts").Body(
			term("Status"), el.Dd().Body(el.Code().Text(string(raw.Status))),
			term("Dry run"), el.Dd().Text(strconv.FormatBool(raw.IsDryRun)),
			term("Created"), el.Dd().Body(timeEl(raw.CreatedAt)),
			term("Completed"), el.Dd().Body(optTimeEl(raw.CompletedAt, "not recorded")),
			term("Attention"), el.Dd().Body(el.Code().Text(rs.Attention.State), app.Text(" — "+rs.Attention.Summary)),
			term("Scope basis"), el.Dd().Text(orNone(raw.Metadata.ScopeBasis)),
		),
		el.H3().Text("Operation"),
		app.If(op == nil, func() app.UI { return el.P().Text("No operation run is linked to this restore.") }).Else(func() app.UI {
			return el.Dl().Class("facts").Body(
				term("Operation run"), el.Dd().Textf("#%d (%s)", op.ID, op.Type),
				term("Status"), el.Dd().Body(el.Code().Text(string(op.Status))),
				term("Outcome"), el.Dd().Body(el.Code().Text(string(op.Outcome))),
			)
		}),
		el.H3().Text("Evidence records"),
		evidenceRecords(v, recs, op),
		el.H3().Text("Result entries"),
		app.Range(entries).Slice(func(i int) app.UI {
			e := entries[i]
			if len(e.list) == 0 {
				return el.P().Class("muted").Text(e.kind + ": none recorded.")
			}
			return el.Div().Class("table-wrap").Body(el.Table().Class("table").Body(
				el.Caption().Text(e.kind),
				tableHead("Name", "Type", "Outcome", "Message"),
				el.TBody().Body(app.Range(e.list).Slice(func(j int) app.UI {
					x := e.list[j]
					return el.Tr().Body(el.Td().Text(x.Name), el.Td().Text(x.Type), el.Td().Body(el.Code().Text(string(x.Outcome))), el.Td().Text(x.Message))
				})),
			))
		}),
		el.H3().Text("Not applied"),
		app.If(len(raw.Metadata.NonApplied) == 0, func() app.UI { return el.P().Class("muted").Text("None listed.") }).Else(func() app.UI {
			return el.Ul().Body(app.Range(raw.Metadata.NonApplied).Slice(func(i int) app.UI {
				n := raw.Metadata.NonApplied[i]
				return el.Li().Body(el.Strong().Text(n.Name), app.Text(" "+orNone(n.Reason)))
			}))
		}),
	)
}

func evidenceRecords(v *View, recs *tenantRecords, op *snapshot.OperationRun) app.UI {
	if !v.Can(snapshot.CapEvidenceView) {
		return el.P().Class("helper").Text(domain.MissingAccess(snapshot.CapEvidenceView))
	}
	if op == nil || len(recs.Evidence[op.ID]) == 0 {
		return el.P().Class("muted").Text("No evidence snapshot is recorded for this run's operation.")
	}
	ev := recs.Evidence[op.ID]
	return el.Ul().Body(app.Range(ev).Slice(func(i int) app.UI {
		e := ev[i]
		exp := "no expiry"
		if e.ExpiresAt != nil {
			exp = "expires " + stamp(*e.ExpiresAt)
		}
		return el.Li().Textf("Evidence snapshot #%d: %s, captured %s, %s", e.ID, e.Status, stamp(e.CapturedAt), exp)
	}))
}

func orNone(s string) string {
	if s == "" {
		return "none recorded"
	}
	return s
}
