package site

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/schema"
	"github.com/tenantatlas/tenantatlas/web"
)

// buildMarker marks a folder written by Build, so that Build replaces its
// own output but never a folder it did not write.
const buildMarker = ".tenantatlas-build"

// BuildOptions say what to build and where.
type BuildOptions struct {
	Out      string
	BasePath string
	Fixtures fs.FS
	// Progress receives a line now and then; nil for none.
	Progress io.Writer
	// QuickCompression trades app.wasm's brotli size for build time
	// (docs/performance.md): for tests, which check serving, not ratios.
	QuickCompression bool
	// Site options, e.g. ShardAbove.
	Site []Option
}

// BuildStats count what Build wrote.
type BuildStats struct {
	Pages, Snapshots, Files int
	Sharded                 int // of Snapshots
	WASMBytes, WASMGzip     int64
	WASMBrotli              int64
}

// Build writes the static site: every page prerendered by the same handler
// that serves them, go-app's scripts and worker, the assets with .gz and .br
// beside the large ones, the snapshots, and a 404.html that boots the app
// for addresses that were not prerendered (a file the user opened).
//
// The site is written into a new folder beside o.Out and takes o.Out's place
// only once it is complete: a build that fails leaves the previous site as
// it was.
func Build(o BuildOptions) (BuildStats, error) {
	var st BuildStats
	if !web.HasWASM() {
		return st, errors.New("app.wasm is not built into this binary: run `make wasm` first (make site does)")
	}
	if err := checkOut(o.Out); err != nil {
		return st, err
	}
	srv, err := New(o.Fixtures, o.BasePath, o.Site...)
	if err != nil {
		return st, err
	}
	tmp, err := newSibling(o.Out, "building")
	if err != nil {
		return st, err
	}
	defer os.RemoveAll(tmp) // gone already when the build took o.Out's place
	final := o.Out
	o.Out = tmp
	if st, err = build(o, srv); err != nil {
		return st, err
	}
	return st, swapIn(tmp, final)
}

// build writes the site into o.Out, a new empty folder.
func build(o BuildOptions, srv *Server) (BuildStats, error) {
	var st BuildStats
	if err := os.WriteFile(filepath.Join(o.Out, buildMarker), []byte("written by tenantatlas build; the folder is replaced by the next build\n"), 0o644); err != nil {
		return st, err
	}
	base := srv.base
	get := func(rel string) (int, []byte) {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, base+strings.TrimPrefix(rel, "/"), nil))
		return rec.Code, rec.Body.Bytes()
	}
	w := &writer{out: o.Out, stats: &st, quick: o.QuickCompression,
		gzip: compressor{open: newGzip}, brotli: compressor{open: newBrotli}}

	pages, err := srv.Pages()
	if err != nil {
		return st, err
	}
	for i, p := range pages {
		code, body := get(p)
		if code != http.StatusOK {
			return st, fmt.Errorf("page %s: status %d", p, code)
		}
		if err := w.write(pageFile(p), body, true); err != nil {
			return st, err
		}
		st.Pages++
		if o.Progress != nil && (i+1)%100 == 0 {
			fmt.Fprintf(o.Progress, "  %d of %d pages\n", i+1, len(pages))
		}
	}
	// Any address not prerendered gets 404.html, whose app.wasm then routes
	// the real address in the browser: a page, or not found.
	if _, body := get(app.FallbackPath); len(body) > 0 {
		if err := w.write("404.html", body, true); err != nil {
			return st, err
		}
	}
	for _, f := range []string{"app.js", "wasm_exec.js", "app-worker.js", "manifest.webmanifest", "app.css"} {
		code, body := get("/" + f)
		if code != http.StatusOK {
			return st, fmt.Errorf("%s: status %d", f, code)
		}
		if err := w.write(f, body, true); err != nil {
			return st, err
		}
	}
	if err := fs.WalkDir(web.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !web.Served(p) {
			return err
		}
		b, err := fs.ReadFile(web.FS, p)
		if err != nil {
			return err
		}
		// Under the fingerprinted name the pages link to: a host may cache
		// it for a year (deploy/nginx does).
		return w.write(path.Join("web", web.Fingerprinted(p)), b, path.Ext(p) == ".wasm" || path.Ext(p) == ".css" || path.Ext(p) == ".js" || path.Ext(p) == ".svg")
	}); err != nil {
		return st, err
	}
	// The schema an editor fetches when a snapshot names it in "$schema".
	if err := w.write(schema.Path, schema.SnapshotV1, true); err != nil {
		return st, err
	}
	cat, _ := json.Marshal(srv.Source().Catalog())
	if err := w.write("snapshots/catalog.json", cat, true); err != nil {
		return st, err
	}
	for _, name := range srv.Source().Names() {
		if err := writeSnapshot(w, srv, name); err != nil {
			return st, err
		}
		st.Snapshots++
		if srv.isSharded(name) {
			st.Sharded++
		}
	}
	return st, nil
}

// writeSnapshot writes snapshots/NAME.json, or for a sharded snapshot
// snapshots/NAME/index.json and snapshots/NAME/tenants/{id}.json.
func writeSnapshot(w *writer, srv *Server, name string) error {
	if !srv.isSharded(name) {
		b, err := srv.Source().Snapshot(name)
		if err != nil {
			return err
		}
		return w.write("snapshots/"+name+".json", b, true)
	}
	index, ok := srv.shardFile(name, "index.json")
	if !ok {
		return fmt.Errorf("snapshot %s: its index.json could not be written", name)
	}
	if err := w.write("snapshots/"+name+"/index.json", index, true); err != nil {
		return err
	}
	for _, t := range srv.shards(name).Tenants {
		if err := w.write("snapshots/"+name+"/"+domain.TenantFile(t.ID), t.Snapshot, true); err != nil {
			return err
		}
	}
	return nil
}

