package app

import (
	"errors"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/domain"
)

// LocalSnapshot names a file the user opened in the browser; several files
// opened together are a local series, named local.1, local.2, … in the order
// of their generated_at.
const LocalSnapshot = "local"

// IsLocal reports whether snap names a file the user opened in the browser.
func IsLocal(snap string) bool {
	return snap == LocalSnapshot || strings.HasPrefix(snap, LocalSnapshot+".")
}

// ErrNoSnapshot is a snapshot name that does not exist.
var ErrNoSnapshot = errors.New("no such snapshot")

// Source gives the bytes of a snapshot by name. On the server it reads the
// embedded fixtures (or a --fixtures folder); in the browser it fetches
// {base}snapshots/{name}.json.
type Source interface {
	Snapshot(name string) ([]byte, error)
}

// ShardedEnv is the environment variable (go-app's Handler.Env, read in the
// browser with app.Getenv) that lists the snapshots published sharded,
// separated by commas.
const ShardedEnv = "TENANTATLAS_SHARDED"

// ShardedSource also has snapshots published sharded: index.json and one
// file per tenant (docs/snapshot-format.md). The browser's source is one; the
// server prerenders from whole snapshots, which resolve to the same states.
type ShardedSource interface {
	Source
	Sharded(name string) bool
	Index(name string) ([]byte, error)
	TenantFile(name string, id int64) ([]byte, error)
}

// Catalog lists the shipped snapshots for the snapshots page.
type Catalog struct {
	Entries []CatalogEntry `json:"snapshots"`
}

// CatalogEntry is one shipped snapshot.
type CatalogEntry struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Group string `json:"group"` // "Demo", "Scenarios", "Invalid examples", SeriesGroup
	// Series names the series the snapshot belongs to ("" for none), and
	// GeneratedAt is its generated_at as written (a series is in that order).
	Series      string `json:"series,omitempty"`
	GeneratedAt string `json:"generated_at,omitempty"`
}

// SeriesGroup is the catalog group of every series' snapshots; the
// snapshots page lists each series under its own heading.
const SeriesGroup = "Series"

var (
	sourceMu sync.Mutex
	source   Source
	catalog  Catalog
	series   = map[string]*seriesInfo{}
	// base is the site's base path without a trailing slash ("" at the root).
	base string
)

// Configure sets where snapshots come from and the base path. The server
// calls it before serving; the browser calls it at start-up.
func Configure(s Source, c Catalog, basePath string) {
	sourceMu.Lock()
	defer sourceMu.Unlock()
	source, catalog, views, series = s, c, newViewCache(views.budget), map[string]*seriesInfo{}
	base = trimBase(basePath)
}

func trimBase(p string) string {
	for len(p) > 0 && p[len(p)-1] == '/' {
		p = p[:len(p)-1]
	}
	return p
}

// loadView returns the view a page address needs: the whole snapshot, or
// for a sharded one its index (the portfolio, a quarantined tenant) or the
// tenant's own file. Views are cached by what they were read from.
func loadView(a Address) (*View, error) { return loadViewWatched(a, nil) }

// loadViewWatched is loadView telling progress how far the loading of a
// file the user opened has got (nil: not told). Such a view is read from
// the file kept in this browser (local_browser.go), never fetched.
func loadViewWatched(a Address, progress func(loadProgress)) (*View, error) {
	if IsLocal(a.Snap) {
		return cachedView(a.Snap, func() (*View, error) { return loadLocal(a.Snap, progress) })
	}
	sourceMu.Lock()
	s := source
	sourceMu.Unlock()
	if s == nil {
		return nil, errors.New("no snapshot source configured")
	}
	ss, sharded := s.(ShardedSource)
	if !sharded || !ss.Sharded(a.Snap) {
		return cachedView(a.Snap, func() (*View, error) {
			data, err := s.Snapshot(a.Snap)
			if err != nil {
				return nil, err
			}
			return NewView(a.Snap, data), nil
		})
	}
	index, err := cachedView(a.Snap+"/index.json", func() (*View, error) {
		data, err := ss.Index(a.Snap)
		if err != nil {
			return nil, err
		}
		return newIndexView(a.Snap, data)
	})
	if err != nil || a.Kind == pagePortfolio || a.Kind == pageChanges || a.Kind == pageCoverage {
		return index, err
	}
	row, ok := index.tenantRow(a.Tenant)
	if !ok || row.Row.DataStatus != domain.DataValid {
		return index, nil // not found, or quarantined: the index says all
	}
	return cachedView(a.Snap+"/"+row.File, func() (*View, error) {
		data, err := ss.TenantFile(a.Snap, a.Tenant)
		if err != nil {
			return nil, err
		}
		return newTenantView(a.Snap, index, a.Tenant, data)
	})
}

// ViewFor loads the view an address names, for the server's status codes.
func ViewFor(a Address) (*View, error) { return loadView(a) }

// catalogFor is the catalog that lists snap: the user's own files for a
// local snapshot, else the site's.
func catalogFor(snap string) (Catalog, error) {
	if IsLocal(snap) {
		return localCatalog(), nil
	}
	return loadCatalog()
}

func shippedCatalog() Catalog {
	sourceMu.Lock()
	defer sourceMu.Unlock()
	return catalog
}

// link is an address under the base path: link("/s/demo/") → "/atlas/s/demo/".
func link(path string) string { return base + path }

// Resources is go-app's resource resolver for the site under basePath.
// asset names the file an asset of /web/ is published under (its
// fingerprinted name); nil keeps the names as they are.
func Resources(basePath string, asset func(name string) string) app.ResourceResolver {
	if asset == nil {
		asset = func(name string) string { return name }
	}
	return baseResolver{prefix: trimBase(basePath), asset: asset}
}

// baseResolver puts go-app's own files (its scripts, worker, manifest and
// app.css) and the /web/ assets under the base path, and leaves every other
// address as it is. It is the Handler's Resources for basePath ("/" or
// "/atlas/").
//
// go-app's PrefixedLocation prefixes every href and src of a prerendered page
// (including "#main"), while in the browser go-app resolves only /web/ paths.
// The app's links already carry the base path (app.link), the same on both
// sides, so PrefixedLocation wrote /atlas/atlas/... on the server. Resolve("/")
// is go-app's root prefix, which its router strips in the browser.
type baseResolver struct {
	prefix string // "" or "/atlas"
	asset  func(string) string
}

func (r baseResolver) Resolve(loc string) string {
	switch {
	case strings.HasPrefix(loc, "https://"), strings.HasPrefix(loc, "http://"):
		return loc
	case loc == "" || loc == "/":
		if r.prefix == "" {
			return "/"
		}
		return r.prefix
	case loc == "/web":
		return r.prefix + loc
	case strings.HasPrefix(loc, "/web/"):
		return r.prefix + "/web/" + r.asset(strings.TrimPrefix(loc, "/web/"))
	case strings.HasPrefix(loc, "web/"):
		return r.prefix + "/web/" + r.asset(strings.TrimPrefix(loc, "web/"))
	case IsScriptOrResource(loc) || loc == "/app.wasm":
		return r.prefix + loc
	}
	return loc
}
