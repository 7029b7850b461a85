// Package domain decides what tenantatlas may claim about a tenant's backups and
// restores, from a snapshot of the backend's records and nothing else.
//
// It is the same code in the browser (WebAssembly), in the CLI and in the server
// that prerenders pages, so it is pure: it reads an io.Reader, keeps no clock of
// its own ("now" is the snapshot's generated_at) and knows nothing of the UI.
//
// The flow is Check (decode and validate, every problem with its JSON path and
// its reach) then Resolve (every derived state, each with the reason it was
// derived). The rules are docs/rules.md; the input format is
// docs/snapshot-format.md; the path from bytes to pages is docs/architecture.md.
package domain
