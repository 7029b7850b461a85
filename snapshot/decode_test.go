package snapshot_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/fixturetest"
	"github.com/tenantatlas/tenantatlas/internal/floor"
	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

func checkString(s string, lim snapshot.Limits) *snapshot.Checked {
	return snapshot.Check(strings.NewReader(s), lim)
}

const head = `{"schema_version":1,"generated_at":"2026-04-09T01:19:36+02:00",`

func TestDecodeValidDocumentFieldByField(t *testing.T) {
	c := fixturetest.Check(t, "scenarios/result-evidence-current.json")
	require.NotNil(t, c.Snapshot, "%v", c.Problems)
	require.Empty(t, c.Problems)
	s := c.Snapshot
	assert.Equal(t, 1, s.SchemaVersion)
	assert.Equal(t, "2026-04-09T01:19:36+02:00", s.GeneratedAtText)
	assert.Equal(t, "2026-04-08T23:19:36Z", s.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z"))
	require.Len(t, s.Tenants, 1)
	assert.Equal(t, snapshot.Tenant{Index: 0, ID: 1, Name: "Contoso Ltd", FreshnessHours: 24}, s.Tenants[0])
	require.Len(t, s.RestoreRuns, 1)
	r := s.RestoreRuns[0]
	assert.Equal(t, int64(100), r.ID)
	assert.Equal(t, snapshot.RestoreCompleted, r.Status)
	assert.Nil(t, r.BackupSetID, "null backup_set_id")
	require.NotNil(t, r.OperationRunID)
	assert.Equal(t, int64(500), *r.OperationRunID)
	require.Len(t, s.EvidenceSnapshots, 1)
	require.NotNil(t, s.EvidenceSnapshots[0].ExpiresAt)
	assert.Nil(t, s.Viewer, "absent viewer: every capability")
	assert.True(t, s.Can(snapshot.CapEvidenceView))
}

func TestDecodeCollectsEveryProblem(t *testing.T) {
	doc := head + `"tenants":[{"id":1,"name":"A"},{"id":2,"name":"B"}],
	"restore_runs":[
	 {"id":1,"tenant_id":1,"status":"complete","is_dry_run":"no","created_at":"2026-04-08T10:00:00Z","extra":1},
	 {"id":2,"tenant_id":2,"status":"completed","is_dry_run":false,"created_at":"2026-04-08T10:00:00Z"}]}`
	c := checkString(doc, snapshot.Limits{})
	require.NotNil(t, c.Snapshot)
	var paths []string
	for _, p := range c.Problems {
		paths = append(paths, p.Path)
		require.NotNil(t, p.TenantID)
		assert.Equal(t, int64(1), *p.TenantID, "tenant_id found before or after the bad member")
	}
	assert.Equal(t, []string{"restore_runs[0].status", "restore_runs[0].is_dry_run", "restore_runs[0].extra"}, paths)
	assert.Equal(t, map[int64]bool{1: true}, c.Quarantined, "tenant 2 is unaffected")
}

func TestDecodeTenantIDAfterTheFault(t *testing.T) {
	doc := head + `"restore_runs":[{"status":"bogus","id":1,"is_dry_run":false,"created_at":"2026-04-08T10:00:00Z","tenant_id":1}],"tenants":[{"id":1,"name":"A"}]}`
	c := checkString(doc, snapshot.Limits{})
	require.Len(t, c.Problems, 1)
	require.NotNil(t, c.Problems[0].TenantID, "records before the tenants array still find their tenant")
	assert.Equal(t, snapshot.ReachTenant, c.Problems[0].Reach)
}

func TestDecodeCapsProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(head + `"tenants":[{"id":1,"name":"A"}],"backup_sets":[`)
	for i := 0; i < 1200; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":%d,"tenant_id":1,"status":"nope"}`, i+1)
	}
	b.WriteString("]}")
	c := checkString(b.String(), snapshot.Limits{})
	assert.Len(t, c.Problems, snapshot.MaxProblems)
	assert.Equal(t, 200, c.Omitted)
	assert.True(t, c.Quarantined[1])
}

