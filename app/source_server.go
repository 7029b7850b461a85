//go:build !(js && wasm)

package app

import (
	"io"
	"strings"
)

// On the server there is no user file: the "local" snapshot only exists in
// the user's browser, and its pages are rendered there.

func forgetLocal()                 {}
func haveLocal() bool              { return false }
func localCatalog() Catalog        { return Catalog{} }
func loadedLocalCatalog() Catalog  { return Catalog{} }
func localKeepError() error        { return nil }
func keepLocal([]openedFile, bool) {}

func loadLocal(string, func(loadProgress)) (*View, error) { return nil, ErrNoSnapshot }
func fileReader(openedFile) io.Reader                     { return strings.NewReader("") }

// loadCatalog is the catalog the server was configured with.
func loadCatalog() (Catalog, error) { return shippedCatalog(), nil }
