package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// loader is what every page loads: the address and the snapshot it names.
type loader struct {
	// navigated is false for the first render, which go-app does at mount,
	// before OnNav has read the address, unless OnInit had the page from
	// Takeover (takeover.go).
	navigated bool
	addr      Address
	view      *View
	err       error
	loading   bool
	// fallback is the static site's 404.html, prerendered for no address
	// in particular: app.wasm renders whatever address it is served for.
	fallback bool
	// wants says what a page needs besides its snapshot; series and changes
	// are loaded with it, before the page is ready.
	wants   wants
	series  *seriesInfo
	changes *changesInfo
	// progress is how far the loading of a file the user opened has got.
	progress loadProgress
}

// wants are what a page loads besides its snapshot.
type wants struct {
	series  bool // its series up to it, if it is in one
	changes bool // the diff the changes page shows
}

// loadMore loads what the page wants besides the snapshot v.
func loadMore(a Address, v *View, w wants) (*seriesInfo, *changesInfo) {
	if v == nil || v.Rejected() || (!w.series && !w.changes) {
		return nil, nil
	}
	s, err := loadSeries(a.Snap)
	if err != nil && !errors.Is(err, errNotInSeries) {
		// Two snapshots at one instant, or one that could not be read:
		// the page says so rather than showing no history at all.
		s = &seriesInfo{Err: err}
	}
	var c *changesInfo
	if w.changes {
		c = loadChanges(a, v, s)
	}
	return s, c
}

// FallbackPath is the address the static site's 404.html is prerendered
// from. A static host answers it for every address that has no file of its
// own: one that names nothing, and one rendered in the browser only (the
// file the user opened, a sharded snapshot's tenant pages).
const FallbackPath = "/_fallback"

// nav reads the address and loads its snapshot: at once on the server (the
// page is prerendered with its content), in the background in the browser.
func (l *loader) nav(ctx app.Context) {
	u := ctx.Page().URL()
	if app.IsClient && l.takenOver(strings.TrimPrefix(u.Path, base), u.RawQuery) {
		// Loaded before go-app started, and rendered since OnInit.
		ctx.Page().SetTitle("%s", pageTitle(l.addr, l.view))
		return
	}
	prev := *l
	l.addr = ParseAddress(strings.TrimPrefix(u.Path, base), u.Query())
	if l.keepsView(prev) {
		ctx.Page().SetTitle("%s", pageTitle(l.addr, l.view))
		return
	}
	l.view, l.err, l.navigated, l.loading = nil, nil, true, false
	l.series, l.changes, l.progress = nil, nil, loadProgress{}
	l.fallback = app.IsServer && strings.TrimPrefix(u.Path, base) == FallbackPath
	if l.fallback {
		ctx.Page().SetTitle("tenantatlas")
		return
	}
	if l.addr.Kind == pageSnapshots || l.addr.Kind == pageUnknown {
		ctx.Page().SetTitle("%s", pageTitle(l.addr, nil))
		return
	}
	if app.IsServer {
		if IsLocal(l.addr.Snap) {
			// The user's file lives in their browser only: the server
			// prerenders the loading state, and app.wasm reads the file.
			l.loading = true
			return
		}
		l.view, l.err = loadView(l.addr)
		l.series, l.changes = loadMore(l.addr, l.view, l.wants)
		ctx.Page().SetTitle("%s", pageTitle(l.addr, l.view))
		return
	}
	l.loading = true
	addr, w := l.addr, l.wants
	ctx.Async(func() {
		v, err := loadViewWatched(addr, func(p loadProgress) {
			ctx.Dispatch(func(ctx app.Context) { l.progress = p })
		})
		s, c := loadMore(addr, v, w)
		ctx.Dispatch(func(ctx app.Context) {
			l.view, l.err, l.loading = v, err, false
			l.series, l.changes = s, c
			ctx.Page().SetTitle("%s", pageTitle(l.addr, l.view))
		})
	})
}

