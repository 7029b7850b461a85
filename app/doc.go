// Package app is the tenantatlas user interface: go-app components for every
// page of docs/interfaces.md. The same components render in the browser (compiled
// to WebAssembly) and on the server, which prerenders each page so that its
// content is there before app.wasm loads. Every state shown comes from the
// domain package; pages only choose words and layout, never a state.
package app
