package site

import _ "embed"

// appWorkerJS is the service worker's template (go-app's
// Handler.ServiceWorkerTemplate): it keeps the shell at install and pages
// and snapshots as they are read. See app-worker.js.
//
//go:embed app-worker.js
var appWorkerJS string

// shellResources are kept at install besides go-app's own list (its scripts,
// app.wasm, the root page, icons, styles and scripts): the catalog, so that
// the snapshots page opens offline. Snapshots are kept once read.
var shellResources = []string{"/snapshots/catalog.json"}
