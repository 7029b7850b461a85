//go:build !js

package snapshot

// Parallel decoding. The document's decoder reads each record of a
// collection as a raw value, which checks its syntax (names, UTF-8) without
// building anything, and hands records to workers a batch at a time. A
// worker decodes a batch with a decoder of its own, which names places as
// the document's decoder would (see decoder.base). Batches are merged in
// document order, so the records, their metas and their problems are what
// one decoder reading alone would have produced:
//   - a record whose fault stops decoding (values nested too deep) stops it
//     there: nothing after it is merged or reported;
//   - from a record the document's decoder cannot read as a value (a syntax
//     error, the end of the input), the document is read by one decoder
//     alone, token by token, starting from what the tee kept of it, so that
//     the problems found in it before the fault are reported, and the fault
//     itself, as a lone decoder reports them.
//
// TestParallelDecodingAgrees* and FuzzParallelDecoding hold it to that.
// WebAssembly runs on one thread, and there decoding stays sequential
// (decode_parallel_js.go).

import (
	"bytes"
	"io"
	"runtime"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
)

// parallelism is how many goroutines decode a snapshot's records.
func parallelism() int { return runtime.GOMAXPROCS(0) }

const (
	// defaultBatchBytes is the raw size of a batch of records: large enough
	// that handing one over costs nothing next to decoding it.
	defaultBatchBytes = 128 << 10
	// maxPending bounds the batches in flight, and so the raw copies held.
	maxPending = 8
)

// tee keeps the bytes the document's decoder reads, from the start of the
// record it is on.
type tee struct {
	r    io.Reader
	buf  []byte
	base int64 // the document offset of buf[0]
}

func (t *tee) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// keepFrom lets go of the bytes before off, a megabyte at a time.
func (t *tee) keepFrom(off int64) {
	if drop := off - t.base; drop > 1<<20 {
		t.buf = t.buf[:copy(t.buf, t.buf[drop:])]
		t.base = off
	}
}

// batch is records handed to a worker: their raw values, one a line.
type batch struct {
	buf   []byte
	elems []batchElem
	// What the worker decoded.
	iss   *issues
	recs  decoded
	fatal bool
	done  chan struct{}
}

type batchElem struct {
	m    *recordMeta
	base int64 // the document offset of buf[0], as the value's place tells it
}

// pipeline decodes one collection's records on the workers.
type pipeline struct {
	d       *decoder
	read    recordReader
	todo    chan *batch
	wg      sync.WaitGroup
	started int
	cur     *batch   // being filled
	pending []*batch // handed over, in document order
	// main holds the issues of the document so far, and of the batches
	// merged; meanwhile the document's decoder reports its own apart.
	main  *issues
	fatal bool
}

func (d *decoder) recordsParallel(coll string, read recordReader) error {
	p := &pipeline{d: d, read: read, todo: make(chan *batch, maxPending), main: d.iss}
	defer p.stop()
	d.iss = newIssues(p.main)
	own := d.iss
	_, err := d.array(at{field: coll, idx: -1}, "an array", func(i int) error {
		m := d.newMeta(coll, i)
		if d.tee == nil { // reading alone since a record could not be read as a value
			return d.element(m, read)
		}
		d.tee.keepFrom(m.offset)
		v, err := d.dec.ReadValue()
		if err != nil {
			return p.readAlone(m, err)
		}
		return p.add(m, d.offset()-int64(len(v)), v)
	})
	// What the document's decoder reported itself stands only if no record
	// before it stopped decoding.
	d.iss = p.main
	if ferr := p.drain(); ferr != nil {
		return ferr
	}
	p.main.take(own)
	return err
}

