package snapshot_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/fixturetest"
)

// TestShippedFixturesValidate: the scenarios are valid except where their
// name says an error is the point; the demo has exactly its deliberate two.
func TestShippedFixturesValidate(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "fixtures", "scenarios", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			c := fixturetest.Check(t, filepath.Join("scenarios", name+".json"))
			require.NotNil(t, c.Snapshot)
			if strings.HasPrefix(name, "orphan-") || strings.HasPrefix(name, "isolation-") {
				assert.Len(t, c.Problems, 1)
				return
			}
			assert.Empty(t, c.Problems)
		})
	}
	c := fixturetest.Check(t, "demo.json")
	require.NotNil(t, c.Snapshot)
	var codes []string
	for _, p := range c.Problems {
		codes = append(codes, p.Code+" "+string(p.Reach))
	}
	assert.Equal(t, []string{"unknown_tenant record_orphaned", "unknown_value tenant_quarantined"}, codes)
	assert.Equal(t, map[int64]bool{12: true}, c.Quarantined)
}

// TestSeriesFixturesValidate: the demo series is valid every day but two,
// where its story puts a problem: on the 5th Proseware's export writes a
// backup status the format does not know (the tenant is quarantined and comes
// back the next day), and the 9th has demo.json's deliberate two.
func TestSeriesFixturesValidate(t *testing.T) {
	want := map[string][]string{
		"2026-04-05": {"unknown_value tenant_quarantined"},
		"2026-04-09": {"unknown_tenant record_orphaned", "unknown_value tenant_quarantined"},
	}
	quarantined := map[string]map[int64]bool{"2026-04-05": {11: true}, "2026-04-09": {12: true}}
	files, err := filepath.Glob(filepath.Join("..", "fixtures", "series", "demo", "*.json"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 7)
	for _, f := range files {
		stem := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(stem, func(t *testing.T) {
			c := fixturetest.Check(t, filepath.Join("series", "demo", stem+".json"))
			require.NotNil(t, c.Snapshot)
			var codes []string
			for _, p := range c.Problems {
				codes = append(codes, p.Code+" "+string(p.Reach))
			}
			assert.Equal(t, want[stem], codes)
			if q := quarantined[stem]; q != nil {
				assert.Equal(t, q, c.Quarantined)
			} else {
				assert.Empty(t, c.Quarantined)
			}
		})
	}
}
