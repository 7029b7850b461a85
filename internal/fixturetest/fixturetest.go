// Package fixturetest hands the tests of snapshot and domain the shipped
// snapshots (fixtures/), checked: both packages' tests read them, and a
// helper in one package's test files cannot serve the other's.
package fixturetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Check decodes and validates a file of fixtures/ (e.g. "demo.json",
// "scenarios/isolation-quarantine.json"), as the binary embeds it.
func Check(t testing.TB, name string) *snapshot.Checked {
	t.Helper()
	f, err := fixtures.FS.Open(name)
	require.NoError(t, err)
	defer f.Close()
	return snapshot.Check(f, snapshot.Limits{})
}
