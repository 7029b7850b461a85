package snapshot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// backupSnapshot is one tenant with the given top-level members and
// freshness, and one backup an hour old.
func backupSnapshot(top, freshness string) string {
	return fmt.Sprintf(`{%s"schema_version": 1, "generated_at": "2026-04-09T01:19:36+02:00",
	 "tenants": [{"id": 1, "name": "T"%s}],
	 "backup_sets": [{"id": 1, "tenant_id": 1, "status": "completed", "completed_at": "2026-04-08T22:19:36Z"}]}`, top, freshness)
}

// backup_freshness_hours is 1 to 87600 (snapshot-format.md). Past 2,562,047
// hours the window overflowed a Duration and an hour-old backup read stale.
func TestFreshnessHoursBounds(t *testing.T) {
	tests := []struct {
		hours   string
		valid   bool
		posture domain.Posture
	}{
		{"0", false, ""},
		{"1", true, domain.PostureHealthy},
		{"87600", true, domain.PostureHealthy},
		{"87601", false, ""},
		{"2562048", false, ""},
		{"9223372036854775807", false, ""},
		{"-9223372036854775808", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.hours, func(t *testing.T) {
			c := snapshot.Check(strings.NewReader(backupSnapshot("", `, "backup_freshness_hours": `+tt.hours)), snapshot.Limits{})
			if !tt.valid {
				require.True(t, c.Rejected())
				require.Len(t, c.Problems, 1)
				assert.Equal(t, "tenants[0].backup_freshness_hours", c.Problems[0].Path)
				assert.Equal(t, snapshot.CodeOutOfRange, c.Problems[0].Code)
				return
			}
			require.Empty(t, c.Problems)
			assert.Equal(t, tt.posture, domain.Resolve(c).Tenants[0].BackupHealth.Posture)
		})
	}
}

// "$schema" is an optional string, ignored; any other type is an error that
// rejects the snapshot, as any fault at the top level does.
func TestSchemaMember(t *testing.T) {
	tests := []struct {
		value string
		code  string // "" accepted
	}{
		{`"https://example.com/snapshot.schema.json"`, ""},
		{`""`, ""},
		{`1`, snapshot.CodeWrongType},
		{`null`, snapshot.CodeNull},
		{`{"$ref": "x"}`, snapshot.CodeWrongType},
		{`["a"]`, snapshot.CodeWrongType},
		{`"a\u0000b"`, snapshot.CodeNUL},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			c := snapshot.Check(strings.NewReader(backupSnapshot(`"$schema": `+tt.value+", ", "")), snapshot.Limits{})
			if tt.code == "" {
				assert.Empty(t, c.Problems)
				assert.False(t, c.Rejected())
				return
			}
			require.Len(t, c.Problems, 1)
			assert.Equal(t, "$schema", c.Problems[0].Path)
			assert.Equal(t, tt.code, c.Problems[0].Code)
			assert.True(t, c.Rejected())
		})
	}
}

// A NUL character never enters a snapshot's text: as a raw byte it is not
// JSON, and escaped (\u0000) it is a problem at its path. Other escapes,
// and NUL's neighbours, are text like any other.
func TestEscapedNUL(t *testing.T) {
	tests := []struct {
		name, value string
		code        string
	}{
		{"escaped NUL", `"Contoso\u0000 Ltd"`, snapshot.CodeNUL},
		{"escaped NUL alone", `"\u0000"`, snapshot.CodeNUL},
		{"escaped backslash then u0000", `"C\\u0000"`, ""},
		{"escaped U+0001", `"C\u0001"`, ""},
		{"escaped quote", `"C\"o"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(backupSnapshot("", ""), `"name": "T"`, `"name": `+tt.value, 1)
			c := snapshot.Check(strings.NewReader(doc), snapshot.Limits{})
			if tt.code == "" {
				assert.Empty(t, c.Problems)
				return
			}
			require.Len(t, c.Problems, 1)
			assert.Equal(t, "tenants[0].name", c.Problems[0].Path)
			assert.Equal(t, tt.code, c.Problems[0].Code)
		})
	}
}
