// Package web holds the static assets served under {base}web/: the
// stylesheet, the icons, boot.js, and app.wasm once `make wasm` has built it.
package web

import (
	"embed"
	"io/fs"
	"path"
)

// files embeds the whole folder: the pattern must match something even
// before app.wasm is built, and the stylesheet is always here. Only Assets'
// file types are ever served (never this Go file).
//
//go:embed *
var files embed.FS

// served are the file types the site serves from this folder.
var served = map[string]bool{".css": true, ".js": true, ".svg": true, ".png": true, ".wasm": true, ".br": true, ".gz": true}

// FS is the folder's assets, without anything else that lives here.
var FS fs.FS = assets{}

type assets struct{}

// Served reports whether a file of this folder is one the site serves.
func Served(name string) bool { return served[path.Ext(name)] }

func (assets) Open(name string) (fs.File, error) {
	if name != "." && !Served(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return files.Open(name)
}

// HasWASM reports whether app.wasm was built into the binary.
func HasWASM() bool {
	_, err := fs.Stat(files, "app.wasm")
	return err == nil
}

// WASMSize is app.wasm's size in bytes, uncompressed; 0 when it is not built.
func WASMSize() int64 {
	st, err := fs.Stat(files, "app.wasm")
	if err != nil {
		return 0
	}
	return st.Size()
}
