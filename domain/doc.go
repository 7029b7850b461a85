// Package domain decides what tenantatlas may claim about a tenant's backups and
// restores, from a checked snapshot (package snapshot) and nothing else.
//
// It is the same code in the browser (WebAssembly), in the CLI and in the server
// that prerenders pages, so it is pure: it reads nothing but the checked
// snapshot, keeps no clock of its own ("now" is the snapshot's generated_at)
// and knows nothing of the UI.
//
// The flow is snapshot.Check (decode and validate) then Resolve (every derived
// state, each with the reason it was derived). One file per table of
// docs/rules.md: backup_health.go (§1), attention.go (§2), overview.go (§3 and
// Needs Attention), result_state.go (§4), continuity.go (§5), claims.go (§6),
// capabilities.go (§7). The path from bytes to pages is docs/architecture.md.
package domain
