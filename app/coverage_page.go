package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/coverage"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// coveragePage is the QA map (s/{snap}/coverage): every state key of the
// rules, in their order, with how many tenants or runs of the snapshot
// reach it and links to examples. Keys never reached are listed as such, so
// a fixture author sees what a fixture lacks and a tester can walk every
// state from one page.
type coveragePage struct {
	app.Compo
	loader
}

func (p *coveragePage) OnNav(ctx app.Context) { p.nav(ctx) }

// coverageTables name each table of keys and the rule it comes from.
var coverageTables = []struct{ key, title, rule string }{
	{coverage.TableBackupPosture, "Backup posture and primary reason", "per tenant, rules §1"},
	{coverage.TableAttention, "Restore result attention", "per restore run, rules §2"},
	{coverage.TableOverviewState, "Recovery evidence overview", "per tenant, rules §3"},
	{coverage.TableResultState, "Restore result state", "per restore run, rules §4"},
	{coverage.TableOperationProofState, "Operation proof", "per restore run, rules §4"},
	{coverage.TablePostRunEvidenceState, "Post-run evidence", "per restore run, rules §4"},
	{coverage.TableNeedsAttention, "Needs Attention entries", "per tenant, rules §3"},
	{coverage.TableContinuityReason, "Where the recovery overview leads", "per tenant, rules §5"},
	{coverage.TableDataStatus, "Data status", "per tenant"},
}

func (p *coveragePage) Render() app.UI {
	return p.shell(func() app.UI {
		snap := p.addr.Snap
		head := el.Div().Body(
			breadcrumbs(snap, "State coverage"),
			el.H1().Text("State coverage"),
			el.P().Text("Every state key of the derivation rules, in their order, with how many tenants or restore runs of this snapshot reach it and links to examples. A key no record reaches is listed as not reached."),
		)
		if p.view.Res == nil {
			return el.Div().Body(head, el.P().Class("card").DataSet("testid", "coverage-unavailable").
				Text("This snapshot is published in parts, so this page cannot see every restore run at once. Run `tenantatlas coverage` on the snapshot file instead."))
		}
		rep := coverage.Compute(p.view.Res)
		canRestore := p.view.Can(snapshot.CapRestoreView)
		var missing []coverage.Row
		for _, r := range rep.Rows {
			if r.Count == 0 {
				missing = append(missing, r)
			}
		}
		sections := make([]app.UI, len(coverageTables))
		for i, t := range coverageTables {
			var rows []coverage.Row
			for _, r := range rep.Rows {
				if r.Table == t.key {
					rows = append(rows, r)
				}
			}
			sections[i] = coverageTable(snap, t.key, t.title, t.rule, rows, canRestore)
		}
		return el.Div().Body(
			head,
			el.P().DataSet("testid", "coverage-total").DataSet("reached", rep.Reached).DataSet("total", rep.Total).
				Body(el.Strong().Textf("%d of %d", rep.Reached, rep.Total), app.Text(" state keys are reached by this snapshot.")),
			app.If(len(missing) > 0, func() app.UI {
				return el.Section().Class("card card--warning").DataSet("testid", "coverage-missing").Attr("aria-labelledby", "coverage-missing-title").Body(
					el.H2().ID("coverage-missing-title").Textf("Not reached (%d)", len(missing)),
					el.Ul().Class("keys").Body(app.Range(missing).Slice(func(i int) app.UI {
						return el.Li().Body(el.Code().Text(keyText(missing[i])))
					})),
				)
			}).Else(func() app.UI {
				return el.P().Class("muted").DataSet("testid", "coverage-missing").Text("Every state key is reached.")
			}),
			el.Div().Class("coverage").Body(sections...),
		)
	})
}

// keyText is a key as the CLI names it: table, state and reason.
func keyText(r coverage.Row) string {
	s := r.Table + ": " + stateText(r.Table, r.State)
	if r.Reason != nil {
		s += " (" + *r.Reason + ")"
	}
	return s
}

// stateText is a state key as shown. The one key that reads as a claim the
// pages never make (rules §6), the healthy posture, is shown in its words;
// data-state still carries the key.
func stateText(table, state string) string {
	if table == coverage.TableBackupPosture && state == string(domain.PostureHealthy) {
		return postureWords[domain.PostureHealthy]
	}
	return state
}

func coverageTable(snap, key, title, rule string, rows []coverage.Row, canRestore bool) app.UI {
	id := "coverage-" + strings.ReplaceAll(key, "_", "-")
	heads := []string{"State", "Count", "Examples"}
	if key == coverage.TableBackupPosture {
		heads = []string{"State", "Primary reason", "Count", "Examples"}
	}
	return el.Section().Attr("aria-labelledby", id).Body(
		el.H2().ID(id).Body(app.Text(title+" "), el.Code().Class("muted").Text(key)),
		el.P().Class("muted").Text("Counted "+rule+"."),
		el.Div().Class("table-wrap").Body(el.Table().Class("table table--stack").Body(
			el.Caption().Class("visually-hidden").Text(title),
			tableHead(heads...),
			el.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
				r := rows[i]
				tr := el.Tr().DataSet("testid", "coverage-row").DataSet("table", r.Table).DataSet("state", r.State).DataSet("count", r.Count)
				cells := []app.UI{el.Th().Attr("scope", "row").Body(el.Code().Text(stateText(r.Table, r.State)))}
				if key == coverage.TableBackupPosture {
					reason := "none"
					if r.Reason != nil {
						reason = *r.Reason
						tr = tr.DataSet("reason", reason)
					}
					cells = append(cells, el.Td().DataSet("label", "Primary reason").Body(el.Code().Text(reason)))
				}
				count := app.UI(app.Textf("%d", r.Count))
				if r.Count == 0 {
					count = el.Span().Class("badge badge--neutral").Text("Not reached")
				}
				cells = append(cells,
					el.Td().DataSet("label", "Count").Body(count),
					el.Td().DataSet("label", "Examples").Body(examples(snap, r, canRestore)),
				)
				return tr.Body(cells...)
			})),
		)),
	)
}

// examples links to where a key is reached. A viewer without restore.view
// gets no link to a restore record (rules §7), only the count.
func examples(snap string, r coverage.Row, canRestore bool) app.UI {
	if len(r.Examples) == 0 {
		return el.Span().Class("muted").Text("None")
	}
	if !canRestore && strings.Contains(r.Examples[0], "/restore-runs") {
		return el.Span().Class("muted").Text("Not shown: restore.view is missing")
	}
	return el.Ul().Class("examples").Body(app.Range(r.Examples).Slice(func(i int) app.UI {
		ex := r.Examples[i]
		return el.Li().Body(el.A().Attr("href", snapLink(snap, ex)).DataSet("testid", "coverage-example").Text(exampleText(ex)))
	}))
}

// exampleText names an example address for people: "Tenant 4, run #130".
func exampleText(addr string) string {
	path, query, _ := strings.Cut(addr, "?")
	parts := strings.Split(path, "/")
	if len(parts) < 2 {
		return addr
	}
	s := "Tenant " + parts[1]
	switch {
	case len(parts) == 4:
		s += ", run #" + parts[3]
	case len(parts) == 3 && query != "":
		s += ", restore runs"
	}
	return s
}
