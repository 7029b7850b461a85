package site

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/internal/indexjson"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// The app reads index.json with its own reader (internal/indexjson), not
// encoding/json: for every index the builder writes, from every shipped
// snapshot that is not rejected and a generated large one, the two read
// the same portfolio, and that portfolio is the one written.
func TestIndexJSONReadsAsWritten(t *testing.T) {
	type source struct {
		name string
		data []byte
	}
	var sources []source
	require.NoError(t, fs.WalkDir(fixtures.FS, ".", func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(path, ".json") {
			b, err := fs.ReadFile(fixtures.FS, path)
			require.NoError(t, err)
			sources = append(sources, source{path, b})
		}
		return err
	}))
	var large bytes.Buffer
	require.NoError(t, gen.Write(&large, gen.Options{Tenants: 300, RunsPerTenant: 3, Seed: 7}))
	sources = append(sources, source{"generated", large.Bytes()})

	read := 0
	for _, s := range sources {
		sh, _, err := domain.Shard(bytes.NewReader(s.data), snapshot.Limits{})
		if err != nil {
			continue // rejected: no index is written
		}
		written, err := marshalIndex(sh.Index)
		require.NoError(t, err, s.name)
		ours, err := indexjson.Decode(written)
		require.NoError(t, err, s.name)
		var std domain.Portfolio
		require.NoError(t, json.Unmarshal(written, &std), s.name)
		assert.Equal(t, &std, ours, "%s: indexjson and encoding/json", s.name)
		again, err := marshalIndex(ours)
		require.NoError(t, err, s.name)
		assert.Equal(t, string(written), string(again), "%s: read and written again, the same bytes", s.name)
		read++
	}
	assert.Greater(t, read, 10, "indexes read")
}

// largeIndex is the index.json of a generated 5,000-tenant snapshot.
func largeIndex(b *testing.B) []byte {
	b.Helper()
	var src bytes.Buffer
	require.NoError(b, gen.Write(&src, gen.Options{Tenants: 5000, RunsPerTenant: 4, Seed: 1}))
	sh, _, err := domain.Shard(bytes.NewReader(src.Bytes()), snapshot.Limits{})
	require.NoError(b, err)
	written, err := marshalIndex(sh.Index)
	require.NoError(b, err)
	return written
}

// BenchmarkIndexJSON reads a 5,000-tenant index.json with the app's reader
// and, side by side, with encoding/json (docs/performance.md).
func BenchmarkIndexJSON(b *testing.B) {
	data := largeIndex(b)
	b.Run("indexjson", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := indexjson.Decode(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var p domain.Portfolio
			if err := json.Unmarshal(data, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
