package schema

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// expressible are the problem codes whose fault a JSON Schema can state: a
// snapshot with one of them must fail the schema. Every other code (a
// reference, a duplicate id, a future timestamp, a duplicate member name,
// nesting depth) is validate's alone, and a snapshot whose faults are all of
// that kind must pass it: the schema never rejects what the decoder reads.
var expressible = map[string]bool{
	snapshot.CodeNotObject: true, snapshot.CodeUnknownMember: true, snapshot.CodeWrongType: true,
	snapshot.CodeMissing: true, snapshot.CodeNull: true, snapshot.CodeBadEnum: true,
	snapshot.CodeOutOfRange: true, snapshot.CodeBadTimestamp: true, snapshot.CodeBadVersion: true,
	snapshot.CodeInconsistent: true, snapshot.CodeTooLong: true,
}

// unparsable are the codes of a document that is not one JSON value: the
// schema has nothing to say about it.
var unparsable = map[string]bool{snapshot.CodeSyntax: true, snapshot.CodeTrailingData: true}

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SnapshotV1))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	require.NoError(t, c.AddResource(Path, doc))
	s, err := c.Compile(Path)
	require.NoError(t, err)
	return s
}

// TestFixturesAgreeWithDecoder validates every shipped fixture with the
// schema and with the decoder, and asks them to agree.
func TestFixturesAgreeWithDecoder(t *testing.T) {
	s := compile(t)
	var files []string
	for _, pattern := range []string{"*.json", "scenarios/*.json", "invalid/*.json"} {
		m, err := fs.Glob(fixtures.FS, pattern)
		require.NoError(t, err)
		files = append(files, m...)
	}
	require.Greater(t, len(files), 50)
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			data, err := fs.ReadFile(fixtures.FS, f)
			require.NoError(t, err)
			c := snapshot.Check(bytes.NewReader(data), snapshot.Limits{})
			codes := map[string]bool{}
			for _, p := range c.Problems {
				codes[p.Code] = true
			}
			inst, perr := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if perr != nil || !utf8JSON(data) {
				assert.True(t, anyOf(codes, unparsable), "the validator cannot read it, the decoder found %v", keys(codes))
				return
			}
			verr := s.Validate(inst)
			if codes[snapshot.CodeTooDeep] {
				// The decoder stops at the depth limit and reports nothing
				// past it; what lies deeper is the schema's to judge.
				assert.True(t, c.Rejected())
				return
			}
			if anyOf(codes, expressible) {
				assert.Error(t, verr, "the decoder found %v; the schema passed it", keys(codes))
			} else {
				assert.NoError(t, verr, "the decoder found only %v", keys(codes))
			}
		})
	}
}

// TestSchemaCases: edits of a valid snapshot that the schema accepts or
// rejects, for rules no fixture exercises.
func TestSchemaCases(t *testing.T) {
	s := compile(t)
	tests := []struct {
		name string
		doc  string
		ok   bool
	}{
		{"minimal", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z"}`, true},
		{"$schema names the schema", `{"$schema":"https://example.org/schema/snapshot-v1.json","schema_version":1,"generated_at":"2026-04-09T01:00:00Z"}`, true},
		{"$schema not a string", `{"$schema":1,"schema_version":1,"generated_at":"2026-04-09T01:00:00Z"}`, false},
		{"offset timestamp with fraction", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00.250+02:00"}`, true},
		{"fraction after a comma", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00,250Z"}`, false},
		{"freshness at ten years", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","tenants":[{"id":1,"name":"A","backup_freshness_hours":87600}]}`, true},
		{"freshness past ten years", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","tenants":[{"id":1,"name":"A","backup_freshness_hours":87601}]}`, false},
		{"name of spaces", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","tenants":[{"id":1,"name":"   "}]}`, false},
		{"name of 201 characters", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","tenants":[{"id":1,"name":"` + strings.Repeat("é", 201) + `"}]}`, false},
		{"queued set without completed_at", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","backup_sets":[{"id":1,"tenant_id":1,"status":"queued"}]}`, true},
		{"failed set with null completed_at", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","backup_sets":[{"id":1,"tenant_id":1,"status":"failed","completed_at":null}]}`, false},
		{"running operation pending", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","operation_runs":[{"id":1,"tenant_id":1,"type":"x","status":"running","outcome":"pending"}]}`, true},
		{"running operation succeeded", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","operation_runs":[{"id":1,"tenant_id":1,"type":"x","status":"running","outcome":"succeeded"}]}`, false},
		{"id past int64", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","tenants":[{"id":9223372036854775808,"name":"A"}]}`, false},
		{"integer written 1.0", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","tenants":[{"id":1.5,"name":"A"}]}`, false},
		{"viewer without capabilities", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","viewer":{"name":"x"}}`, false},
		{"unknown count", `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","restore_runs":[{"id":1,"tenant_id":1,"status":"completed","is_dry_run":false,"created_at":"2026-04-09T00:00:00Z","metadata":{"counts":{"ok":1}}}]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.doc))
			require.NoError(t, err)
			if tt.ok {
				assert.NoError(t, s.Validate(inst))
			} else {
				assert.Error(t, s.Validate(inst))
			}
		})
	}
}

// TestSchemaIsDraft202012 checks the document names its draft and is JSON.
func TestSchemaIsDraft202012(t *testing.T) {
	var doc map[string]any
	require.NoError(t, json.Unmarshal(SnapshotV1, &doc))
	assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", doc["$schema"])
	assert.Equal(t, false, doc["additionalProperties"])
}

// utf8JSON is false for a document Go's JSON reader would read only by
// replacing invalid UTF-8, which the decoder rejects as a syntax error.
func utf8JSON(b []byte) bool { return bytes.Equal([]byte(strings.ToValidUTF8(string(b), "\uFFFD")), b) }

func anyOf(codes, set map[string]bool) bool {
	for c := range codes {
		if set[c] {
			return true
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
