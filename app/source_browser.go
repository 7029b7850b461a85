//go:build js && wasm

package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/domain"
)

// localKey is where a snapshot the user opened is kept until they close it:
// in this browser only, never sent anywhere.
const localKey = "tenantatlas.local-snapshot"

// BrowserSource fetches shipped snapshots from the site with the JS fetch
// API (keeping net/http out of app.wasm) and reads the user's own file from
// local storage.
type BrowserSource struct{}

func (BrowserSource) Snapshot(name string) ([]byte, error) {
	if IsLocal(name) && name != LocalSnapshot {
		for i, f := range readLocalSeries() {
			if localName(i) == name {
				return []byte(f.Text), nil
			}
		}
		return nil, ErrNoSnapshot
	}
	if name == LocalSnapshot {
		s := app.Window().Get("localStorage").Call("getItem", localKey)
		if !s.Truthy() {
			return nil, ErrNoSnapshot
		}
		return []byte(s.String()), nil
	}
	return fetchBytes(base + "/snapshots/" + name + ".json")
}

// Sharded reports whether the site publishes name as index.json and one
// file per tenant: the site says which in app.js's environment, so that no
// request is spent finding out.
func (BrowserSource) Sharded(name string) bool {
	return !IsLocal(name) && slices.Contains(strings.Split(app.Getenv(ShardedEnv), ","), name)
}

func (BrowserSource) Index(name string) ([]byte, error) {
	return fetchBytes(base + "/snapshots/" + name + "/index.json")
}

func (BrowserSource) TenantFile(name string, id int64) ([]byte, error) {
	return fetchBytes(base + "/snapshots/" + name + "/" + domain.TenantFile(id))
}

// fetchBytes GETs url and waits for the body; the wait blocks only this
// goroutine, the page stays responsive.
func fetchBytes(url string) ([]byte, error) {
	type result struct {
		body []byte
		err  error
	}
	done := make(chan result, 1)
	var onText, onResponse, onError app.Func
	release := func() { onText.Release(); onResponse.Release(); onError.Release() }
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := "network error"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- result{err: errors.New(msg)}
		return nil
	})
	onText = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- result{body: []byte(args[0].String())}
		return nil
	})
	onResponse = app.FuncOf(func(this app.Value, args []app.Value) any {
		resp := args[0]
		if status := resp.Get("status").Int(); status == 404 {
			done <- result{err: ErrNoSnapshot}
			return nil
		} else if !resp.Get("ok").Bool() {
			done <- result{err: fmt.Errorf("the server answered %d", status)}
			return nil
		}
		resp.Call("text").Call("then", onText, onError)
		return nil
	})
	app.Window().Call("fetch", url).Call("then", onResponse, onError)
	r := <-done
	release()
	return r.body, r.err
}

// StartBrowser configures the app in the browser: the base path comes from
// go-app's root prefix, the catalog from the site.
func StartBrowser() {
	Configure(BrowserSource{}, Catalog{}, app.Getenv("GOAPP_ROOT_PREFIX"))
}

// loadCatalog fetches the list of shipped snapshots once.
func loadCatalog() (Catalog, error) {
	if c := shippedCatalog(); len(c.Entries) > 0 {
		return c, nil
	}
	b, err := fetchBytes(base + "/snapshots/catalog.json")
	if err != nil {
		return Catalog{}, err
	}
	var c Catalog
	if err := json.Unmarshal(b, &c); err != nil {
		return Catalog{}, err
	}
	sourceMu.Lock()
	catalog = c
	sourceMu.Unlock()
	return c, nil
}

// storeLocal keeps the user's file for reloads; too large for local
// storage, it still works for this visit only.
func storeLocal(text string) (kept bool) {
	defer func() {
		if recover() != nil {
			kept = false
		}
	}()
	app.Window().Get("localStorage").Call("setItem", localKey, text)
	return true
}

// forgetLocal removes the user's files, one or a series, from this browser.
func forgetLocal() {
	app.Window().Get("localStorage").Call("removeItem", localKey)
	app.Window().Get("localStorage").Call("removeItem", localSeriesKey)
	sourceMu.Lock()
	for k := range views.entries {
		if IsLocal(strings.SplitN(k, "/", 2)[0]) {
			views.drop(k)
		}
	}
	for k := range series {
		if IsLocal(strings.TrimPrefix(k, "series:")) {
			delete(series, k)
		}
	}
	localSeries = nil
	sourceMu.Unlock()
}

func haveLocal() bool {
	return app.Window().Get("localStorage").Call("getItem", localKey).Truthy() || len(readLocalSeries()) > 0
}

// localSeriesKey is where several files opened together are kept, as a
// JSON list of localFile in generated_at order.
const localSeriesKey = "tenantatlas.local-series"

// localSeries is the local series as read or opened in this visit; it
// stays here when it is too large for local storage.
var localSeries []localFile

func readLocalSeries() []localFile {
	sourceMu.Lock()
	defer sourceMu.Unlock()
	if localSeries != nil {
		return localSeries
	}
	s := app.Window().Get("localStorage").Call("getItem", localSeriesKey)
	if !s.Truthy() {
		return nil
	}
	var files []localFile
	if json.Unmarshal([]byte(s.String()), &files) != nil {
		return nil
	}
	localSeries = files
	return files
}

// storeLocalSeries keeps files (in generated_at order) for reloads; too
// large for local storage, they still work for this visit only.
func storeLocalSeries(files []localFile) (kept bool) {
	sourceMu.Lock()
	localSeries = files
	sourceMu.Unlock()
	b, err := json.Marshal(files)
	if err != nil {
		return false
	}
	defer func() {
		if recover() != nil {
			kept = false
		}
	}()
	app.Window().Get("localStorage").Call("setItem", localSeriesKey, string(b))
	return true
}

// localCatalog lists the local series, if the user opened one.
func localCatalog() Catalog {
	var c Catalog
	for i, f := range readLocalSeries() {
		c.Entries = append(c.Entries, CatalogEntry{Name: localName(i), Title: f.File, Group: localGroup, Series: LocalSnapshot, GeneratedAt: f.GeneratedAt})
	}
	return c
}
