package snapshot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/fixturetest"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// invalidDir holds one small snapshot per kind of fault, NAME.json, beside
// NAME.want: the problems it must give, one per line, PATH<TAB>CODE<TAB>REACH.
var invalidDir = filepath.Join("..", "fixtures", "invalid")

// TestInvalidFixtureCorpus reads every fixtures/invalid/*.json and compares
// its problems with its .want exactly, in order; then checks that what the
// problems say (rejected, quarantined) is what Check did.
func TestInvalidFixtureCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(invalidDir, "*.json"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 30)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			doc, err := os.ReadFile(f)
			require.NoError(t, err)
			assert.LessOrEqual(t, len(doc), fixtureCap(name), "an invalid fixture stays small")
			want, err := os.ReadFile(filepath.Join(invalidDir, name+".want"))
			require.NoError(t, err, "every invalid fixture has a .want")

			c := fixturetest.Check(t, filepath.Join("invalid", name+".json"))
			got := []string{}
			quarantined := map[int64]bool{}
			for _, p := range c.Problems {
				got = append(got, p.Path+"\t"+p.Code+"\t"+string(p.Reach))
				assert.NotEmpty(t, p.Message)
				assert.NotContains(t, p.Message, "\n", "one line per problem")
				assert.LessOrEqual(t, len(p.Message), 300, "a message quotes at most the start of a long value")
				assert.Equal(t, p.Reach == snapshot.ReachTenant, p.TenantID != nil, "a tenant is named exactly when one is quarantined: %v", p)
				if p.Reach == snapshot.ReachTenant {
					quarantined[*p.TenantID] = true
				}
			}
			// TrimRight, not TrimSpace: an empty path starts the line with a tab.
			require.Equal(t, strings.Split(strings.TrimRight(string(want), "\n"), "\n"), got)
			require.NotEmpty(t, got, "an invalid fixture has a fault")
			assert.Zero(t, c.Omitted)

			rejected := strings.Contains(string(want), string(snapshot.ReachSnapshot))
			assert.Equal(t, rejected, c.Rejected())
			if !rejected {
				assert.Equal(t, quarantined, c.Quarantined)
			}
		})
	}
}

// fixtureCap is the most bytes an invalid fixture may have. Each shows one
// fault and is served by the site, so it stays small; a long-* fixture's
// fault is a string longer than Check's 64 KiB read buffer, which needs
// room, and is still too large to seed the fuzzers (they take 64 KiB).
func fixtureCap(name string) int {
	if strings.HasPrefix(name, "long-") {
		return 128 << 10
	}
	return 4096
}

// TestInvalidFixtureCorpusCoversEveryKind: the kinds of fault the corpus must
// hold, by file name.
func TestInvalidFixtureCorpusCoversEveryKind(t *testing.T) {
	for _, name := range []string{
		"not-json", "truncated", "trailing-data", "top-level-array", "empty-document",
		"duplicate-top-level-member", "duplicate-member-in-record",
		"schema-version-missing", "schema-version-2", "schema-version-string",
		"generated-at-missing", "generated-at-no-offset", "generated-at-not-a-date",
		"unknown-top-level-member", "viewer-bad-capability", "viewer-without-capabilities",
		"tenant-name-empty", "tenant-name-too-long", "tenant-id-zero", "tenant-duplicate-id", "tenant-freshness-zero",
		"record-unknown-member-is-dryrun", "restore-status-complete", "result-entry-bad-outcome",
		"id-as-string", "count-as-string", "huge-number", "fractional-id", "negative-count", "null-not-nullable",
		"missing-required-created-at", "record-not-an-object",
		"backup-completed-without-completed-at", "operation-pending-but-completed",
		"evidence-of-other-tenants-operation", "run-references-other-tenants-backup", "missing-reference",
		"duplicate-run-id-two-tenants", "orphan-unknown-tenant", "orphan-missing-tenant-id",
		"future-timestamp", "timestamp-no-offset-in-record",
		"invalid-utf8", "byte-order-mark", "nul-byte", "deep-nesting", "three-faults-one-record",
		"deep-nesting-at-limit", "deep-nesting-past-limit", "long-string-status",
		"tenant-freshness-too-large", "timestamp-comma-fraction", "timestamp-finer-than-nanosecond",
		"generated-at-comma-fraction", "nul-escaped", "schema-member-not-string",
	} {
		for _, ext := range []string{".json", ".want"} {
			_, err := os.Stat(filepath.Join(invalidDir, name+ext))
			assert.NoError(t, err, name+ext)
		}
	}
	wants, err := filepath.Glob(filepath.Join(invalidDir, "*.want"))
	require.NoError(t, err)
	for _, w := range wants {
		_, err := os.Stat(strings.TrimSuffix(w, ".want") + ".json")
		assert.NoError(t, err, "no .want without its .json")
	}
}
