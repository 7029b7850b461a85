package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/export"
)

// portfolioTools sit under the portfolio's filters: the state coverage page
// (the QA map), and "Download CSV" of the portfolio as filtered and sorted,
// every matching tenant and not just the page shown. The CSV is made in the
// browser by the same code as `tenantatlas resolve --format csv`, from the
// portfolio rows (all a sharded snapshot's index has); nothing is sent
// anywhere. scope changes with the query, so that go-app replaces
// the click handler, and with it the rows it writes, when the filter does.
func portfolioTools(snap string, rows []domain.PortfolioTenant, scope string) app.UI {
	coverageLink := el.A().Attr("href", link("/s/"+snap+"/coverage")).DataSet("testid", "coverage-link").Text("State coverage (QA map)")
	if app.IsServer {
		// Prerendered, the page offers no control that needs the app:
		// the button appears once app.wasm runs.
		return el.P().Class("tools").Body(coverageLink)
	}
	download := func(ctx app.Context, e app.Event) {
		saveFile(snap+"-portfolio.csv", "text/csv;charset=utf-8", export.Portfolio(rows))
	}
	return el.P().Class("tools").Body(
		el.Button().Attr("type", "button").Class("button button--quiet").DataSet("testid", "download-csv").
			OnClick(download, app.EventScope(snap, scope)).Textf("Download CSV (%d tenants)", len(rows)),
		app.Text(" "),
		coverageLink,
	)
}

// saveFile offers text to the user as a download, through a Blob and an
// object URL that is revoked once the link is followed.
func saveFile(name, mime, text string) {
	win := app.Window()
	blob := win.Get("Blob").New([]any{text}, map[string]any{"type": mime})
	url := win.Get("URL").Call("createObjectURL", blob)
	doc := win.Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	win.Get("URL").Call("revokeObjectURL", url)
}
