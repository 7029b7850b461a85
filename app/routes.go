package app

import (
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

var routesOnce sync.Once

// Routes registers every page, in one place. Paths are relative to the base
// path: go-app strips its root prefix before matching in the browser, and
// the server strips the base path before its handler.
func Routes() { routesOnce.Do(register) }

// The routes only choose a page's component, and are loose: each page reads
// its address strictly (ParseAddress), and one that names no page shows
// not found, as notFoundPage does. go-app compiles the patterns as they are
// registered, at app.wasm's start; written strictly (a snapshot name of
// {0,99} characters, ids of {1,19} digits), compiling them was a part of it
// (docs/performance.md, "Takeover and the service worker").
func register() {
	const snap = `/s/[^/]+`
	const tenant = snap + `/tenants/[^/]+`
	app.Route("/", func() app.Composer { return &snapshotsPage{} })
	app.RouteWithRegexp(`^`+snap+`/?$`, func() app.Composer { return &portfolioPage{} })
	app.RouteWithRegexp(`^`+snap+`/changes$`, func() app.Composer { return &changesPage{} })
	app.RouteWithRegexp(`^`+tenant+`$`, func() app.Composer { return &tenantPage{} })
	app.RouteWithRegexp(`^`+tenant+`/restore-runs$`, func() app.Composer { return &restoreRunsPage{} })
	app.RouteWithRegexp(`^`+tenant+`/restore-runs/[0-9]{1,19}$`, func() app.Composer { return &restoreRunPage{} })
	app.RouteWithRegexp(`^`+tenant+`/backup-sets$`, func() app.Composer { return &backupSetsPage{} })
	app.RouteWithRegexp(`^`+snap+`/coverage$`, func() app.Composer { return &coveragePage{} })
	NotFoundRoute()
}

// NotFoundRoute renders the not-found page for any other address; it is
// registered last so that the server and the static 404.html show our page.
func NotFoundRoute() {
	app.RouteWithRegexp(`^/.*$`, func() app.Composer { return &notFoundPage{} })
}

// notFoundPage answers an address that names no page.
type notFoundPage struct {
	app.Compo
	loader
}

func (p *notFoundPage) OnNav(ctx app.Context) { p.nav(ctx) }

func (p *notFoundPage) Render() app.UI { return p.shell(nil) }
