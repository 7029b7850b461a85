package site

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/schema"
	"github.com/tenantatlas/tenantatlas/web"
)

// SecurityHeaders are sent on every response; deploy/nginx/security-headers.conf
// sends the same. go-app's pages load only external scripts, and compiling
// app.wasm needs 'wasm-unsafe-eval' rather than the wider 'unsafe-eval'.
var SecurityHeaders = map[string]string{
	"Content-Security-Policy":    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
	"X-Content-Type-Options":     "nosniff",
	"Referrer-Policy":            "no-referrer",
	"X-Frame-Options":            "DENY",
	"Cross-Origin-Opener-Policy": "same-origin",
	"Permissions-Policy":         "camera=(), microphone=(), geolocation=()",
}

// NormalizeBase turns "", "/", "atlas", "/atlas/" into "/" or "/atlas/".
// It does not check the path: New and Build refuse one CheckBase refuses.
func NormalizeBase(p string) string {
	p = strings.Trim(p, "/")
	if p == "" {
		return "/"
	}
	return "/" + p + "/"
}

// AppHandler is the go-app handler: it prerenders pages and serves go-app's
// scripts, manifest and service worker (PWA: the site reopens offline). The
// worker keeps the shell at install, and pages and snapshots once read
// (worker.go).
func AppHandler(basePath string) *goapp.Handler {
	h := &goapp.Handler{
		Name:            "tenantatlas",
		ShortName:       "tenantatlas",
		Title:           "tenantatlas",
		Description:     "How much each tenant's Microsoft 365 and Intune backups and restores can honestly be trusted.",
		Lang:            "en",
		LoadingLabel:    "Loading the app {progress}%",
		BackgroundColor: "#f6f7f9",
		ThemeColor:      "#1f3a5f",
		Icon:            goapp.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", Maskable: "/web/icon-192.png", SVG: "/web/icon.svg"},
		Styles:          []string{"/web/styles.css"},
		// Written after go-app's own two scripts, which bootFix then
		// hands to it: see web/boot.js. The service worker keeps it.
		Scripts:               []string{"/web/boot.js defer"},
		ServiceWorkerTemplate: appWorkerJS,
	}
	// go-app's loading label divides the bytes it reads by Content-Length,
	// which for a precompressed app.wasm (.br, .gz) is the compressed size:
	// it read "451%". The uncompressed size is what it reads.
	if n := web.WASMSize(); n > 0 {
		h.WasmContentLength = strconv.FormatInt(n, 10)
	}
	b := NormalizeBase(basePath)
	h.Resources = app.Resources(b, web.Fingerprinted)
	// The resolver leaves addresses of the app's own alone: these get the
	// base path here.
	for _, p := range shellResources {
		h.CacheableResources = append(h.CacheableResources, strings.TrimSuffix(b, "/")+p)
	}
	return h
}

// Server is the whole site as an http.Handler: snapshots, web assets and
// prerendered pages under the base path.
type Server struct {
	base       string
	src        *FixtureSource
	app        *goapp.Handler
	assets     http.Handler
	shardAbove int64
	sharded    []string // the snapshots published sharded
	cache      shardCache
}

// New builds the site for the snapshots in fixtures, under basePath. It
// configures package app to read from them (for prerendering).
func New(fixtures fs.FS, basePath string, opts ...Option) (*Server, error) {
	base, err := CheckBase(basePath)
	if err != nil {
		return nil, err
	}
	src, err := NewFixtureSource(fixtures)
	if err != nil {
		return nil, err
	}
	app.Configure(src, src.Catalog(), base)
	s := &Server{base: base, src: src, assets: http.FileServer(http.FS(web.FS)), shardAbove: DefaultShardAbove}
	for _, o := range opts {
		o(s)
	}
	s.sharded = s.Sharded()
	if err := s.cache.withholdErr; err != nil {
		return nil, err
	}
	s.app = AppHandler(base)
	s.app.Env = shardedEnv(s.sharded)
	return s, nil
}

