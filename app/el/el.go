// Package el builds the pages' HTML elements. Each function is go-app's
// constructor of the same name (app.Div, app.Td, …) made with app.Elem, its
// one customisable element type, and renders the same HTML.
//
// Why: go-app generates a Go type for every HTML element, and the linker
// keeps, on each type the program uses, every method whose name the program
// calls on any element: with the 33 element types the pages used, a set of
// methods each for code that differs only in its tag, and app.wasm's size
// is part of the product (docs/performance.md, "app.wasm's size").
// One element type costs one set of methods. go-app updates an app.Elem in
// place when the tag is the same, as it does the typed elements.
//
// Attributes that the typed elements have methods for are set with Attr,
// under their HTML names: el.A().Attr("href", u) is app.A().Href(u).
package el

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// A is <a>.
func A() app.HTMLElem { return app.Elem("a") }

// Button is <button>.
func Button() app.HTMLElem { return app.Elem("button") }

// Caption is <caption>.
func Caption() app.HTMLElem { return app.Elem("caption") }

// Code is <code>.
func Code() app.HTMLElem { return app.Elem("code") }

// Dd is <dd>.
func Dd() app.HTMLElem { return app.Elem("dd") }

// Details is <details>.
func Details() app.HTMLElem { return app.Elem("details") }

// Div is <div>.
func Div() app.HTMLElem { return app.Elem("div") }

// Dl is <dl>.
func Dl() app.HTMLElem { return app.Elem("dl") }

// Dt is <dt>.
func Dt() app.HTMLElem { return app.Elem("dt") }

// Footer is <footer>.
func Footer() app.HTMLElem { return app.Elem("footer") }

// Form is <form>.
func Form() app.HTMLElem { return app.Elem("form") }

// H1 is <h1>.
func H1() app.HTMLElem { return app.Elem("h1") }

// H2 is <h2>.
func H2() app.HTMLElem { return app.Elem("h2") }

// H3 is <h3>.
func H3() app.HTMLElem { return app.Elem("h3") }

// Header is <header>.
func Header() app.HTMLElem { return app.Elem("header") }

// Label is <label>.
func Label() app.HTMLElem { return app.Elem("label") }

// Li is <li>.
func Li() app.HTMLElem { return app.Elem("li") }

// Main is <main>.
func Main() app.HTMLElem { return app.Elem("main") }

// Nav is <nav>.
func Nav() app.HTMLElem { return app.Elem("nav") }

// Option is <option>.
func Option() app.HTMLElem { return app.Elem("option") }

// P is <p>.
func P() app.HTMLElem { return app.Elem("p") }

// Section is <section>.
func Section() app.HTMLElem { return app.Elem("section") }

// Select is <select>.
func Select() app.HTMLElem { return app.Elem("select") }

// Span is <span>.
func Span() app.HTMLElem { return app.Elem("span") }

// Strong is <strong>.
func Strong() app.HTMLElem { return app.Elem("strong") }

// Summary is <summary>.
func Summary() app.HTMLElem { return app.Elem("summary") }

// TBody is <tbody>.
func TBody() app.HTMLElem { return app.Elem("tbody") }

// THead is <thead>.
func THead() app.HTMLElem { return app.Elem("thead") }

// Table is <table>.
func Table() app.HTMLElem { return app.Elem("table") }

// Td is <td>.
func Td() app.HTMLElem { return app.Elem("td") }

// Th is <th>.
func Th() app.HTMLElem { return app.Elem("th") }

// Tr is <tr>.
func Tr() app.HTMLElem { return app.Elem("tr") }

// Ul is <ul>.
func Ul() app.HTMLElem { return app.Elem("ul") }

// Input is <input>, an element without content.
func Input() app.HTMLElemSelfClosing { return app.ElemSelfClosing("input") }

// Figure is <figure>.
func Figure() app.HTMLElem { return app.Elem("figure") }

// Figcaption is <figcaption>.
func Figcaption() app.HTMLElem { return app.Elem("figcaption") }

// Ol is <ol>.
func Ol() app.HTMLElem { return app.Elem("ol") }

// Time is <time>; its datetime attribute holds the exact instant.
func Time() app.HTMLElem { return app.Elem("time") }
