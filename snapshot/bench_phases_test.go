package snapshot

import (
	"bufio"
	"bytes"
	"fmt"
	"testing"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tenantatlas/tenantatlas/internal/gen"
)

// Benchmarks of each phase on generated portfolios of 100, 10,000 and
// 100,000 restore runs (`make bench`; compare runs with benchstat). Check is
// one pass that decodes and validates; decode and validate are timed apart
// here by running the decoder's two halves.

var benchSizes = []struct {
	name          string
	tenants, runs int
}{
	{"runs=100", 10, 10},
	{"runs=10000", 500, 20},
	{"runs=100000", 1000, 100},
}

func benchSnapshot(b *testing.B, tenants, runs int) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := gen.Write(&buf, gen.Options{Tenants: tenants, RunsPerTenant: runs, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// decodeOnly reads the document into a decoder without validating it.
func decodeOnly(doc []byte) *decoder {
	// As check sets it up: the limit beneath the buffer.
	in := &limitReader{r: bytes.NewReader(doc), max: DefaultMaxBytes, left: DefaultMaxBytes}
	d := &decoder{in: in, iss: newIssues(nil), maxDepth: DefaultMaxDepth, metas: map[string]*metaChunks{}}
	d.dec = jsontext.NewDecoder(bufio.NewReaderSize(in, 64<<10))
	if err := d.document(); err != nil {
		panic(err)
	}
	return d
}

func BenchmarkDecode(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			doc := benchSnapshot(b, size.tenants, size.runs)
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				decodeOnly(doc)
			}
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			doc := benchSnapshot(b, size.tenants, size.runs)
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for range b.N {
				b.StopTimer()
				d := decodeOnly(doc)
				b.StartTimer()
				if c := d.finish(false); c.Rejected() || len(c.Problems) > 0 {
					b.Fatal(fmt.Sprint(c.Problems))
				}
			}
		})
	}
}
