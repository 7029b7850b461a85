package snapshot

import "math/bits"

// metaChunks keeps one collection's recordMetas, by position, in chunks
// that are never moved: a meta's pointer stays good, and the i-th is found
// by arithmetic. Chunks double from 16 metas to 4,096, then stay at that,
// so that a small snapshot costs little and a large one wastes at most a
// chunk. A slice of pointers beside the metas, grown by appending, left
// most of what it allocated as garbage. Not a recordBuffer: its
// chunks are the workers' batches, of any size, so that position is not
// arithmetic there; metas are only ever added here, one at a time.
type metaChunks struct {
	chunks [][]recordMeta
	n      int
}

const (
	metaFirstChunk = firstChunk                              // as recordBuffer's
	metaDoublings  = 8                                       // chunks 16, 32, ... 2,048
	metaMaxChunk   = metaFirstChunk << metaDoublings         // 4,096
	metaDoubled    = metaFirstChunk * (1<<metaDoublings - 1) // positions in the doubling chunks
)

// add keeps m as the next meta and returns where it is kept.
func (c *metaChunks) add(m recordMeta) *recordMeta {
	k, off := metaChunkOf(c.n)
	if k == len(c.chunks) {
		c.chunks = append(c.chunks, make([]recordMeta, metaChunkSize(k)))
	}
	c.n++
	c.chunks[k][off] = m
	return &c.chunks[k][off]
}

// at is the meta at position i (< the number added).
func (c *metaChunks) at(i int) *recordMeta {
	k, off := metaChunkOf(i)
	return &c.chunks[k][off]
}

func metaChunkSize(k int) int { return metaFirstChunk << min(k, metaDoublings) }

// metaChunkOf is the chunk and the place in it of position i: chunk k < 8
// holds positions from 16·(2^k − 1), and each chunk after them 4,096 more.
func metaChunkOf(i int) (k, off int) {
	if i >= metaDoubled {
		i -= metaDoubled
		return metaDoublings + i/metaMaxChunk, i % metaMaxChunk
	}
	k = bits.Len(uint(i/metaFirstChunk+1)) - 1
	return k, i - metaFirstChunk*(1<<k-1)
}
