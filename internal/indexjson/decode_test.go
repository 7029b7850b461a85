package indexjson

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
)

// valid is an index.json with every member, nulls where the format has
// them, escapes and non-ASCII text; the site's own test covers the files
// the builder writes.
const valid = `{"schema_version":1,"generated_at":"2026-05-01T10:00:00Z","name":"Demo \u00e9\"q\"",
"viewer":{"name":"Ana","capabilities":["backup.view","restore.view"]},
"errors":[{"path":"tenants[1].name","tenant_id":2,"code":"wrong_type","message":"bad \ud83d\ude00 \ud800 x","reach":"tenant_quarantined"},
{"path":"","tenant_id":null,"code":"c","message":"m","reach":"record_orphaned"}],
"errors_omitted":3,
"tenants":[
{"id":1,"name":"Contoso Ltd","backup_freshness_hours":24,"file":"tenants/1.json","portfolio":{"data_status":"valid","backup_posture":"healthy","overview_state":"weakened","latest_relevant_restore_run_id":140,"latest_relevant_attention_state":"needs_review","primary_reason":null,"needs_attention_kinds":["recovery_weakened"],"needs_attention":1,"latest_backup_at":"2026-04-30T09:00:00+02:00","latest_relevant_restore_at":"2026-04-29T09:00:00.5Z"}},
{"id":2,"name":"Fabrikam  \t","backup_freshness_hours":-1,"file":"tenants/2.json","portfolio":{"data_status":"invalid","backup_posture":null,"overview_state":null,"latest_relevant_restore_run_id":null,"latest_relevant_attention_state":null,"primary_reason":null,"needs_attention_kinds":null}},
{"id":9223372036854775807,"name":"","backup_freshness_hours":0,"file":"","portfolio":{"data_status":"valid","backup_posture":"absent","overview_state":"unvalidated","latest_relevant_restore_run_id":null,"latest_relevant_attention_state":null,"primary_reason":"no_backup","needs_attention_kinds":[]}}
]}
`

// The reader reads what encoding/json reads.
func TestDecodeAgreesWithEncodingJSON(t *testing.T) {
	for _, doc := range []string{valid, `{"tenants":[]}`, `{}`, ` {"viewer":null,"errors":null,"tenants":null} `, `{"viewer":{},"errors":[]}`} {
		ours, err := Decode([]byte(doc))
		require.NoError(t, err, doc)
		var std domain.Portfolio
		require.NoError(t, json.Unmarshal([]byte(doc), &std))
		assert.Equal(t, &std, ours, doc)
	}
}

// What the format does not allow is an error with its place, never a
// guess; encoding/json would read some of these (a case-folded name, a
// member twice, a fraction), so the reader is the stricter of the two.
func TestDecodeRejects(t *testing.T) {
	cases := []struct{ name, doc, path string }{
		{"empty", ``, ""},
		{"not an object", `[]`, ""},
		{"null document", `null`, ""},
		{"trailing data", `{} {}`, ""},
		{"unknown member", `{"tenant":[]}`, ""},
		{"member name in another case", `{"Tenants":[]}`, ""},
		{"member twice", `{"name":"a","name":"b"}`, "name"},
		{"fraction", `{"tenants":[{"id":1.5}]}`, "tenants[0].id"},
		{"exponent", `{"tenants":[{"id":1e3}]}`, "tenants[0].id"},
		{"leading zero", `{"tenants":[{"id":01}]}`, "tenants[0].id"},
		{"out of range", `{"tenants":[{"id":9223372036854775808}]}`, "tenants[0].id"},
		{"null id", `{"tenants":[{"id":null}]}`, "tenants[0].id"},
		{"string id", `{"tenants":[{"id":"1"}]}`, "tenants[0].id"},
		{"unterminated string", `{"name":"abc`, "name"},
		{"control character", "{\"name\":\"a\x01\"}", "name"},
		{"bad escape", `{"name":"\x"}`, "name"},
		{"short unicode escape", `{"name":"\u12"}`, "name"},
		{"bad time", `{"tenants":[{"portfolio":{"latest_backup_at":"yesterday"}}]}`, "tenants[0].portfolio.latest_backup_at"},
		{"unknown row member", `{"tenants":[{"portfolio":{"extra":1}}]}`, "tenants[0].portfolio"},
		{"missing comma", `{"name":"a" "generated_at":"b"}`, ""},
		{"unclosed array", `{"tenants":[`, "tenants[0]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Decode([]byte(c.doc))
			assert.Nil(t, p)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, c.path, e.Path)
		})
	}
}

// Whatever the reader accepts, encoding/json reads to the same value; and
// no input makes it panic.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{valid, `{}`, `{"tenants":[{"id":1,"name":"a\u0000"}]}`, `{"name":"\udc00\ud800\udc00"}`, "{\"name\":\"\xff\xfe\"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ours, err := Decode(data)
		if err != nil {
			return
		}
		var std domain.Portfolio
		require.NoError(t, json.Unmarshal(data, &std), "encoding/json rejects what indexjson accepts")
		assert.Equal(t, &std, ours)
	})
}

func BenchmarkDecode(b *testing.B) {
	doc := []byte(valid)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Decode(doc); err != nil {
			b.Fatal(err)
		}
	}
}