// countingReader counts what Check takes from its source: Limits bound what
// Check reads, not only what it keeps.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestDecodeLimits(t *testing.T) {
	doc := fixturetest.Check(t, "demo.json")
	require.NotNil(t, doc.Snapshot)
	t.Run("size", func(t *testing.T) {
		c := checkString(head+`"name":"`+strings.Repeat("x", 2000)+`"}`, snapshot.Limits{MaxBytes: 1000})
		require.True(t, c.Rejected())
		require.Len(t, c.Problems, 1)
		assert.Equal(t, snapshot.CodeTooLarge, c.Problems[0].Code)
		assert.Contains(t, c.Problems[0].Message, "1000 bytes")
	})
	t.Run("reads no further than the size limit", func(t *testing.T) {
		// Regression (found by FuzzCheck): a read-ahead buffer above the
		// limit took up to 64 KiB past it from the reader.
		src := &countingReader{r: strings.NewReader(head + `"name":"` + strings.Repeat("x", 100_000) + `"}`)}
		c := snapshot.Check(src, snapshot.Limits{MaxBytes: 1000})
		require.True(t, c.Rejected())
		assert.Equal(t, snapshot.CodeTooLarge, c.Problems[0].Code)
		assert.LessOrEqual(t, src.n, int64(1001), "one byte past the limit tells a longer document")
	})
	t.Run("exactly at the size limit is fine", func(t *testing.T) {
		s := head + `"name":"x"}`
		c := checkString(s, snapshot.Limits{MaxBytes: int64(len(s))})
		assert.False(t, c.Rejected(), "%v", c.Problems)
	})
	t.Run("depth", func(t *testing.T) {
		c := checkString(head+`"tenants":[{"id":1,"name":"A","x":`+strings.Repeat("[", 50)+strings.Repeat("]", 50)+`}]}`, snapshot.Limits{MaxDepth: 10})
		require.True(t, c.Rejected())
		assert.Equal(t, snapshot.CodeTooDeep, c.Problems[len(c.Problems)-1].Code)
	})
}

// spaces is an endless run of JSON whitespace.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// TestDecodeDefaultSizeLimit: Limits{} means DefaultMaxBytes (64 MiB), the
// limit docs/snapshot-format.md sets. A valid snapshot padded with whitespace to
// exactly the limit is read; one byte more is rejected as too large, and
// Check takes at most one byte past the limit from its reader. The padding
// is streamed, never held.
func TestDecodeDefaultSizeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 64 MiB")
	}
	const start, end = head + `"name":"x"`, "}"
	for _, tt := range []struct {
		name     string
		size     int64
		rejected bool
	}{
		{"exactly the limit", snapshot.DefaultMaxBytes, false},
		{"one byte over", snapshot.DefaultMaxBytes + 1, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pad := tt.size - int64(len(start)+len(end))
			src := &countingReader{r: io.MultiReader(strings.NewReader(start), io.LimitReader(spaces{}, pad), strings.NewReader(end))}
			c := snapshot.Check(src, snapshot.Limits{})
			require.Equal(t, tt.rejected, c.Rejected(), "%v", c.Problems)
			assert.LessOrEqual(t, src.n, int64(snapshot.DefaultMaxBytes+1), "one byte past the limit tells a longer document")
			if tt.rejected {
				require.Len(t, c.Problems, 1)
				assert.Equal(t, snapshot.CodeTooLarge, c.Problems[0].Code)
				assert.Contains(t, c.Problems[0].Message, fmt.Sprint(snapshot.DefaultMaxBytes))
			} else {
				assert.Empty(t, c.Problems)
				assert.Equal(t, tt.size, src.n, "the whole document is read")
			}
		})
	}
}

