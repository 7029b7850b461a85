package snapshot

// recordBuffer gathers a collection's records as they are decoded, in chunks
// that are joined once at the end. Appending to one slice would grow it by a
// quarter at a time once it is large: a portfolio's restore runs (tens of
// megabytes of structs) were copied and cleared about five times over
// (docs/performance.md). Chunks start small, so a small
// snapshot costs no more than a slice would.
type recordBuffer[T any] struct {
	full [][]T
	cur  []T
	n    int
}

const (
	firstChunk = 16
	maxChunk   = 4096
)

// add appends v and returns where it is kept: a chunk is never moved or
// grown once allocated, so the pointer stays valid.
func (b *recordBuffer[T]) add(v T) *T {
	if len(b.cur) == cap(b.cur) {
		size := firstChunk
		if b.cur != nil {
			b.full = append(b.full, b.cur)
			size = min(2*cap(b.cur), maxChunk)
		}
		b.cur = make([]T, 0, size)
	}
	b.cur = append(b.cur, v)
	b.n++
	return &b.cur[len(b.cur)-1]
}

// join returns every record in the order added: the one chunk itself when
// there is only one, else one slice of exactly the right length. The buffer
// lets go of its chunks, so that they can be collected once nothing else
// holds them: kept to the end of Check, a portfolio's records were in
// memory twice at its peak. (The three largest collections' chunks are
// held until validation, which reads them while they are joined, ends.)
func (b *recordBuffer[T]) join() []T {
	full, cur, n := b.full, b.cur, b.n
	*b = recordBuffer[T]{}
	if len(full) == 0 {
		return cur
	}
	all := make([]T, 0, n)
	for i, c := range full {
		all = append(all, c...)
		full[i] = nil
	}
	return append(all, cur...)
}

// chunks are the records added so far, where they are kept: for reading
// them while join copies them (the list is the caller's own; only parallel
// decoding needs it).
func (b *recordBuffer[T]) chunks() chunked[T] {
	return append(append(chunked[T](nil), b.full...), b.cur)
}

// chunked are records in chunks, in order.
type chunked[T any] [][]T

func (c chunked[T]) len() int {
	n := 0
	for _, chunk := range c {
		n += len(chunk)
	}
	return n
}
