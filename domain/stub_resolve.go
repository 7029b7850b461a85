package domain

// TEMPORARY: replaced by resolve.go and the rule files.

// Resolve derives every state of a checked snapshot (rules.md). A rejected
// snapshot gives a Resolution with only Errors set.
func Resolve(c *Checked) *Resolution { panic("not yet implemented") }
