package app

import (
	"fmt"

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

// open reads the files in the browser, keeps them, and shows them: one file
// as the local snapshot, several as a local series.
func (p *snapshotsPage) open(ctx app.Context, files app.Value) {
	if !files.Truthy() || files.Get("length").Int() == 0 {
		return
	}
	if n := files.Get("length").Int(); n > 1 {
		p.openSeries(ctx, files, n)
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
				views.put(LocalSnapshot, NewView(LocalSnapshot, []byte(s)), true)
				sourceMu.Unlock()
			}
			ctx.Navigate(link("/s/" + LocalSnapshot + "/"))
		})
	})
}

// maxSeriesFiles bounds a local series: each file is read and resolved in
// this browser, and all are kept in memory.
const maxSeriesFiles = 60

// openSeries reads n files, orders them by generated_at, keeps them as a
// local series and shows the latest one's changes.
func (p *snapshotsPage) openSeries(ctx app.Context, files app.Value, n int) {
	if n > maxSeriesFiles {
		p.message = fmt.Sprintf("%d files were chosen; a series opened in the browser holds at most %d.", n, maxSeriesFiles)
		return
	}
	p.message = fmt.Sprintf("Reading %d files…", n)
	read := make([]localFile, n)
	left := n
	for i := 0; i < n; i++ {
		f := files.Index(i)
		name := f.Get("name").String()
		f.Call("text").Then(func(text app.Value) {
			ctx.Dispatch(func(ctx app.Context) {
				s := text.String()
				read[i] = localFile{File: name, GeneratedAt: looseGeneratedAt(s), Text: s}
				if left--; left > 0 {
					return
				}
				orderLocal(read)
				forgetLocal()
				if !storeLocalSeries(read) {
					p.message = "The files are too large to keep for later visits; they are shown for this visit only."
				}
				ctx.Navigate(link("/s/" + localName(len(read)-1) + "/changes"))
			})
		})
	}
}

func (p *snapshotsPage) onClose(ctx app.Context, e app.Event) {
	forgetLocal()
	p.haveLocal = false
	p.message = "What you opened was closed and removed from this browser."
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