// A reader that fails is a problem, not a panic.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, fmt.Errorf("disk on fire") }

func TestDecodeReaderError(t *testing.T) {
	c := snapshot.Check(failingReader{}, snapshot.Limits{})
	require.True(t, c.Rejected())
	assert.Contains(t, c.Problems[0].Message, "disk on fire")
}

func TestProblemString(t *testing.T) {
	assert.Equal(t, "a: b", snapshot.Problem{Path: "a", Message: "b"}.String())
	assert.Equal(t, "b", snapshot.Problem{Message: "b"}.String())
}

func TestCheckIsDeterministic(t *testing.T) {
	b := []byte(head + `"tenants":[{"id":1,"name":"A"}],"backup_sets":[{"id":1,"tenant_id":1,"status":"x"},{"id":1,"tenant_id":9,"status":"y"}]}`)
	first := snapshot.Check(bytes.NewReader(b), snapshot.Limits{})
	for i := 0; i < 5; i++ {
		assert.Equal(t, first.Problems, snapshot.Check(bytes.NewReader(b), snapshot.Limits{}).Problems)
	}
}

// The benchmark's yardstick is internal/floor: encoding/json decoding the
// same document into plain structs, with no validation at all.

// benchDoc is a generated portfolio of 500 tenants with 20 runs each (a few MB).
func benchDoc(b *testing.B) []byte {
	b.Helper()
	var buf bytes.Buffer
	require.NoError(b, gen.Write(&buf, gen.Options{Tenants: 500, RunsPerTenant: 20, Seed: 1}))
	return buf.Bytes()
}

func BenchmarkCheck(b *testing.B) {
	doc := benchDoc(b)
	c := snapshot.Check(bytes.NewReader(doc), snapshot.Limits{})
	require.NotNil(b, c.Snapshot, "%v", c.Problems)
	require.Empty(b, c.Problems)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		snapshot.Check(bytes.NewReader(doc), snapshot.Limits{})
	}
}

