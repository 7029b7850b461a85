package snapshot

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// metaChunks finds every meta where it was kept, across the doubling
// chunks and the fixed ones after them, and never moves one.
func TestMetaChunksKeepEveryMetaInPlace(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 47, 48, metaDoubled - 1, metaDoubled, metaDoubled + 1, metaDoubled + metaMaxChunk, 3*metaMaxChunk + 5} {
		var c metaChunks
		kept := make([]*recordMeta, n)
		for i := range n {
			kept[i] = c.add(recordMeta{index: i})
		}
		for i := range n {
			require.Same(t, kept[i], c.at(i), "n %d, position %d", n, i)
			assert.Equal(t, i, c.at(i).index, "n %d", n)
		}
		allocated := 0
		for _, ch := range c.chunks {
			allocated += len(ch)
		}
		assert.Less(t, allocated-n, max(metaMaxChunk, n), "n %d: %d allocated", n, allocated)
	}
}
