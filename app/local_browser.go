//go:build js && wasm

package app

import (
	"errors"
	"io"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// The user's own files, read in this browser and never uploaded
// (docs/performance.md, "Local files"). The files are kept as they were
// chosen, as Blobs, in IndexedDB until the user closes them: local storage
// holds a few megabytes of text, and a snapshot may be 64 MiB. They are read
// as bytes, a chunk at a time, straight into the decoder; between chunks,
// and whenever it has worked for sliceBudget, the loading goroutine waits
// for the browser's event loop, so the page never freezes for long.

// opened is what the user opened, as read from IndexedDB or just chosen;
// guarded by sourceMu.
var opened struct {
	loaded bool
	series bool // several files opened together
	files  []openedFile
	// keepErr says why the files could not be kept for later visits.
	keepErr error
	// gen counts the changes: a write to IndexedDB made for an earlier
	// one is not done.
	gen int
}

// localFiles returns what the user opened, reading it from IndexedDB on
// first use. It blocks: call it off the UI goroutine.
func localFiles() (files []openedFile, isSeries bool) {
	sourceMu.Lock()
	if opened.loaded {
		defer sourceMu.Unlock()
		return opened.files, opened.series
	}
	sourceMu.Unlock()
	rec, err := idbGet()
	sourceMu.Lock()
	defer sourceMu.Unlock()
	if !opened.loaded {
		opened.loaded = true
		if err == nil && rec.Truthy() {
			opened.series = rec.Get("series").Truthy()
			list := rec.Get("files")
			for i := range list.Length() {
				f := list.Index(i)
				opened.files = append(opened.files, openedFile{File: f.Get("file").String(), GeneratedAt: f.Get("generated_at").String(), Blob: f.Get("blob")})
			}
		}
	}
	return opened.files, opened.series
}

// loadedLocal is what localFiles has read so far, without waiting: for a
// page's Render.
func loadedLocal() (files []openedFile, isSeries bool) {
	sourceMu.Lock()
	defer sourceMu.Unlock()
	return opened.files, opened.series
}

// keepLocal makes files what the user opened, in place of anything opened
// before, and keeps them in IndexedDB; it returns at once, and the files
// can be read meanwhile.
func keepLocal(files []openedFile, isSeries bool) {
	sourceMu.Lock()
	dropLocalViews()
	opened.gen++
	gen := opened.gen
	opened.loaded, opened.series, opened.files, opened.keepErr = true, isSeries, files, nil
	sourceMu.Unlock()
	for _, f := range files {
		if f.Blob.Get("size").Float() > snapshot.DefaultMaxBytes {
			// It is rejected as it is read: copying it into this browser's
			// storage would cost a copy of a file no page shows.
			sourceMu.Lock()
			opened.keepErr = errors.New(f.File + " is larger than the 64 MiB a snapshot may be")
			sourceMu.Unlock()
			go func() { _ = idbWrite(gen, func(s app.Value) app.Value { return s.Call("delete", idbKey) }) }()
			return
		}
	}
	rec := app.Window().Get("Object").New()
	rec.Set("series", isSeries)
	list := app.Window().Get("Array").New()
	for _, f := range files {
		o := app.Window().Get("Object").New()
		o.Set("file", f.File)
		o.Set("generated_at", f.GeneratedAt)
		o.Set("blob", f.Blob)
		list.Call("push", o)
	}
	rec.Set("files", list)
	go func() {
		err := idbWrite(gen, func(s app.Value) app.Value { return s.Call("put", rec, idbKey) })
		sourceMu.Lock()
		if opened.gen == gen {
			opened.keepErr = err
		}
		sourceMu.Unlock()
	}()
}

// localKeepError says why what the user opened is not kept for later
// visits, if it is not.
func localKeepError() error {
	sourceMu.Lock()
	defer sourceMu.Unlock()
	return opened.keepErr
}

// forgetLocal removes the user's files, one or a series, from this browser,
// and the views read from them. It waits for IndexedDB: call it off the UI
// goroutine.
func forgetLocal() {
	sourceMu.Lock()
	dropLocalViews()
	opened.gen++
	gen := opened.gen
	opened.loaded, opened.series, opened.files, opened.keepErr = true, false, nil, nil
	sourceMu.Unlock()
	_ = idbWrite(gen, func(s app.Value) app.Value { return s.Call("delete", idbKey) })
	// What earlier versions kept in local storage goes too.
	ls := app.Window().Get("localStorage")
	ls.Call("removeItem", "tenantatlas.local-snapshot")
	ls.Call("removeItem", "tenantatlas.local-series")
}

// dropLocalViews forgets the views and series read from local files.
// Callers hold sourceMu.
func dropLocalViews() {
	for k := range views.entries {
		if IsLocal(firstSegment(k)) {
			views.drop(k)
		}
	}
	for k := range series {
		if IsLocal(firstSegment(strings.TrimPrefix(k, "series:"))) {
			delete(series, k)
		}
	}
}

func firstSegment(key string) string { return strings.SplitN(key, "/", 2)[0] }

func haveLocal() bool {
	files, _ := localFiles()
	return len(files) > 0
}

// localCatalog lists the local series, if the user opened one.
func localCatalog() Catalog {
	files, isSeries := localFiles()
	return localCatalogOf(files, isSeries)
}

// loadedLocalCatalog is localCatalog without waiting, for a page's Render.
func loadedLocalCatalog() Catalog {
	files, isSeries := loadedLocal()
	return localCatalogOf(files, isSeries)
}

func localCatalogOf(files []openedFile, isSeries bool) Catalog {
	var c Catalog
	if !isSeries {
		return c
	}
	for i, f := range files {
		c.Entries = append(c.Entries, CatalogEntry{Name: localName(i), Title: f.File, Group: localGroup, Series: LocalSnapshot, GeneratedAt: f.GeneratedAt})
	}
	return c
}

// localBlob is the file a local snapshot name stands for.
func localBlob(name string) (openedFile, int64, error) {
	files, isSeries := localFiles()
	for i, f := range files {
		if (!isSeries && name == LocalSnapshot) || (isSeries && name == localName(i)) {
			return f, int64(f.Blob.Get("size").Float()), nil
		}
	}
	return openedFile{}, 0, ErrNoSnapshot
}

// loadLocal checks and resolves a local file, saying how far it has got.
func loadLocal(name string, progress func(loadProgress)) (*View, error) {
	f, size, err := localBlob(name)
	if err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(loadProgress) {}
	}
	// app.wasm's memory only grows: the heap's peak while loading is what
	// the page keeps. A collection when the heap has grown by half, not
	// doubled, keeps that peak nearer to what the view holds.
	defer debug.SetGCPercent(debug.SetGCPercent(loadGCPercent))
	p := newPacer()
	r := &blobReader{blob: f.Blob, size: size, pace: p, progress: progress}
	progress(loadProgress{Phase: phaseReading, Total: size})
	mark("tenantatlas:local-read")
	c := snapshot.Check(r, snapshot.Limits{})
	r.release()
	mark("tenantatlas:local-checked")
	p.pause() // checking and indexing the records for resolution are a task each
	v := newView(name, c, size, p.resolving(progress))
	mark("tenantatlas:local-resolved")
	return v, nil
}

