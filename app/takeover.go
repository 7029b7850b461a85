package app

import (
	"net/url"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The page app.wasm takes over. go-app mounts the address's component in
// place of the prerendered page, and a page's first render, before OnNav,
// and every render until its snapshot was loaded, was the loading state: a
// reader saw the page, a spinner, then the page again. Takeover loads what
// the page needs before go-app starts, while the prerendered page stays on
// screen, and the page's component renders it at once (OnInit, then OnNav
// without a load): the app's first render is the page itself
// (docs/performance.md, "Takeover and the service worker").

// takeover is what was loaded for the address the app started at.
type takeover struct {
	path, query string // the address, relative to the base
	addr        Address
	wants       wants
	view        *View
	err         error
	series      *seriesInfo
	changes     *changesInfo
}

var (
	takeoverMu sync.Mutex
	tookOver   *takeover
)

// wantsFor is what a page of kind k loads besides its snapshot; the pages'
// OnNav say the same (a page whose wants differ is loaded as usual).
func wantsFor(k pageKind) wants {
	switch k {
	case pagePortfolio, pageTenant:
		return wants{series: true}
	case pageChanges:
		return wants{series: true, changes: true}
	}
	return wants{}
}

// Takeover loads the page at the browser's address, before go-app mounts
// it. It blocks the caller (the main goroutine), not the page: the browser
// keeps showing, and running, the prerendered page meanwhile.
func Takeover() {
	if !app.IsClient {
		return
	}
	u := app.Window().URL()
	preload(strings.TrimPrefix(u.Path, base), u.RawQuery)
}

// preload loads the page at path (relative to the base) and query.
func preload(path, query string) {
	q, _ := url.ParseQuery(query) // as go-app's Page().URL().Query() reads it
	t := &takeover{path: path, query: query, addr: ParseAddress(path, q)}
	if t.addr.Kind != pageSnapshots && t.addr.Kind != pageUnknown {
		t.wants = wantsFor(t.addr.Kind)
		t.view, t.err = loadView(t.addr)
		t.series, t.changes = loadMore(t.addr, t.view, t.wants)
	}
	takeoverMu.Lock()
	tookOver = t
	takeoverMu.Unlock()
}

// OnInit gives the component mounted first what Takeover loaded for its
// address, so that go-app's first render of it is the page.
func (l *loader) OnInit() {
	if !app.IsClient {
		return
	}
	takeoverMu.Lock()
	t := tookOver
	takeoverMu.Unlock()
	if u := app.Window().URL(); t == nil || strings.TrimPrefix(u.Path, base) != t.path || u.RawQuery != t.query {
		return
	}
	l.fromTakeover(t)
}

func (l *loader) fromTakeover(t *takeover) {
	l.navigated, l.addr, l.loading = true, t.addr, false
	l.view, l.err, l.series, l.changes = t.view, t.err, t.series, t.changes
}

// takenOver hands the first OnNav what Takeover loaded, once: when the
// address and the page's wants are those it loaded for.
func (l *loader) takenOver(path, query string) bool {
	takeoverMu.Lock()
	t := tookOver
	tookOver = nil
	takeoverMu.Unlock()
	if t == nil || t.path != path || t.query != query || t.wants != l.wants {
		return false
	}
	l.fromTakeover(t)
	return true
}
