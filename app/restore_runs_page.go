package app

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// restoreRunsPage lists a tenant's restore runs, with the continuity banner
// of docs/rules.md §5 (s/{snap}/tenants/{id}/restore-runs). Every run says when
// it was created and completed, whether it was a dry run, and the backup set
// and operation it names; the columns sort (run_sort.go).
type restoreRunsPage struct {
	app.Compo
	loader
}

func (p *restoreRunsPage) OnNav(ctx app.Context) { p.nav(ctx) }

func (p *restoreRunsPage) Render() app.UI {
	return p.shell(func() app.UI {
		ts, recs, other := p.tenantOrElse(snapshot.CapRestoreView)
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
		keep := url.Values{}
		if hasBanner {
			keep.Set("recovery_posture_reason", string(banner.Reason))
		}
		order := readRunSort(p.addr.Query)
		rows := runRows(ts, recs, p.view.Can(snapshot.CapBackupView))
		sortRuns(rows, order)
		path := fmt.Sprintf("/s/%s/tenants/%d/restore-runs", snap, ts.TenantID)
		head := func(key, label string) app.UI { return sortHead(path, keep, order, key, label) }
		return el.Div().Body(
			breadcrumbs(snap, ts.Name, "Restore runs"),
			tenantNav(snap, p.view, ts.TenantID, pageRestoreRuns),
			el.H1().Text("Restore runs of "+ts.Name),
			snapshotLine(p.view),
			app.If(hasBanner, func() app.UI {
				return el.Div().Class("banner").Attr("role", "note").DataSet("testid", "continuity-banner").DataSet("reason", banner.Reason).
					Text(banner.Text)
			}),
			app.If(len(rows) == 0, func() app.UI {
				return el.P().Class("muted").Text("This tenant has no restore runs in the snapshot.")
			}).Else(func() app.UI {
				return el.Div().Class("table-wrap").Body(el.Table().Class("table table--stack table--sortable").DataSet("sort", order.String()).Body(
					el.Caption().Class("visually-hidden").Text("Restore runs; the column heads sort the list"),
					el.THead().Body(el.Tr().Body(
						head("id", "Run"),
						el.Th().Attr("scope", "col").Text("Result"),
						head("attention", "Attention and next action"),
						head("created", "Created"),
						head("completed", "Completed"),
						head("dry_run", "Dry run"),
						head("backup_set", "Backup set"),
						head("operation", "Operation"),
					)),
					el.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
						return runListRow(snap, ts.TenantID, rows[i], marked[rows[i].state.ID])
					})),
				))
			}),
		)
	})
}

// runRows joins each derived run with its records. A backup set or an
// operation of another tenant is never found through this tenant, and a
// viewer without backup.view sees a set's id only, never its record
// (docs/rules.md §7): the id is the run's own, the name is the set's.
func runRows(ts *domain.TenantState, recs *tenantRecords, canBackup bool) []runRow {
	sets := map[int64]*snapshot.BackupSet{}
	if canBackup {
		for _, b := range recs.BackupSets {
			sets[b.ID] = b
		}
	}
	rows := make([]runRow, 0, len(ts.RestoreRuns))
	for i := range ts.RestoreRuns {
		r := runRow{state: &ts.RestoreRuns[i], raw: recs.Runs[ts.RestoreRuns[i].ID]}
		if r.raw == nil {
			r.raw = &snapshot.RestoreRun{ID: r.state.ID}
		}
		if id := r.raw.BackupSetID; id != nil {
			r.set = sets[*id]
		}
		if id := r.raw.OperationRunID; id != nil {
			r.op = recs.Ops[*id]
		}
		rows = append(rows, r)
	}
	return rows
}

func runListRow(snap string, tenant int64, r runRow, marked bool) app.UI {
	s := r.state
	tr := el.Tr().DataSet("testid", "restore-run-row").DataSet("run-id", s.ID).
		DataSet("attention", s.Attention.State).DataSet("state", s.Result.State)
	mark := app.Text("")
	if marked {
		tr = tr.Class("marked").DataSet("marked", "yes")
		mark = el.Span().Class("mark").Text(" (why you are here)")
	}
	dry := "No"
	if r.raw.IsDryRun {
		dry = "Yes"
	}
	return tr.Body(
		el.Th().Attr("scope", "row").Body(el.A().Attr("href", link(fmt.Sprintf("/s/%s/tenants/%d/restore-runs/%d", snap, tenant, s.ID))).Textf("Run #%d", s.ID), mark),
		el.Td().DataSet("label", "Result").Body(badge(resultTone[s.Result.State], s.Result.StatusLabel)),
		el.Td().DataSet("label", "Attention").Body(el.Span().Body(
			el.Span().Class("cell-main").Text(attentionWords[s.Attention.State]),
			el.Span().Class("cell-sub").Text(s.Attention.PrimaryNextAction),
		)),
		el.Td().DataSet("label", "Created").Body(timeEl(r.raw.CreatedAt)),
		el.Td().DataSet("label", "Completed").Body(optTimeEl(r.raw.CompletedAt, "not completed")),
		el.Td().DataSet("label", "Dry run").Text(dry),
		el.Td().DataSet("label", "Backup set").Text(backupSetName(r)),
		el.Td().DataSet("label", "Operation").Text(operationName(r)),
	)
}

// optTimeEl is an instant that may be absent; none is said in words.
func optTimeEl(t *time.Time, none string) app.UI {
	if t == nil {
		return el.Span().Class("muted").Text(none)
	}
	return timeEl(*t)
}

func backupSetName(r runRow) string {
	switch {
	case r.raw.BackupSetID == nil:
		return "none named"
	case r.set == nil:
		return "#" + strconv.FormatInt(*r.raw.BackupSetID, 10)
	}
	return "#" + strconv.FormatInt(r.set.ID, 10) + " " + r.set.Name
}

func operationName(r runRow) string {
	switch {
	case r.raw.OperationRunID == nil:
		return "none"
	case r.op == nil:
		return "#" + strconv.FormatInt(*r.raw.OperationRunID, 10)
	}
	return fmt.Sprintf("#%d %s, %s", r.op.ID, r.op.Type, r.op.Status)
}