// mark names a moment on the page's performance timeline, for the browser
// benchmarks and the browser's own profiler.
func mark(name string) {
	if perf := app.Window().Get("performance"); perf.Truthy() {
		perf.Call("mark", name)
	}
}

// fileReader reads a file the user opened from its start, as far as the
// caller needs.
func fileReader(f openedFile) io.Reader {
	return &blobReader{blob: f.Blob, size: int64(f.Blob.Get("size").Float())}
}

// loadGCPercent is GOGC while a file loads (docs/performance.md, "Local files").
const loadGCPercent = 50

// readChunk is how much of a file is read at a time: large enough that a
// read costs little next to decoding it, small enough that the chunk held
// in app.wasm's memory and the one read ahead weigh nothing next to the
// records decoded.
const readChunk = 2 << 20

// blobReader reads a Blob a chunk at a time, the next chunk being read by
// the browser while this one is decoded.
type blobReader struct {
	blob      app.Value
	size, off int64 // off: the bytes asked of the browser so far
	read      int64 // and handed to the decoder
	buf       []byte
	rest      []byte
	next      chan chunk
	pace      *pacer
	progress  func(loadProgress)
	eof       bool
}

type chunk struct {
	data app.Value // a Uint8Array
	err  error
}

func (r *blobReader) Read(p []byte) (int, error) {
	if r.progress == nil {
		r.progress = func(loadProgress) {}
	}
	r.pace.maybePause()
	if len(r.rest) == 0 {
		if r.read >= r.size {
			if !r.eof {
				// Checking follows; the page says so before it starts.
				r.eof = true
				mark("tenantatlas:local-decoded")
				r.progress(loadProgress{Phase: phaseChecking, Done: r.read, Total: r.size})
				if r.pace != nil {
					r.pace.show()
				}
			}
			return 0, io.EOF
		}
		if r.next == nil {
			r.next = r.fetch()
		}
		c := <-r.next
		r.next = nil
		if c.err != nil {
			return 0, c.err
		}
		n := c.data.Length()
		if cap(r.buf) < n {
			r.buf = make([]byte, n)
		}
		r.rest = r.buf[:app.CopyBytesToGo(r.buf[:n], c.data)]
		if len(r.rest) == 0 {
			return 0, io.ErrUnexpectedEOF // the file shrank while it was read
		}
		r.read += int64(len(r.rest))
		if r.off < r.size {
			r.next = r.fetch()
		}
		r.progress(loadProgress{Phase: phaseReading, Done: r.read, Total: r.size})
	}
	n := copy(p, r.rest)
	r.rest = r.rest[n:]
	return n, nil
}