func BenchmarkEncodingJSON(b *testing.B) {
	doc := benchDoc(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		var s floor.Snapshot
		if err := json.NewDecoder(bytes.NewReader(doc)).Decode(&s); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSyntaxRejects: what cannot be read as a snapshot at all is rejected
// with one problem that says where.
func TestSyntaxRejects(t *testing.T) {
	const valid = `"tenants":[{"id":1,"name":"Contoso Ltd"}]}`
	tests := []struct {
		name, in   string
		path, code string
		msg        string
	}{
		{"not JSON", "this is not JSON", "", snapshot.CodeSyntax, "at byte 1"},
		{"empty", "", "", snapshot.CodeSyntax, "ends early"},
		{"only spaces", "  \n ", "", snapshot.CodeSyntax, "ends early"},
		{"truncated", head + `"tenants":[{"id":1,"na`, "tenants[0]", snapshot.CodeSyntax, "ends early"},
		{"trailing data", head + valid + ` {}`, "", snapshot.CodeTrailingData, "after the end"},
		{"trailing garbage", head + valid + `x`, "", snapshot.CodeTrailingData, ""},
		{"top-level array", `[` + head + valid + `]`, "", snapshot.CodeNotObject, "not an array"},
		{"top-level string", `"snapshot"`, "", snapshot.CodeNotObject, "not a string"},
		{"top-level null", `null`, "", snapshot.CodeNotObject, "not null"},
		{"duplicate top-level member", head + `"name":"a","name":"b",` + valid, "name", snapshot.CodeDuplicateMember, `"name" appears more than once`},
		{"duplicate member in a record", head + `"tenants":[{"id":1,"name":"A","id":2}]}`, "tenants[0].id", snapshot.CodeDuplicateMember, ""},
		{"duplicate member spelt with an escape", head + `"tenants":[{"id":1,"name":"A","\u0069d":2}]}`, "tenants[0].id", snapshot.CodeDuplicateMember, ""},
		{"invalid UTF-8", head + "\"tenants\":[{\"id\":1,\"name\":\"Contoso \xff\"}]}", "tenants[0].name", snapshot.CodeSyntax, "invalid UTF-8"},
		{"NUL byte in a string", head + "\"tenants\":[{\"id\":1,\"name\":\"Con\x00toso\"}]}", "tenants[0].name", snapshot.CodeSyntax, "byte"},
		{"byte order mark", "\xef\xbb\xbf" + head + valid, "", snapshot.CodeSyntax, "byte order mark"},
		{"single quotes", `{'schema_version':1}`, "", snapshot.CodeSyntax, ""},
		{"comment", head + `/* note */ ` + valid, "", snapshot.CodeSyntax, ""},
		{"deep nesting", head + `"tenants":[{"id":1,"name":"A","x":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}]}`,
			"tenants[0].x", snapshot.CodeTooDeep, "deeper than 32"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := checkString(tt.in, snapshot.Limits{})
			require.True(t, c.Rejected())
			require.Len(t, c.Problems, 1, "%v", c.Problems)
			p := c.Problems[0]
			assert.Equal(t, tt.path, p.Path)
			assert.Equal(t, tt.code, p.Code)
			assert.Equal(t, snapshot.ReachSnapshot, p.Reach)
			assert.Nil(t, p.TenantID)
			assert.Contains(t, p.Message, tt.msg)
		})
	}
}

// A long member name is named exactly by the path, and quoted short in the
// message: a message is for a person, and must not grow with the input.
func TestLongMemberNamesAreQuotedShort(t *testing.T) {
	long := strings.Repeat("n", 5000)
	c := checkString(head+`"tenants":[{"id":1,"name":"A","`+long+`":1,"`+long+`":2}]}`, snapshot.Limits{})
	require.True(t, c.Rejected())
	require.Len(t, c.Problems, 2, "the unknown member, then the duplicate that stops the decoding")
	for i, code := range []string{snapshot.CodeUnknownMember, snapshot.CodeDuplicateMember} {
		p := c.Problems[i]
		assert.Equal(t, code, p.Code)
		assert.Equal(t, "tenants[0]."+long, p.Path)
		assert.Contains(t, p.Message, `"`+strings.Repeat("n", 60)+`…"`)
		assert.Less(t, len(p.Message), 120)
	}
}

func TestEscapedMemberNamesAreTheirNames(t *testing.T) {
	c := checkString(head+`"tenants":[{"\u0069d":1,"n\u0061me":"Contoso \u00e9"}]}`, snapshot.Limits{})
	require.NotNil(t, c.Snapshot, "%v", c.Problems)
	assert.Equal(t, snapshot.Tenant{ID: 1, Name: "Contoso é", FreshnessHours: 24}, c.Snapshot.Tenants[0])
}

func TestNumberFormsOfAnInteger(t *testing.T) {
	c := checkString(head+`"tenants":[{"id":1,"name":"A","backup_freshness_hours":-0}]}`, snapshot.Limits{})
	require.True(t, c.Rejected(), "freshness 0 is out of range")
	c = checkString(head+`"tenants":[{"id":9223372036854775807,"name":"A"}]}`, snapshot.Limits{})
	require.NotNil(t, c.Snapshot, "%v", c.Problems)
	assert.Equal(t, int64(9223372036854775807), c.Snapshot.Tenants[0].ID)
	c = checkString(head+`"tenants":[{"id":9223372036854775808,"name":"A"}]}`, snapshot.Limits{})
	require.Len(t, c.Problems, 1)
	assert.Equal(t, snapshot.CodeOutOfRange, c.Problems[0].Code, "one past int64 does not fit")
}

// TestDecodeAgreesWithEncodingJSON: on a valid generated portfolio, the
// hand-written decoder reads exactly what encoding/json reads.
func TestDecodeAgreesWithEncodingJSON(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 30, RunsPerTenant: 6, Seed: 7}))
	c := snapshot.Check(bytes.NewReader(buf.Bytes()), snapshot.Limits{})
	require.NotNil(t, c.Snapshot, "%v", c.Problems)
	require.Empty(t, c.Problems)
	var std floor.Snapshot
	require.NoError(t, json.Unmarshal(buf.Bytes(), &std))
	s := c.Snapshot

	assert.Equal(t, std.SchemaVersion, s.SchemaVersion)
	assert.True(t, std.GeneratedAt.Equal(s.GeneratedAt))
	assert.Equal(t, std.Name, s.Name)
	require.Len(t, s.Tenants, len(std.Tenants))
	for i, x := range std.Tenants {
		f := int64(24)
		if x.FreshnessHours != nil {
			f = *x.FreshnessHours
		}
		assert.Equal(t, snapshot.Tenant{Index: i, ID: x.ID, Name: x.Name, FreshnessHours: f}, s.Tenants[i])
	}
	require.Len(t, s.BackupSets, len(std.BackupSets))
	for i, x := range std.BackupSets {
		assert.Equal(t, snapshot.BackupSet{Index: i, ID: x.ID, TenantID: x.TenantID, Name: x.Name, Status: snapshot.BackupSetStatus(x.Status),
			StartedAt: x.StartedAt, CompletedAt: x.CompletedAt, ItemCount: x.ItemCount, FailedItemCount: x.FailedItemCount}, s.BackupSets[i])
	}
	entries := func(es []floor.Entry) []snapshot.ResultEntry {
		var out []snapshot.ResultEntry
		for _, e := range es {
			out = append(out, snapshot.ResultEntry{ID: e.ID, Name: e.Name, Type: e.Type, Outcome: snapshot.Outcome(e.Outcome), Message: e.Message})
		}
		return out
	}
	require.Len(t, s.RestoreRuns, len(std.RestoreRuns))
	for i, x := range std.RestoreRuns {
		want := snapshot.RestoreRun{Index: i, ID: x.ID, TenantID: x.TenantID, BackupSetID: x.BackupSetID, Status: snapshot.RestoreStatus(x.Status),
			IsDryRun: x.IsDryRun, CreatedAt: x.CreatedAt, CompletedAt: x.CompletedAt, OperationRunID: x.OperationRunID,
			Results:  snapshot.Results{Items: entries(x.Results.Items), Foundations: entries(x.Results.Foundations), Assignments: entries(x.Results.Assignments)},
			Metadata: snapshot.Metadata{Counts: (*snapshot.Counts)(x.Metadata.Counts), ScopeBasis: x.Metadata.ScopeBasis}}
		for _, n := range x.Metadata.NonApplied {
			want.Metadata.NonApplied = append(want.Metadata.NonApplied, snapshot.NonApplied{ID: n.ID, Name: n.Name, Reason: n.Reason})
		}
		assert.Equal(t, want, s.RestoreRuns[i])
	}
	require.Len(t, s.OperationRuns, len(std.OperationRuns))
	for i, x := range std.OperationRuns {
		assert.Equal(t, snapshot.OperationRun{Index: i, ID: x.ID, TenantID: x.TenantID, Type: x.Type, Status: snapshot.OperationStatus(x.Status),
			Outcome: snapshot.OperationOutcome(x.Outcome), StartedAt: x.StartedAt, CompletedAt: x.CompletedAt}, s.OperationRuns[i])
	}
	require.Len(t, s.EvidenceSnapshots, len(std.EvidenceSnapshots))
	for i, x := range std.EvidenceSnapshots {
		assert.Equal(t, snapshot.EvidenceSnapshot{Index: i, ID: x.ID, TenantID: x.TenantID, OperationRunID: x.OperationRunID,
			Status: snapshot.EvidenceStatus(x.Status), CapturedAt: x.CapturedAt, ExpiresAt: x.ExpiresAt}, s.EvidenceSnapshots[i])
	}
}