// pageTitle names the page in the browser's tab and history: what the page
// is, then the tenant or snapshot it is about. Snapshot names are data, and
// the document title is text.
func pageTitle(a Address, v *View) string {
	const product = "tenantatlas"
	tenant := ""
	snap := a.Snap
	if v != nil && !v.Rejected() {
		if title := v.Title(); attrSafe(title) {
			snap = title
		}
		if ts, _, ok := v.Tenant(a.Tenant); ok {
			tenant = ts.Name
			if !attrSafe(tenant) {
				tenant = fmt.Sprintf("Tenant %d", ts.TenantID)
			}
		}
	}
	var what string
	switch a.Kind {
	case pageSnapshots:
		return "Snapshots · " + product
	case pagePortfolio:
		what = "Portfolio"
	case pageCoverage:
		what = "State coverage"
	case pageTenant:
		what = tenant
	case pageRestoreRuns:
		what = "Restore runs · " + tenant
	case pageRestoreRun:
		what = fmt.Sprintf("Restore run #%d · %s", a.Run, tenant)
		if v != nil && !v.Can(snapshot.CapRestoreView) {
			what = "Access missing · " + tenant
		}
	case pageBackupSets:
		what = "Backup sets · " + tenant
	case pageChanges:
		return "Changes · " + snap + " · " + product
	default:
		return "Not found · " + product
	}
	if tenant == "" && a.Kind != pagePortfolio && a.Kind != pageCoverage {
		what = "Not found"
	}
	return what + " · " + snap + " · " + product
}

// attrSafe reports whether s may go into an HTML attribute of a prerendered
// page. go-app's server encoder writes attribute values with strconv.Quote,
// which escapes a double quote as \" — not an escape in HTML, so a value
// with a quote would end the attribute early. Snapshot data and the query
// string reach attributes (the title's og:title, the search field) only when
// Quote leaves them as they are. In the browser go-app sets attributes
// through the DOM, which needs no escaping.
func attrSafe(s string) bool {
	return !app.IsServer || strconv.Quote(s) == `"`+s+`"`
}

// shell is the layout every page shares: header, main landmark, and the
// loading, error and not-found states. body is called only when the snapshot
// is there and valid.
func (l *loader) shell(body func() app.UI) app.UI {
	var content app.UI
	ready := true
	switch {
	case !l.navigated:
		ready = false
		content = el.P().Class("loading").Attr("role", "status").Text("Loading…")
	case l.fallback:
		// Not ready: the app has yet to decide what this address is.
		ready = false
		content = el.Section().Class("card").DataSet("testid", "fallback").Attr("role", "status").Body(
			el.P().Class("loading").Body(el.Span().Class("spinner").Attr("aria-hidden", "true"), app.Text("Opening this page…")),
			el.P().Class("muted").Text("This page is put together in your browser. If nothing appears, JavaScript or WebAssembly may be blocked, or there is no page at this address."),
			el.P().Body(el.A().Attr("href", link("/")).Text("Back to the snapshots")),
		)
	case l.addr.Kind == pageUnknown:
		content = notFound("There is no page at this address.")
	case l.loading || (l.view == nil && l.err == nil && l.addr.Kind != pageSnapshots):
		ready = false
		if IsLocal(l.addr.Snap) {
			content = localLoading(l.progress)
			break
		}
		content = el.P().Class("loading").Attr("role", "status").Attr("aria-live", "polite").
			Body(el.Span().Class("spinner").Attr("aria-hidden", "true"), app.Text("Loading snapshot…"))
	case errors.Is(l.err, ErrNoSnapshot):
		content = notFound("There is no snapshot named “" + l.addr.Snap + "”.")
	case l.err != nil:
		content = el.Section().Class("card card--danger").DataSet("testid", "snapshot-error").Body(
			el.H1().Text("The snapshot could not be loaded"),
			el.P().Text(l.err.Error()),
		)
	case l.view != nil && l.view.Rejected():
		content = snapshotError(l.view)
	default:
		content = body()
	}

	main := el.Main().ID("main").Class("main").Body(content)
	if ready {
		main = main.DataSet("ready", "true")
		if app.IsClient {
			// The prerendered page stays on screen while the app loads the
			// same page (takeover.go), and is marked ready too: this says
			// that what is on screen is the app's own rendering.
			main = main.DataSet("rendered-by", "app")
		}
	}
	snap := ""
	if l.addr.Snap != "" {
		snap = l.addr.Snap
		if l.view != nil {
			snap = l.view.Title()
		}
	}
	return el.Div().Class("app").Body(
		el.A().Class("skip-link").Attr("href", "#main").Text("Skip to content"),
		el.Header().Class("topbar").Body(
			el.A().Class("brand").Attr("href", link("/")).Text("tenantatlas"),
			app.If(snap != "", func() app.UI {
				return el.Nav().Attr("aria-label", "Snapshot").Body(
					el.A().Attr("href", link("/s/"+l.addr.Snap+"/")).Text(snap),
				)
			}),
		),
		main,
		el.Footer().Class("footer").Body(
			el.P().Text("tenantatlas shows what the records support and nothing more: a preview is not an execution, an execution is not proof, and a backup is not a restore."),
		),
	)
}

