package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

const svgNS = "http://www.w3.org/2000/svg"

// svg is an SVG element: go-app creates it in the SVG namespace in the
// browser; in a prerendered page the HTML parser puts it there.
func svg(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }
