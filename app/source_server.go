//go:build !(js && wasm)

package app

// On the server there is no user file: the "local" snapshot only exists in
// the user's browser, and its pages are rendered there.

func storeLocal(string) bool { return false }
func forgetLocal()           {}
func haveLocal() bool        { return false }
func localCatalog() Catalog  { return Catalog{} }

func storeLocalSeries([]localFile) bool { return false }

// loadCatalog is the catalog the server was configured with.
func loadCatalog() (Catalog, error) { return shippedCatalog(), nil }
