// Command hello is go-app's smallest app: one component that renders
// "hello". app.wasm's size is measured against it, built the same way
// (make size), and its page load side by side with tenantatlas's (make
// bench-browser, served as site.go writes it): it is go-app's own floor.
package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

type hello struct{ app.Compo }

func (h *hello) Render() app.UI { return app.H1().Text("hello") }

func main() {
	app.Route("/", func() app.Composer { return &hello{} })
	app.RunWhenOnBrowser()
	writeSite()
}
