package domain_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
)

// checkFixture decodes and validates a file under ../fixtures.
func checkFixture(t *testing.T, rel string) *domain.Checked {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "fixtures", rel))
	require.NoError(t, err)
	return domain.Check(bytes.NewReader(b), domain.Limits{})
}

// TestShippedFixturesValidate: the scenarios are valid except where their
// name says an error is the point; the demo has exactly its deliberate two.
func TestShippedFixturesValidate(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "fixtures", "scenarios", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			c := checkFixture(t, filepath.Join("scenarios", name+".json"))
			require.NotNil(t, c.Snapshot)
			if strings.HasPrefix(name, "orphan-") || strings.HasPrefix(name, "isolation-") {
				assert.Len(t, c.Problems, 1)
				return
			}
			assert.Empty(t, c.Problems)
		})
	}
	c := checkFixture(t, "demo.json")
	require.NotNil(t, c.Snapshot)
	var codes []string
	for _, p := range c.Problems {
		codes = append(codes, p.Code+" "+string(p.Reach))
	}
	assert.Equal(t, []string{"unknown_tenant record_orphaned", "unknown_value tenant_quarantined"}, codes)
	assert.Equal(t, map[int64]bool{12: true}, c.Quarantined)
}
