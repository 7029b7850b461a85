//go:build js && wasm

package main

// writeSite is the native build's; app.wasm carries nothing of it.
func writeSite() {}
