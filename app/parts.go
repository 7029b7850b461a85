package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
)

// Small pieces every page repeats. Besides saying what they are, they keep
// app.wasm small: each element call site is code of its own, and a table
// head of five columns written out was ten of them.

// tableHead is a table's head row, a column header for each name.
func tableHead(names ...string) app.UI {
	cols := make([]app.UI, len(names))
	for i, n := range names {
		cols[i] = el.Th().Attr("scope", "col").Text(n)
	}
	return el.THead().Body(el.Tr().Body(cols...))
}

// term is the name of a fact in a <dl>; its <dd> follows it.
func term(name string) app.UI { return el.Dt().Text(name) }