// add appends a record's raw value, which starts at start in the document,
// to the batch being filled.
func (p *pipeline) add(m *recordMeta, start int64, v []byte) error {
	if p.cur == nil {
		if n := len(p.d.freeBatches); n > 0 {
			p.cur, p.d.freeBatches = p.d.freeBatches[n-1], p.d.freeBatches[:n-1]
		} else {
			// Room for a batch and the record that ends it: a buffer grown
			// by appending leaves most of what it allocated as garbage.
			p.cur = &batch{buf: make([]byte, 0, p.d.batchBytes+p.d.batchBytes/2)}
		}
		p.cur.done = make(chan struct{})
	}
	b := p.cur
	b.elems = append(b.elems, batchElem{m: m, base: start - int64(len(b.buf))})
	b.buf = append(append(b.buf, v...), '\n')
	if len(b.buf) < p.d.batchBytes {
		return nil
	}
	p.handOver()
	// Merge what is done; wait when too much is in flight.
	for len(p.pending) > 0 {
		head := p.pending[0]
		if len(p.pending) < maxPending {
			select {
			case <-head.done:
			default:
				return nil
			}
		} else {
			<-head.done
		}
		if err := p.merge(); err != nil {
			return err
		}
	}
	return nil
}

// handOver gives the batch being filled to the workers, starting one if
// fewer run than may.
func (p *pipeline) handOver() {
	if p.cur == nil {
		return
	}
	if p.started < p.d.workers {
		p.started++
		p.wg.Go(p.work)
	}
	p.pending = append(p.pending, p.cur)
	p.todo <- p.cur
	p.cur = nil
}

// merge takes the first pending batch's records and issues into the
// document's decoder; errFatal if one of its records stopped decoding.
func (p *pipeline) merge() error {
	b := p.pending[0]
	p.pending = p.pending[1:]
	d := p.d
	p.main.take(b.iss)
	d.tenants.take(&b.recs.tenants)
	d.backups.take(&b.recs.backups)
	d.runs.take(&b.recs.runs)
	d.ops.take(&b.recs.ops)
	d.evidence.take(&b.recs.evidence)
	if b.fatal {
		p.fatal = true
		return errFatal
	}
	b.buf, b.elems, b.iss = b.buf[:0], b.elems[:0], nil
	d.freeBatches = append(d.freeBatches, b)
	return nil
}

// drain merges every batch, in order, until one stopped decoding.
func (p *pipeline) drain() error {
	if p.fatal {
		return errFatal
	}
	p.handOver()
	for len(p.pending) > 0 {
		<-p.pending[0].done
		if err := p.merge(); err != nil {
			return err
		}
	}
	return nil
}

// stop ends the workers, once they are done with what they hold.
func (p *pipeline) stop() {
	close(p.todo)
	p.wg.Wait()
}

// work decodes batches with a decoder of its own until there are no more.
func (p *pipeline) work() {
	w := p.d.recordDecoder()
	// The document's decoder has checked names and UTF-8 already.
	opts := []jsontext.Options{jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)}
	w.dec = jsontext.NewDecoder(bytes.NewReader(nil), opts...)
	for b := range p.todo {
		w.dec.Reset(bytes.NewReader(b.buf), opts...)
		// One chunk, of the batch's length, holds its records.
		w.reserve(b.elems[0].m.coll, len(b.elems))
		// The batch's issues; those past what the document has listed
		// already are only counted.
		w.iss = newIssues(p.main)
		for _, e := range b.elems {
			w.record, w.base = e.m, e.base
			if w.element(e.m, p.read) != nil {
				b.fatal = true
				break
			}
		}
		b.iss, w.iss = w.iss, nil
		b.recs, w.decoded = w.decoded, decoded{}
		close(b.done)
	}
}

// recordDecoder is a decoder for records read apart from the document: it
// counts the two levels above them (the document and the collection). Its
// input is checked and in memory, so it has a limitReader of its own,
// never reached: the document's is being read meanwhile.
func (d *decoder) recordDecoder() *decoder {
	return &decoder{in: &limitReader{}, maxDepth: d.maxDepth, depthBase: 2}
}

