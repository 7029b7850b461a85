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

// BrowserSource fetches shipped snapshots from the site with the JS fetch
// API (keeping net/http out of app.wasm). The user's own files are read
// where they are kept, in this browser (local_browser.go).
type BrowserSource struct{}

func (BrowserSource) Snapshot(name string) ([]byte, error) {
	if IsLocal(name) {
		return nil, ErrNoSnapshot // never fetched: loadView reads it
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
