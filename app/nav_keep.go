package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// keepsView reports whether the page, just given a new address, still has
// what it needs from prev, the page as it was before: in the browser, when
// only the query changed (a filter, a search, a sort, a page of the list)
// and the page had loaded its snapshot, the same view and series serve the
// new address. The page then renders at once, in place, from what it has:
// no loading state replaces it meanwhile, and nothing is fetched or decoded
// again (docs/performance.md, "Filters and the sharded portfolio").
func (l *loader) keepsView(prev loader) bool {
	return !app.IsServer && canKeepView(prev, l.addr)
}

// canKeepView is keepsView's rule. A page whose data depends on the query
// (the changes page's ?from=) loads again; so does the user's own file,
// which another file opened under the same address replaces.
func canKeepView(prev loader, next Address) bool {
	a := prev.addr
	return prev.navigated && !prev.fallback && !prev.loading &&
		prev.view != nil && prev.err == nil && !prev.wants.changes &&
		a.Kind == next.Kind && a.Snap == next.Snap && a.Tenant == next.Tenant && a.Run == next.Run &&
		next.Kind != pageUnknown && next.Kind != pageSnapshots && !IsLocal(next.Snap)
}
