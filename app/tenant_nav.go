package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// tenantNav is the sub-navigation a tenant's pages share: Overview, Restore
// runs, Backup sets. aria-current says where the reader is: "page" on the
// page itself, "location" on the list a run's detail belongs to (go-app
// writes a value of "true" as a bare attribute, which reads as false). An area the
// viewer may not open is named but not linked, and says what access is
// missing (docs/rules.md §7).
func tenantNav(snap string, v *View, tenant int64, current pageKind) app.UI {
	base := fmt.Sprintf("/s/%s/tenants/%d", snap, tenant)
	item := func(kind pageKind, label, path string, need snapshot.Capability) app.UI {
		li := el.Li()
		if need != "" && !v.Can(need) {
			return li.Body(el.Span().Class("subnav__off").Body(
				app.Text(label),
				el.Span().Class("subnav__why").Text(" ("+string(need)+" missing)"),
			))
		}
		a := el.A().Attr("href", link(base+path)).DataSet("testid", "tenant-nav-link").Text(label)
		switch {
		case kind == current:
			a = a.Attr("aria-current", "page")
		case kind == pageRestoreRuns && current == pageRestoreRun:
			a = a.Attr("aria-current", "location")
		}
		return li.Body(a)
	}
	return el.Nav().Class("subnav").Attr("aria-label", "Tenant").DataSet("testid", "tenant-nav").Body(
		el.Ul().Body(
			item(pageTenant, "Overview", "", ""),
			item(pageRestoreRuns, "Restore runs", "/restore-runs", snapshot.CapRestoreView),
			item(pageBackupSets, "Backup sets", "/backup-sets", snapshot.CapBackupView),
		),
	)
}

// snapshotLine names the snapshot a page is read from and when it was
// generated: every age on the page is counted back from that instant, and a
// printed page needs to say what it is a report of. Pages end sentences
// with an element rather than put punctuation after one: a prerendered page
// has a line break between the two, which reads as a space.
func snapshotLine(v *View) app.UI {
	return el.P().Class("snapshot-line muted").DataSet("testid", "snapshot-line").Body(
		app.Text("Snapshot “"+v.Title()+"”. Ages on this page are counted back from when it was generated: "),
		generatedEl(v, v.generatedAt()),
	)
}

// generatedEl is the snapshot's generated_at, as an instant when it reads
// as one, else as written.
func generatedEl(v *View, gen time.Time) app.UI {
	if gen.IsZero() {
		return app.Text(v.Portfolio.GeneratedAt)
	}
	return timeEl(gen)
}
