package snapshot

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRecordBufferKeepsEveryRecordInOrder(t *testing.T) {
	for _, n := range []int{0, 1, firstChunk, firstChunk + 1, maxChunk, 3*maxChunk + 7} {
		var b recordBuffer[int]
		want := make([]int, 0, n)
		for i := range n {
			b.add(i)
			want = append(want, i)
		}
		got := b.join()
		if n == 0 {
			assert.Nil(t, got, "no records is a nil collection, as before any was added")
			continue
		}
		assert.Equal(t, want, got, "n=%d", n)
		assert.Len(t, got, n)
	}
}
