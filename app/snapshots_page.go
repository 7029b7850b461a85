package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/tenantatlas/tenantatlas/app/el"
)

// snapshotsPage lists the shipped snapshots and opens one of the user's own
// ({base}). A file the user opens is read and resolved in this browser and
// never uploaded; it is kept in local storage until they close it.
type snapshotsPage struct {
	app.Compo
	loader
	haveLocal bool
	message   string
	// dragging is true while a file is held over the drop zone.
	dragging bool
	catalog  Catalog
	// catalogErr says why the list of shipped snapshots could not be read.
	catalogErr error
}

func (p *snapshotsPage) OnNav(ctx app.Context) {
	p.nav(ctx)
	p.haveLocal = haveLocal()
	if app.IsServer {
		p.catalog, p.catalogErr = loadCatalog()
		return
	}
	ctx.Async(func() {
		c, err := loadCatalog()
		ctx.Dispatch(func(ctx app.Context) { p.catalog, p.catalogErr = c, err })
	})
}

func (p *snapshotsPage) onFile(ctx app.Context, e app.Event) {
	p.open(ctx, ctx.JSSrc().Get("files"))
}

// onDragOver lets the drop zone accept a file instead of the browser
// opening it.
func (p *snapshotsPage) onDragOver(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.dragging = true
}

func (p *snapshotsPage) onDragLeave(ctx app.Context, e app.Event) { p.dragging = false }

func (p *snapshotsPage) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.dragging = false
	if dt := e.Get("dataTransfer"); dt.Truthy() {
		p.open(ctx, dt.Get("files"))
	}
}

// open reads the first of files in the browser, keeps it, and shows it.
func (p *snapshotsPage) open(ctx app.Context, files app.Value) {
	if !files.Truthy() || files.Get("length").Int() == 0 {
		return
	}
	p.message = "Reading the file…"
	files.Index(0).Call("text").Then(func(text app.Value) {
		ctx.Dispatch(func(ctx app.Context) {
			s := text.String()
			forgetLocal()
			if !storeLocal(s) {
				p.message = "The file is too large to keep for later visits; it is shown for this visit only."
				sourceMu.Lock()
				views[LocalSnapshot] = NewView(LocalSnapshot, []byte(s))
				sourceMu.Unlock()
			}
			ctx.Navigate(link("/s/" + LocalSnapshot + "/"))
		})
	})
}

func (p *snapshotsPage) onClose(ctx app.Context, e app.Event) {
	forgetLocal()
	p.haveLocal = false
	p.message = "The file was closed and removed from this browser."
}

func (p *snapshotsPage) Render() app.UI {
	return p.shell(func() app.UI {
		c := p.catalog
		groups := []string{"Demo", "Scenarios", "Invalid examples"}
		return el.Div().Body(
			homeIntro(c),
			el.Section().Class("card").Attr("aria-labelledby", "open-title").Body(
				el.H2().ID("open-title").Text("Open a snapshot file"),
				el.P().Text("The file is read and checked in this browser. It is never uploaded."),
				el.Div().Class(dropClass(p.dragging)).DataSet("testid", "drop-zone").
					OnDragOver(p.onDragOver).OnDragLeave(p.onDragLeave).OnDrop(p.onDrop).Body(
					el.Label().Attr("for", "snapshot-file").Text("Pick a snapshot file (JSON) or drop it here"),
					el.Input().Attr("type", "file").ID("snapshot-file").Attr("accept", "application/json,.json").OnChange(p.onFile),
				),
				app.If(p.haveLocal, func() app.UI {
					return el.P().Body(
						el.A().Attr("href", link("/s/"+LocalSnapshot+"/")).Text("Continue with your opened file"),
						app.Text(" "),
						el.Button().Attr("type", "button").Class("button button--quiet").OnClick(p.onClose).Text("Close the file"),
					)
				}),
				app.If(p.message != "", func() app.UI { return el.P().Attr("role", "status").Text(p.message) }),
			),
			app.If(p.catalogErr != nil, func() app.UI {
				return el.P().Class("helper").Text("The list of shipped snapshots could not be read: " + p.catalogErr.Error())
			}),
			app.Range(groups).Slice(func(i int) app.UI {
				var entries []CatalogEntry
				for _, e := range c.Entries {
					if e.Group == groups[i] {
						entries = append(entries, e)
					}
				}
				if len(entries) == 0 {
					return app.Text("")
				}
				list := snapshotList(entries)
				if groups[i] == "Scenarios" {
					list = scenarioGroups(entries)
				}
				return el.Section().Class("card").Body(el.H2().Text(groups[i]), list)
			}),
		)
	})
}

func dropClass(dragging bool) string {
	if dragging {
		return "drop-zone drop-zone--over"
	}
	return "drop-zone"
}