// fetch asks the browser for the next chunk.
func (r *blobReader) fetch() chan chunk {
	end := min(r.off+readChunk, r.size)
	ch := make(chan chunk, 1)
	p := r.blob.Call("slice", r.off, end).Call("arrayBuffer")
	r.off = end
	go func() {
		v, err := await(p)
		if err != nil {
			ch <- chunk{err: err}
			return
		}
		ch <- chunk{data: app.Window().Get("Uint8Array").New(v)}
	}()
	return ch
}

// release lets go of the chunk buffer (and a chunk read ahead, when the
// decoder stopped early): the view outlives the reader.
func (r *blobReader) release() { r.buf, r.rest, r.next = nil, nil, nil }

// await waits for a JavaScript promise; only this goroutine waits, the
// browser goes on.
func await(p app.Value) (app.Value, error) {
	type result struct {
		v   app.Value
		err error
	}
	done := make(chan result, 1)
	var onOK, onErr app.Func
	onOK = app.FuncOf(func(this app.Value, args []app.Value) any {
		v := app.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		done <- result{v: v}
		return nil
	})
	onErr = app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := "failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- result{err: errors.New(msg)}
		return nil
	})
	p.Call("then", onOK, onErr)
	r := <-done
	onOK.Release()
	onErr.Release()
	return r.v, r.err
}

// sliceBudget is how long the loading goroutine works before it lets the
// browser run: well under the 200 ms that a person notices as a frozen page.
const sliceBudget = 40 * time.Millisecond

// pacer hands the main thread back to the browser regularly.
type pacer struct {
	since time.Time
	port  app.Value // a MessageChannel's port: a message is a new task, without setTimeout's clamp
	woken chan struct{}
	onMsg app.Func
}

func newPacer() *pacer {
	p := &pacer{since: time.Now(), woken: make(chan struct{}, 1)}
	mc := app.Window().Get("MessageChannel").New()
	p.onMsg = app.FuncOf(func(this app.Value, args []app.Value) any {
		select {
		case p.woken <- struct{}{}:
		default:
		}
		return nil
	})
	mc.Get("port1").Set("onmessage", p.onMsg)
	p.port = mc.Get("port2")
	return p
}

