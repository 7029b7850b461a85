package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/tenantatlas/tenantatlas/app/el"
)

// snapshotsPage lists the shipped snapshots and opens one of the user's own
// ({base}). A file the user opens is read and resolved in this browser and
// never uploaded; it is kept in this browser (IndexedDB) until they close it.
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
	if app.IsServer {
		p.catalog, p.catalogErr = loadCatalog()
		return
	}
	ctx.Async(func() {
		have := haveLocal()
		keepErr := localKeepError()
		c, err := loadCatalog()
		ctx.Dispatch(func(ctx app.Context) {
			p.haveLocal, p.catalog, p.catalogErr = have, c, err
			if have && keepErr != nil {
				p.message = "What you opened could not be kept in this browser for later visits (" + keepErr.Error() + "); it stays open until this tab is closed or reloaded."
			}
		})
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

// open keeps the files in this browser and shows them: one file as the
// local snapshot, several as a local series. Nothing is read here but a
// series' generated_at: each file is read by the page that shows it, as
// the page says (local_load.go).
func (p *snapshotsPage) open(ctx app.Context, files app.Value) {
	if !files.Truthy() || files.Get("length").Int() == 0 {
		return
	}
	n := files.Get("length").Int()
	if n > maxSeriesFiles {
		p.message = fmt.Sprintf("%d files were chosen; a series opened in the browser holds at most %d.", n, maxSeriesFiles)
		return
	}
	chosen := make([]openedFile, n)
	for i := range chosen {
		f := files.Index(i)
		chosen[i] = openedFile{File: f.Get("name").String(), Blob: f}
	}
	if n == 1 {
		keepLocal(chosen, false)
		ctx.Navigate(link("/s/" + LocalSnapshot + "/"))
		return
	}
	p.message = fmt.Sprintf("Reading %d files…", n)
	ctx.Async(func() {
		for i := range chosen {
			chosen[i].GeneratedAt = looseGeneratedAt(fileReader(chosen[i]))
		}
		orderLocal(chosen)
		keepLocal(chosen, true)
		ctx.Dispatch(func(ctx app.Context) { ctx.Navigate(link("/s/" + localName(n-1) + "/changes")) })
	})
}

// maxSeriesFiles bounds a local series: each file is read and resolved in
// this browser, and all are kept in memory.
const maxSeriesFiles = 60

func (p *snapshotsPage) onClose(ctx app.Context, e app.Event) {
	ctx.Async(func() {
		forgetLocal()
		ctx.Dispatch(func(ctx app.Context) {
			p.haveLocal = false
			p.message = "What you opened was closed and removed from this browser."
		})
	})
}

func (p *snapshotsPage) Render() app.UI {
	return p.shell(func() app.UI {
		c := p.catalog
		// Each series under its own heading, first: a series is where the
		// changes pages are.
		var seriesNames []string
		bySeries := map[string][]CatalogEntry{}
		for _, e := range c.Entries {
			if e.Group == SeriesGroup && e.Series != "" {
				if _, ok := bySeries[e.Series]; !ok {
					seriesNames = append(seriesNames, e.Series)
				}
				bySeries[e.Series] = append(bySeries[e.Series], e)
			}
		}
		groups := []string{"Demo", "Scenarios", "Invalid examples"}
		return el.Div().Body(
			homeIntro(c),
			el.Section().Class("card").Attr("aria-labelledby", "open-title").Body(
				el.H2().ID("open-title").Text("Open a snapshot file"),
				el.P().Text("The file is read and checked in this browser. It is never uploaded."),
				el.Div().Class(dropClass(p.dragging)).DataSet("testid", "drop-zone").
					OnDragOver(p.onDragOver).OnDragLeave(p.onDragLeave).OnDrop(p.onDrop).Body(
					el.Label().Attr("for", "snapshot-file").Text("Pick a snapshot file (JSON) or drop it here; several files opened together form a series"),
					el.Input().Attr("type", "file").ID("snapshot-file").Attr("accept", "application/json,.json").Attr("multiple", true).OnChange(p.onFile),
				),
				app.If(p.haveLocal, func() app.UI {
					return el.P().Body(
						el.A().Attr("href", link(localStart())).Text("Continue with what you opened"),
						app.Text(" "),
						el.Button().Attr("type", "button").Class("button button--quiet").OnClick(p.onClose).Text("Close it"),
					)
				}),
				app.If(p.message != "", func() app.UI { return el.P().Attr("role", "status").Text(p.message) }),
			),
			app.Range(seriesNames).Slice(func(i int) app.UI {
				return catalogGroup("Series: "+seriesNames[i], "Snapshots of one portfolio, oldest first. Each links to what changed since the one before it.", bySeries[seriesNames[i]])
			}),
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
				if groups[i] == "Scenarios" && len(entries) > 0 {
					return el.Section().Class("card").Body(el.H2().Text(groups[i]), scenarioGroups(entries))
				}
				return catalogGroup(groups[i], "", entries)
			}),
		)
	})
}

// catalogGroup lists snapshots under a heading; a series snapshot also
// links to its changes page.
func catalogGroup(title, about string, entries []CatalogEntry) app.UI {
	if len(entries) == 0 {
		return app.Text("")
	}
	return el.Section().Class("card").Body(
		el.H2().Text(title),
		app.If(about != "", func() app.UI { return el.P().Class("muted").Text(about) }),
		el.Ul().Class("snapshot-list").Body(app.Range(entries).Slice(func(j int) app.UI {
			e := entries[j]
			li := el.Li().Body(el.A().Attr("href", link("/s/"+e.Name+"/")).Text(e.Name), el.Span().Class("muted").Text(" — "+e.Title))
			if e.Series == "" {
				return li
			}
			return el.Li().Body(el.A().Attr("href", link("/s/"+e.Name+"/")).Text(e.Name), el.Span().Class("muted").Text(" — "+e.Title+" · "),
				el.A().Attr("href", link("/s/"+e.Name+"/changes")).Text("changes"))
		})),
	)
}

func dropClass(dragging bool) string {
	if dragging {
		return "drop-zone drop-zone--over"
	}
	return "drop-zone"
}