// readAlone goes on reading the document as a lone decoder would, from a
// record the document's decoder failed to read as a value: token by token,
// from the bytes the tee kept, then on from the input. The problems found
// in the record before its fault, and the fault itself, are then those a
// lone decoder reports, and so is what follows when the fault is not in
// the record itself (a number cut short by what comes after it).
func (p *pipeline) readAlone(m *recordMeta, readErr error) error {
	if err := p.drain(); err != nil {
		return err // a record before this one stopped decoding first
	}
	d := p.d
	// The new decoder is put in the state the old one was in: past the
	// document's members so far (stand-ins for their values, their names
	// for duplicates), in the collection's array past as many elements
	// (stand-ins too, which end where they end, as a value read does).
	// Then it reads from the end of the last element on, separator
	// included, and what jsontext says of a fault (its pointer, how deep,
	// at which byte) is the same.
	prefix := []byte("{")
	for _, name := range d.topNames[:len(d.topNames)-1] {
		prefix, _ = jsontext.AppendQuote(prefix, name)
		prefix = append(prefix, ":0,"...)
	}
	prefix, _ = jsontext.AppendQuote(prefix, m.coll)
	prefix = append(prefix, ":["...)
	if m.index > 0 {
		prefix = append(append(prefix, bytes.Repeat([]byte("{},"), m.index-1)...), "{}"...)
	}
	// One buffer, so that what jsontext has read ahead when it meets the
	// fault is as near as can be to what the first decoder had.
	kept := append(prefix[:len(prefix):len(prefix)], d.tee.buf[m.offset-d.tee.base:]...)
	dec := jsontext.NewDecoder(io.MultiReader(bytes.NewReader(kept), d.tee.r))
	// {, the names and values before, the collection's name, [, and the
	// elements before.
	for range 1 + 2*len(d.topNames) + 2*m.index {
		if _, err := dec.ReadToken(); err != nil {
			return d.fail(readErr) // cannot happen: the prefix is valid
		}
	}
	d.dec, d.base = dec, m.offset-int64(len(prefix))
	d.tee, d.workers = nil, 1
	return d.element(m, p.read)
}

// reserve makes room for n more records of a collection.
func (c *decoded) reserve(coll string, n int) {
	switch coll {
	case collTenants:
		c.tenants.reserve(n)
	case collBackups:
		c.backups.reserve(n)
	case collRuns:
		c.runs.reserve(n)
	case collOps:
		c.ops.reserve(n)
	case collEvidence:
		c.evidence.reserve(n)
	}
}

func (b *recordBuffer[T]) reserve(n int) {
	if cap(b.cur)-len(b.cur) >= n {
		return
	}
	if len(b.cur) > 0 {
		b.full = append(b.full, b.cur)
	}
	b.cur = make([]T, 0, n)
}

// take moves o's records to the end of b's, without copying them.
func (b *recordBuffer[T]) take(o *recordBuffer[T]) {
	if o.n == 0 {
		return
	}
	if len(b.cur) > 0 {
		b.full = append(b.full, b.cur)
	}
	b.full = append(b.full, o.full...)
	b.cur = o.cur
	b.n += o.n
	*o = recordBuffer[T]{}
}

// joinLargest joins the three largest collections into the snapshot on
// other goroutines, and returns their records where they were decoded, for
// validation to read meanwhile, and a function that waits for the joins.
// The joins copy the records into memory never touched before, which takes
// as long as validating them (docs/performance.md).
func (d *decoder) joinLargest() (chunked[RestoreRun], chunked[OperationRun], chunked[EvidenceSnapshot], func()) {
	runs, ops, evidence := d.runs.chunks(), d.ops.chunks(), d.evidence.chunks()
	var joins sync.WaitGroup
	joins.Go(func() { d.snap.RestoreRuns = d.runs.join() })
	joins.Go(func() { d.snap.OperationRuns, d.snap.EvidenceSnapshots = d.ops.join(), d.evidence.join() })
	return runs, ops, evidence, joins.Wait
}
