package domain_test

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// BenchmarkResolve times the rules alone on generated portfolios of the
// sizes snapshot's BenchmarkDecode and BenchmarkValidate read (`make bench`).
func BenchmarkResolve(b *testing.B) {
	for _, runs := range [][2]int{{10, 10}, {500, 20}, {1000, 100}} {
		b.Run("runs="+strconv.Itoa(runs[0]*runs[1]), func(b *testing.B) {
			var doc bytes.Buffer
			require.NoError(b, gen.Write(&doc, gen.Options{Tenants: runs[0], RunsPerTenant: runs[1], Seed: 1}))
			c := snapshot.Check(bytes.NewReader(doc.Bytes()), snapshot.Limits{})
			require.False(b, c.Rejected())
			require.Empty(b, c.Problems)
			b.SetBytes(int64(doc.Len()))
			b.ReportAllocs()
			for b.Loop() {
				domain.Resolve(c)
			}
		})
	}
}
