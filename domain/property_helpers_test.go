package domain_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/internal/depth"
	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// propertySeeds are the seeds of a property test over generated snapshots:
// 100 in `make test`, 1,000 in `make check`, 40 with -short (the
// WebAssembly run under Node).
func propertySeeds(t *testing.T) []uint64 { return depth.Seeds(t, 100, 1000, 40) }

// snapDoc is a snapshot as generic JSON, to be changed the way a property needs.
type snapDoc map[string]any

// genDoc is a small generated portfolio: a few tenants and runs, so that
// thousands run in seconds and each tenant's history still has every shape.
func genDoc(t *testing.T, seed uint64) snapDoc {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 2 + int(seed%4), RunsPerTenant: 1 + int(seed%9), Seed: seed}))
	return decodeDoc(t, buf.Bytes())
}

func decodeDoc(t *testing.T, b []byte) snapDoc {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber() // ids stay exact integers
	var d snapDoc
	require.NoError(t, dec.Decode(&d))
	return d
}

func (d snapDoc) bytes(t *testing.T) []byte {
	t.Helper()
	b, err := json.Marshal(d)
	require.NoError(t, err)
	return b
}

func (d snapDoc) clone(t *testing.T) snapDoc { return decodeDoc(t, d.bytes(t)) }

func (d snapDoc) records(coll string) []any {
	rs, _ := d[coll].([]any)
	return rs
}

func (d snapDoc) add(coll string, rec map[string]any) { d[coll] = append(d.records(coll), rec) }

// resolveDoc checks and resolves d; it must not be rejected.
func resolveDoc(t *testing.T, d snapDoc) (*snapshot.Checked, *domain.Resolution) {
	t.Helper()
	c := snapshot.Check(bytes.NewReader(d.bytes(t)), snapshot.Limits{})
	require.False(t, c.Rejected(), "%v", c.Problems)
	return c, domain.Resolve(c)
}

// recordIndex matches a record's path: after records move, the same record
// has another index, and only that may change.
var recordIndex = regexp.MustCompile(`(tenants|backup_sets|restore_runs|operation_runs|evidence_snapshots)\[\d+\]`)

// tenantJSON is each tenant's output, with record paths blanked.
func tenantJSON(t *testing.T, res *domain.Resolution) map[int64]string {
	t.Helper()
	out := map[int64]string{}
	for _, ts := range res.Tenants {
		b, err := json.Marshal(ts)
		require.NoError(t, err)
		out[ts.TenantID] = recordIndex.ReplaceAllString(string(b), "$1[]")
	}
	return out
}

// intOf reads an integer member of a record: decoded (json.Number) or
// added by a test (int64).
func intOf(rec any, member string) int64 {
	switch v := rec.(map[string]any)[member].(type) {
	case json.Number:
		n, _ := v.Int64()
		return n
	case int64:
		return v
	}
	return 0
}

// tenantIDs are the ids of d's tenants.
func (d snapDoc) tenantIDs() []int64 {
	var ids []int64
	for _, r := range d.records("tenants") {
		ids = append(ids, intOf(r, "id"))
	}
	return ids
}

// nextID is an id no record of coll has.
func (d snapDoc) nextID(coll string) int64 {
	var top int64
	for _, r := range d.records(coll) {
		top = max(top, intOf(r, "id"))
	}
	return top + 1
}

func (d snapDoc) generatedAt() string { return d["generated_at"].(string) }

func rngFor(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0xa5a5)) }

func seedName(seed uint64) string { return fmt.Sprintf("seed %d", seed) }