// maybePause pauses when the budget is spent; a nil pacer never pauses.
func (p *pacer) maybePause() {
	if p != nil && time.Since(p.since) >= sliceBudget {
		p.pause()
	}
}

// pause lets the browser run its queued tasks (input, rendering, the UI's
// own updates) and comes back.
func (p *pacer) pause() {
	p.port.Call("postMessage", nil)
	<-p.woken
	p.since = time.Now()
}

// showPause is long enough for go-app to render what was dispatched: it
// renders on a timer, at most 120 times a second, which a pause for a
// message alone may not let fire.
const showPause = 20 * time.Millisecond

// show pauses until a new phase is on screen: the next one may hold the
// main thread for a while.
func (p *pacer) show() {
	time.Sleep(showPause)
	p.since = time.Now()
}

// resolving is the pause newView takes between tenants, reporting how many
// are resolved.
func (p *pacer) resolving(progress func(loadProgress)) func(done, total int) {
	return func(done, total int) {
		switch {
		case done == total:
			progress(loadProgress{Phase: phaseResolving, Done: int64(done), Total: int64(total)})
			p.onMsg.Release()
		case done == 0:
			progress(loadProgress{Phase: phaseResolving, Done: 0, Total: int64(total)})
			p.show()
		case time.Since(p.since) >= sliceBudget:
			progress(loadProgress{Phase: phaseResolving, Done: int64(done), Total: int64(total)})
			p.pause()
		}
	}
}

// idb runs op on the object store of the app's database and waits for its
// transaction to complete.
func idb(mode string, op func(store app.Value) app.Value) (app.Value, error) {
	factory := app.Window().Get("indexedDB")
	if !factory.Truthy() {
		return app.Undefined(), errors.New("this browser has no IndexedDB")
	}
	var funcs []app.Func
	fn := func(f func(args []app.Value)) app.Func {
		g := app.FuncOf(func(this app.Value, args []app.Value) any { f(args); return nil })
		funcs = append(funcs, g)
		return g
	}
	defer func() {
		for _, f := range funcs {
			f.Release()
		}
	}()
	// settled turns a request or transaction's events into a promise.
	settled := func(target app.Value, ok string, result func() app.Value) app.Value {
		return app.Window().Get("Promise").New(fn(func(args []app.Value) {
			resolve, reject := args[0], args[1]
			target.Set(ok, fn(func([]app.Value) { resolve.Invoke(result()) }))
			target.Set("onerror", fn(func([]app.Value) { reject.Invoke(target.Get("error")) }))
			if ok == "oncomplete" {
				target.Set("onabort", fn(func([]app.Value) { reject.Invoke(target.Get("error")) }))
			}
		}))
	}
	req := factory.Call("open", idbName, 1)
	req.Set("onupgradeneeded", fn(func([]app.Value) { req.Get("result").Call("createObjectStore", idbStore) }))
	db, err := await(settled(req, "onsuccess", func() app.Value { return req.Get("result") }))
	if err != nil {
		return app.Undefined(), err
	}
	defer db.Call("close")
	tx := db.Call("transaction", idbStore, mode)
	r := op(tx.Call("objectStore", idbStore))
	if _, err := await(settled(tx, "oncomplete", app.Undefined)); err != nil {
		return app.Undefined(), err
	}
	return r.Get("result"), nil
}

const (
	idbName  = "tenantatlas"
	idbStore = "local"
	idbKey   = "opened"
)

// idbMu puts writes in the order they were asked for.
var idbMu sync.Mutex

// idbWrite runs op unless what the user opened changed after gen.
func idbWrite(gen int, op func(store app.Value) app.Value) error {
	idbMu.Lock()
	defer idbMu.Unlock()
	sourceMu.Lock()
	stale := opened.gen != gen
	sourceMu.Unlock()
	if stale {
		return nil
	}
	_, err := idb("readwrite", op)
	return err
}

func idbGet() (app.Value, error) {
	return idb("readonly", func(s app.Value) app.Value { return s.Call("get", idbKey) })
}
