package site_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every .gz and .br a build writes, which nginx serves as they are, holds
// the file beside it byte for byte: the build reuses its compressors from
// file to file, and a stale byte from the previous file would reach a
// visitor as a corrupt page.
func TestCompressedFilesHoldTheirFile(t *testing.T) {
	out, _ := buildFrom(t, someShipped(t), "/")
	decoders := map[string]func(io.Reader) (io.Reader, error){
		".gz": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		".br": func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	}
	counts := map[string]int{}
	require.NoError(t, filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := filepath.Ext(p)
		decode, ok := decoders[ext]
		if !ok {
			return nil
		}
		packed, err := os.ReadFile(p)
		require.NoError(t, err)
		plain, err := os.ReadFile(strings.TrimSuffix(p, ext))
		require.NoError(t, err, "%s has its file beside it", p)
		r, err := decode(bytes.NewReader(packed))
		require.NoError(t, err, p)
		got, err := io.ReadAll(r)
		require.NoError(t, err, p)
		assert.True(t, bytes.Equal(plain, got), "%s holds its file", p)
		counts[ext]++
		return nil
	}))
	assert.Greater(t, counts[".gz"], 10, "the pages, app.wasm and the snapshots are compressed")
	assert.Equal(t, counts[".gz"], counts[".br"])
}