// Source is the server's snapshot source.
func (s *Server) Source() *FixtureSource { return s.src }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for k, v := range SecurityHeaders {
		w.Header().Set(k, v)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path+"/" == s.base {
		// "/atlas" is the manifest's start_url (go-app's root prefix).
		http.Redirect(w, r, s.base, http.StatusMovedPermanently)
		return
	}
	if !strings.HasPrefix(r.URL.Path, s.base) {
		http.NotFound(w, r)
		return
	}
	// Everything below sees paths relative to the base, as go-app expects.
	rel := "/" + strings.TrimPrefix(r.URL.Path, s.base)
	r2 := r.Clone(r.Context())
	r2.URL.Path, r2.URL.RawPath = rel, ""

	switch {
	case rel == "/snapshots/catalog.json":
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(s.src.Catalog())
	case rel == "/"+schema.Path:
		w.Header().Set("Content-Type", "application/schema+json")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(schema.SnapshotV1)
	case strings.HasPrefix(rel, "/snapshots/"):
		s.serveSnapshot(w, r2)
	case strings.HasPrefix(rel, "/web/"):
		if strings.HasSuffix(rel, "/") {
			http.NotFound(w, r) // no directory listing
			return
		}
		s.serveAsset(w, r2, strings.TrimPrefix(rel, "/web/"))
	default:
		s.servePage(w, r2)
	}
}

// serveAsset serves an asset of web/. Under its fingerprinted name (what the
// pages link to) it never changes, and may be kept for a year; under its
// plain name it is revalidated.
func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	if orig, ok := web.Original(name); ok {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		name = orig
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	r.URL.Path = "/" + name
	s.assets.ServeHTTP(w, r)
}

func (s *Server) serveSnapshot(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/snapshots/")
	if name, rel, ok := strings.Cut(rest, "/"); ok {
		s.serveShard(w, r, name, rel)
		return
	}
	name, ok := strings.CutSuffix(rest, ".json")
	if !ok || strings.ContainsAny(name, "/\\") || s.isSharded(name) {
		http.NotFound(w, r)
		return
	}
	f, err := s.src.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		w.Header().Set("Content-Length", strconv.FormatInt(st.Size(), 10))
	}
	if r.Method == http.MethodHead {
		return
	}
	_, _ = io.Copy(w, f)
}

// servePage lets go-app prerender the page, answering 404 when the address
// names no page, snapshot, tenant or run: the page says so, the status too.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	page := &bufferedPage{header: http.Header{}}
	status := PageStatus(r.URL.Path)
	if !plainPath.MatchString(r.URL.Path) {
		// go-app writes the request's path into the page's og:url attribute
		// with strconv.Quote, so a path with a double quote (%22) would end
		// the attribute and inject markup. No page address has one: answer
		// with the not-found page of a harmless address.
		r.URL.Path, r.URL.RawPath, r.URL.RawQuery = "/404", "", ""
		status = http.StatusNotFound
	}
	s.app.ServeHTTP(page, r)
	if page.status == http.StatusOK && status == http.StatusNotFound {
		page.status = http.StatusNotFound
	}
	if page.status == http.StatusOK {
		page.preload = s.snapshotPreload(r.URL.Path)
	}
	page.flush(w)
}

// plainPath is every address the site has a page for, and then some: no
// quote, backslash, space or control character.
var plainPath = regexp.MustCompile(`^[A-Za-z0-9._~/-]*$`)

// PageStatus is the HTTP status of a page address relative to the base:
// 404 for an address that names nothing.
func PageStatus(rel string) int {
	a := app.ParseAddress(rel, nil)
	if app.IsScriptOrResource(rel) {
		return http.StatusOK
	}
	if !a.Known() {
		return http.StatusNotFound
	}
	if a.Snap == "" || app.IsLocal(a.Snap) {
		return http.StatusOK // the local snapshot is rendered in the browser
	}
	v, err := app.ViewFor(a)
	if err != nil || !v.Found(a) {
		return http.StatusNotFound
	}
	return http.StatusOK
}
