//go:build js && wasm

// Command webapp is the WebAssembly side of tenantatlas: the same routes and
// components the server prerenders, taking over in the browser. It is kept
// apart from the CLI so that app.wasm carries no server or CLI code.
package main

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app"
)

func main() {
	app.Routes()
	app.StartBrowser()
	// The page's snapshot is loaded before go-app replaces the prerendered
	// page, so that its first render is the page, not the loading state.
	app.Takeover()
	goapp.RunWhenOnBrowser()
}
