//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// writeSite writes hello's static site with go-app's own generator when run
// as `hello -site DIR`: the browser benchmarks (e2e/perf_test.go) serve it
// behind nginx beside tenantatlas's. app.wasm and the icons (the project's,
// so that nothing is fetched from elsewhere) are copied into DIR/web by the
// caller.
func writeSite() {
	if len(os.Args) != 3 || os.Args[1] != "-site" {
		return
	}
	h := &app.Handler{
		Name:  "hello",
		Title: "hello",
		Icon:  app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", SVG: "/web/icon.svg"},
	}
	if err := app.GenerateStaticWebsite(os.Args[2], h); err != nil {
		fmt.Fprintln(os.Stderr, "hello:", err)
		os.Exit(1)
	}
}