// pageFile is where a page's HTML goes: "/" → index.html, "/s/demo/" →
// s/demo/index.html, "/s/demo/tenants/1" → s/demo/tenants/1.html (servers
// try PATH.html, and PATH/ stays free for the pages below it).
func pageFile(p string) string {
	switch {
	case p == "/":
		return "index.html"
	case strings.HasSuffix(p, "/"):
		return strings.TrimPrefix(p, "/") + "index.html"
	default:
		return strings.TrimPrefix(p, "/") + ".html"
	}
}

// checkOut refuses an --out that is a non-empty folder Build did not write.
func checkOut(out string) error {
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case len(entries) > 0:
		if _, err := os.Stat(filepath.Join(out, buildMarker)); err != nil {
			return fmt.Errorf("%s is not empty and was not written by tenantatlas build; choose another --out", out)
		}
	}
	return nil
}

// newSibling makes a new empty folder beside out (in the same file system,
// so that a rename moves it): ".dist.building-123".
func newSibling(out, what string) (string, error) {
	parent, name := filepath.Split(filepath.Clean(out))
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp(parent, "."+name+"."+what+"-")
	if err != nil {
		return "", err
	}
	return dir, os.Chmod(dir, 0o755)
}

// swapIn puts the complete site tmp in out's place: the previous build, if
// any, is moved aside first and removed only once tmp is in place, and put
// back if tmp cannot be.
func swapIn(tmp, out string) error {
	old := ""
	if _, err := os.Lstat(out); err == nil {
		aside, err := newSibling(out, "previous")
		if err != nil {
			return err
		}
		// A rename onto an existing folder fails unless it is empty: the
		// new name was made to be free, and is freed again here.
		if err := os.Remove(aside); err != nil {
			return err
		}
		if err := os.Rename(out, aside); err != nil {
			return err
		}
		old = aside
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			_ = os.Rename(old, out)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

type writer struct {
	out   string
	stats *BuildStats
	quick bool

	gzip, brotli compressor
}

// compressor compresses file after file with one writer per level, reset
// for each file: a new writer allocates and clears its tables (a megabyte
// and more) for every page, which cost more than compressing a small page
// does.
type compressor struct {
	open    func(w io.Writer, level int) (resettable, error)
	byLevel map[int]resettable
	out     bytes.Buffer
}

// resettable is what gzip's and brotli's writers have in common.
type resettable interface {
	io.WriteCloser
	Reset(io.Writer)
}

func newGzip(w io.Writer, level int) (resettable, error) { return gzip.NewWriterLevel(w, level) }

func newBrotli(w io.Writer, level int) (resettable, error) {
	return brotli.NewWriterLevel(w, level), nil
}

// compress is b compressed at level, valid until the next call.
func (c *compressor) compress(b []byte, level int) ([]byte, error) {
	c.out.Reset()
	zw, ok := c.byLevel[level]
	if ok {
		zw.Reset(&c.out)
	} else {
		var err error
		if zw, err = c.open(&c.out, level); err != nil {
			return nil, err
		}
		if c.byLevel == nil {
			c.byLevel = map[int]resettable{}
		}
		c.byLevel[level] = zw
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return c.out.Bytes(), nil
}

// write writes rel, and with compress its .gz and .br beside it, which
// nginx's gzip_static and brotli_static serve as they are.
func (w *writer) write(rel string, b []byte, compress bool) error {
	p := filepath.Join(w.out, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		return err
	}
	w.stats.Files++
	if !compress || len(b) < 1024 {
		return nil
	}
	gz, err := w.gzip.compress(b, gzipLevel(w.quick))
	if err != nil {
		return err
	}
	if err := os.WriteFile(p+".gz", gz, 0o644); err != nil {
		return err
	}
	br, err := w.brotli.compress(b, brotliLevel(rel, w.quick))
	if err != nil {
		return err
	}
	if err := os.WriteFile(p+".br", br, 0o644); err != nil {
		return err
	}
	if path.Ext(rel) == ".wasm" { // web/app.HASH.wasm: the fingerprint sits before the extension
		w.stats.WASMBytes, w.stats.WASMGzip, w.stats.WASMBrotli = int64(len(b)), int64(len(gz)), int64(len(br))
	}
	w.stats.Files += 2
	return nil
}

// brotliLevel is the best compression for app.wasm, fetched by every visitor
// and worth the slowest step of a build; everything else gets a quicker level: thousands of
// pages and tenant files, or a snapshot of tens of megabytes, would take
// minutes at the best level.
//
// QuickCompression (tests, which check what is served, not its ratio)
// gives app.wasm brotli's level 1, still smaller than gzip's, and every
// other file the quickest level: compression was most of a test build's
// time, and every test binary builds several sites.
func brotliLevel(rel string, quick bool) int {
	wasm := strings.HasSuffix(rel, ".wasm")
	switch {
	case quick && wasm:
		return 1
	case quick:
		return brotli.BestSpeed
	case wasm:
		return brotli.BestCompression
	}
	return 6
}

// gzipLevel is gzip's best, and its quickest for QuickCompression.
func gzipLevel(quick bool) int {
	if quick {
		return gzip.BestSpeed
	}
	return gzip.BestCompression
}