// tenantOrElse finds the tenant the address names. When there is nothing
// to derive for it, it returns the page to show instead: not found, the
// quarantined tenant's errors, or missing access (need "" for none).
func (l *loader) tenantOrElse(need snapshot.Capability) (*domain.TenantState, *tenantRecords, app.UI) {
	ts, recs, ok := l.view.Tenant(l.addr.Tenant)
	switch {
	case !ok:
		return nil, nil, notFound(fmt.Sprintf("There is no tenant %d in this snapshot.", l.addr.Tenant))
	case ts.DataStatus != domain.DataValid:
		return nil, nil, tenantInvalid(l.view, ts)
	case need != "" && !l.view.Can(need):
		return nil, nil, accessMissing(need)
	}
	return domain.ForViewer(ts, l.view.Can), recs, nil
}

// snapshotError lists every problem that rejected the snapshot, as text.
func snapshotError(v *View) app.UI {
	ps := v.Checked.Problems
	return el.Section().Class("card card--danger").DataSet("testid", "snapshot-error").Body(
		el.H1().Text("This snapshot was rejected"),
		el.P().Text("Nothing is shown from a rejected snapshot: a dashboard built on part of it could claim more than the records support."),
		problemList(ps, v.Checked.Omitted),
	)
}

func problemList(ps snapshot.Problems, omitted int) app.UI {
	return el.Div().Body(
		el.Ul().Class("problems").Body(
			app.Range(ps).Slice(func(i int) app.UI {
				p := ps[i]
				return el.Li().Body(
					app.If(p.Path != "", func() app.UI { return el.Code().Text(p.Path) }),
					app.Text(" "+p.Message),
				)
			}),
		),
		app.If(omitted > 0, func() app.UI {
			return el.P().Textf("And %d more problems not listed.", omitted)
		}),
	)
}

func notFound(msg string) app.UI {
	return el.Section().Class("card").DataSet("testid", "not-found").Body(
		el.H1().Text("Not found"),
		el.P().Text(msg),
		el.P().Body(el.A().Attr("href", link("/")).Text("Back to the snapshots")),
	)
}

// tenantInvalid is a quarantined tenant's page: its errors and nothing derived.
func tenantInvalid(v *View, ts *domain.TenantState) app.UI {
	return el.Section().Class("card card--danger").DataSet("testid", "tenant-invalid").Body(
		el.H1().Text(ts.Name),
		el.P().Text("This tenant's records have errors, so nothing is derived for it: no backup posture, no recovery evidence, no claims."),
		problemList(v.TenantProblems(ts.TenantID), 0),
	)
}

// accessMissing replaces a page the viewer may not see; it shows no records.
func accessMissing(c snapshot.Capability) app.UI {
	return el.Section().Class("card").DataSet("testid", "access-missing").Body(
		el.H1().Text("Access missing"),
		el.P().Text(strings.TrimSuffix(domain.MissingAccess(c), ".")+", so none of its records are shown."),
	)
}

// actionLink renders an Action: a link, or a disabled control with its
// helper text (docs/rules.md §7).
func actionLink(snap string, a domain.Action, testid string) app.UI {
	if a.Disabled || a.URL == "" {
		return el.Span().Class("action action--disabled").Body(
			el.Button().Attr("type", "button").Class("button").Attr("disabled", true).DataSet("testid", testid).
				Attr("aria-describedby", testid+"-help").Text(a.Label),
			el.Span().ID(testid+"-help").Class("helper").Text(a.HelperText),
		)
	}
	return el.A().Class("button").Attr("href", snapLink(snap, a.URL)).DataSet("testid", testid).Text(a.Label)
}

// snapLink turns a domain URL (relative to the snapshot) into a page link.
func snapLink(snap, rel string) string { return link("/s/" + snap + "/" + rel) }

// whyDisclosure shows the domain's explanation behind "Why this state?".
func whyDisclosure(w *domain.Why) app.UI {
	if w == nil {
		return app.Text("")
	}
	return el.Details().Class("why").Body(
		el.Summary().Text("Why this state?"),
		el.P().Text(w.Text),
		el.P().Class("muted").Body(app.Text("Rule: "+w.Rule)),
		app.If(len(w.Records) > 0, func() app.UI {
			return el.P().Class("muted").Text("Records: " + strings.Join(w.Records, ", "))
		}),
	)
}
