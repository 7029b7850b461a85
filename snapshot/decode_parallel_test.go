//go:build !js

package snapshot

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/gen"
)

// Parallel decoding must give what one decoder reading alone gives: the same
// records, metas and problems, in the same order, whatever the batches and
// workers, on valid snapshots and on every way a snapshot can be broken.

// decodings are the ways compared with the sequential decoder: one record a
// batch (every hand-over, and readAgain after merges), small batches on
// more workers than cores, and the default.
var decodings = []struct {
	name           string
	workers, batch int
}{
	{"one record a batch", 2, 1},
	{"small batches, 3 workers", 3, 300},
	{"default batches", 2, defaultBatchBytes},
}

func assertSameDecoding(t *testing.T, doc []byte, lim Limits) {
	t.Helper()
	want := checkWith(bytes.NewReader(doc), lim, 1, 0)
	for _, dc := range decodings {
		got := checkWith(bytes.NewReader(doc), lim, dc.workers, dc.batch)
		if !assert.Equal(t, want, got, dc.name) {
			return
		}
	}
}

// decodingCorpus is every shipped snapshot, the fuzzing corpus, and
// generated portfolios.
func decodingCorpus(t testing.TB) map[string][]byte {
	docs := map[string][]byte{}
	for _, root := range []string{filepath.Join("..", "fixtures"), filepath.Join("testdata", "fuzz")} {
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if body, ok := strings.CutPrefix(string(b), "go test fuzz v1\n[]byte("); ok {
				s, err := strconv.Unquote(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(body), ")")))
				require.NoError(t, err, p)
				b = []byte(s)
			} else if !strings.HasSuffix(p, ".json") {
				return nil
			}
			docs[p] = b
			return nil
		})
		require.NoError(t, err)
	}
	for _, o := range []gen.Options{{Tenants: 3, RunsPerTenant: 4, Seed: 7}, {Tenants: 40, RunsPerTenant: 25, Seed: 3}} {
		var buf bytes.Buffer
		require.NoError(t, gen.Write(&buf, o))
		docs["gen "+strconv.Itoa(o.Tenants)+"x"+strconv.Itoa(o.RunsPerTenant)] = buf.Bytes()
	}
	return docs
}

func TestParallelDecodingAgreesOnTheCorpus(t *testing.T) {
	docs := decodingCorpus(t)
	require.Greater(t, len(docs), 50)
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			assertSameDecoding(t, doc, Limits{})
		})
	}
}

// brokenRuns is a small portfolio broken, one way at a time, inside and
// between its restore runs: where the parallel decoder's two paths differ.
func TestParallelDecodingAgreesOnBrokenDocuments(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 2, RunsPerTenant: 6, Seed: 5}))
	doc := buf.Bytes()
	runs := bytes.Index(doc, []byte(`"restore_runs"`))
	require.Positive(t, runs)
	// Record starts within restore_runs: where to break a record.
	var starts []int
	for i := runs; i < len(doc); i++ {
		if doc[i] == '{' && bytes.HasPrefix(bytes.TrimLeft(doc[i+1:], " \n"), []byte(`"id"`)) {
			starts = append(starts, i)
		}
	}
	require.Greater(t, len(starts), 6)
	// edit makes changes at offsets of doc, given in increasing order.
	type change struct {
		at, remove int
		insert     string
	}
	edit := func(changes ...change) []byte {
		out, from := []byte(nil), 0
		for _, c := range changes {
			out = append(append(out, doc[from:c.at]...), c.insert...)
			from = c.at + c.remove
		}
		return append(out, doc[from:]...)
	}
	insert := func(at int, text string) []byte { return edit(change{at: at, insert: text}) }
	deep := strings.Repeat("[", 40) + strings.Repeat("]", 40)
	cases := map[string][]byte{}
	for k, s := range starts[:6] {
		n := strconv.Itoa(k)
		inner, later := s+1, starts[k+3]+1
		cases["too deep inside run "+n] = insert(inner, `"x":`+deep+`,`)
		cases["too deep as run "+n] = insert(s, deep+`,`)
		cases["syntax error inside run "+n] = insert(inner, `"is_dry_run":"x",]`)
		cases["duplicate member in run "+n] = insert(inner, `"id":1,`)
		cases["invalid UTF-8 in run "+n] = insert(inner, "\"name\":\"\xff\",")
		cases["not an object, run "+n] = insert(s, `7,`)
		cases["faults, then too deep in run "+n] = insert(inner, `"status":"bogus","x":`+deep+`,`)
		cases["faults, then a syntax error in run "+n] = insert(inner, `"status":"bogus","id":"x" "y"`)
		cases["too deep in run "+n+", then a fault in a later run"] = edit(
			change{at: inner, insert: `"x":` + deep + `,`}, change{at: later, insert: `"status":"bogus",`})
		cases["a fault, then a syntax error between later runs "+n] = edit(
			change{at: inner, insert: `"status":"bogus",`}, change{at: bytes.LastIndexByte(doc[:later], ','), remove: 1})
		cases["too deep in run "+n+", then a syntax error between later runs"] = edit(
			change{at: inner, insert: `"x":` + deep + `,`}, change{at: bytes.LastIndexByte(doc[:later], ','), remove: 1})
	}
	for cut := runs; cut < len(doc); cut += 97 {
		cases["truncated at "+strconv.Itoa(cut)] = doc[:cut]
	}
	for name, d := range cases {
		t.Run(name, func(t *testing.T) {
			assertSameDecoding(t, d, Limits{})
		})
	}
	// The size limit falling within a record, and a lower depth limit.
	for _, lim := range []Limits{{MaxBytes: int64(starts[3] + 20)}, {MaxDepth: 3}, {MaxDepth: 4}} {
		assertSameDecoding(t, doc, lim)
	}
}

// FuzzParallelDecoding: on any bytes, parallel decoding agrees with one
// decoder reading alone.
func FuzzParallelDecoding(f *testing.F) {
	for _, doc := range decodingCorpus(f) {
		if len(doc) <= 1<<16 {
			f.Add(doc)
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		assertSameDecoding(t, doc, Limits{MaxBytes: 1 << 16, MaxDepth: 16})
	})
}
