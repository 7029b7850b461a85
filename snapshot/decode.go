package snapshot

// The decoder reads a snapshot token by token with jsontext, the tokenizer of
// encoding/json/v2 (github.com/go-json-experiment/json, its mirror). Chosen
// over encoding/json because:
//   - it rejects duplicate member names and invalid UTF-8 by itself, which
//     encoding/json silently accepts (the last duplicate wins; bad bytes
//     become U+FFFD) — both would let a snapshot say two things at once;
//   - reading tokens lets us report every error with its JSON path and go on
//     to the next member, where Unmarshal stops at the first;
//   - no reflection: each record is read straight into its struct, which is
//     faster than encoding/json's Unmarshal and keeps the WASM build smaller.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

// collection names, as in the document and in paths.
const (
	collTenants   = "tenants"
	collBackups   = "backup_sets"
	collRuns      = "restore_runs"
	collOps       = "operation_runs"
	collEvidence  = "evidence_snapshots"
	errStopReason = "stop"
)

// recordMeta is what the decoder knows of one record whatever its faults:
// where it is, and its tenant_id when that was a valid integer.
type recordMeta struct {
	coll      string
	index     int
	offset    int64
	tenantID  int64
	hasTenant bool
	// kept reports whether the record was an object and is in the Snapshot.
	kept bool
	// faulty reports whether any problem concerns the record, listed or
	// not: its tenant is quarantined (when it has one).
	faulty bool
	// bad marks the record's own members already reported, by their slot
	// (nameSlot), so that validation does not report one fault twice. Bits,
	// not a list: a record with faults costs no allocation more than one
	// without.
	bad [nameSlots / 64]uint64
}

// mark notes a problem at a: the record has a fault, and when a names a
// member of the record itself, that member has.
func (a at) mark() {
	if a.rec == nil {
		return
	}
	a.rec.faulty = true
	if a.sub == "" && a.idx < 0 && a.field != "" {
		a.rec.markBad(a.field)
	}
}

// markBad notes a problem with the record's member name; only the format's
// own names are ever asked about.
func (m *recordMeta) markBad(name string) {
	if h := nameSlot(name); memberNames[h] == name {
		m.bad[h/64] |= 1 << (h % 64)
	}
}

// reported reports whether the record's member name already has a problem.
func (m *recordMeta) reported(name string) bool {
	h := nameSlot(name)
	return memberNames[h] == name && m.bad[h/64]&(1<<(h%64)) != 0
}

func (m *recordMeta) path() string { return m.coll + "[" + strconv.Itoa(m.index) + "]" }

// at names a place in the document for a problem; its string is built only
// when a problem is reported.
type at struct {
	rec   *recordMeta // nil at the top level
	sub   string      // e.g. "results.items" or "metadata.counts"; may be empty
	idx   int         // index within sub, or -1
	field string      // member name; may be empty
}

func (a at) String() string {
	p := ""
	if a.rec != nil {
		p = a.rec.path()
	}
	join := func(s string) {
		if s == "" {
			return
		}
		if p != "" {
			p += "."
		}
		p += s
	}
	join(a.sub)
	if a.idx >= 0 {
		p += "[" + strconv.Itoa(a.idx) + "]"
	}
	join(a.field)
	return p
}

func field(rec *recordMeta, name string) at { return at{rec: rec, idx: -1, field: name} }

// issue is a problem before its reach is known: that needs the whole document
// (the tenants may come after the records that name them).
type issue struct {
	path   string
	rec    *recordMeta // nil: the document, the viewer or a top-level member
	offset int64
	code   string
	msg    string
	reject bool // rejects the snapshot whatever the record
}

// errFatal stops decoding: the document cannot be read further.
var errFatal = errors.New("fatal")

type decoder struct {
	dec      *jsontext.Decoder
	in       *limitReader
	scratch  []byte // unquoted strings with escapes
	maxDepth int
	iss      *issues
	// workers is how many goroutines may decode records (1: this one), in
	// batches of about batchBytes.
	workers    int
	batchBytes int
	// tee keeps what the document's decoder has read of the record it is
	// on, for a record that must be read again (decode_parallel.go).
	tee *tee
	// freeBatches are batches merged, whose buffers the next collection's
	// records go into (decode_parallel.go).
	freeBatches []*batch
	// topNames are the document's member names read so far.
	topNames []string
	snap     Snapshot
	// The collections' records, until finish joins them into snap.
	decoded
	// metas holds every record's recordMeta by collection and position, a
	// chunk of them at a time rather than an allocation each (a portfolio
	// has hundreds of thousands).
	metas   map[string]*metaChunks
	strings map[string]string // interned, see intern
	// A decoder reading one record apart from the document (decode_parallel.go)
	// names places as the document's decoder would: offsets count from
	// base, pointers start with the record's own, and depth counts the two
	// levels above it.
	base      int64
	record    *recordMeta
	depthBase int
	// seenGeneratedAt and friends record what the top level had.
	seenVersion, seenGeneratedAt bool
	generatedAtOK                bool
}

// decoded holds records as they are decoded, a buffer a collection.
type decoded struct {
	tenants  recordBuffer[Tenant]
	backups  recordBuffer[BackupSet]
	runs     recordBuffer[RestoreRun]
	ops      recordBuffer[OperationRun]
	evidence recordBuffer[EvidenceSnapshot]
}

// limitReader reads at most max bytes and remembers whether there was more.
type limitReader struct {
	r        io.Reader
	max      int64
	left     int64
	exceeded bool
	err      error // the underlying reader's error other than EOF
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One byte more tells a document of exactly max bytes from a longer one.
		var one [1]byte
		n, _ := l.r.Read(one[:])
		if n > 0 {
			l.exceeded = true
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if err != nil && err != io.EOF {
		l.err = err
	}
	return n, err
}

func (d *decoder) add(a at, code, format string, args ...any) {
	if d.dropped(a) {
		return
	}
	d.iss.add(issue{
		path: a.String(), rec: a.rec, offset: d.offset(),
		code: code, msg: fmt.Sprintf(format, args...),
	})
}

// dropped notes a problem at a, and reports whether it is past those that
// can be listed: it is then only counted, and need not be written.
func (d *decoder) dropped(a at) bool {
	a.mark()
	is := issue{rec: a.rec, offset: d.offset()}
	return !d.iss.wants(is.rejects(), is.place())
}

func (d *decoder) reject(path, code, format string, args ...any) {
	var off int64
	if d.dec != nil {
		off = d.offset()
	}
	if d.iss.wants(true, off) {
		d.iss.add(issue{path: path, offset: off, code: code, msg: fmt.Sprintf(format, args...), reject: true})
	}
}

// fail turns a read error into a rejecting issue and stops decoding.
func (d *decoder) fail(err error) error {
	if err == errFatal {
		return err
	}
	switch {
	case d.in.exceeded:
		d.reject("", CodeTooLarge, "the document is larger than the limit of %d bytes", d.in.max)
	case d.in.err != nil:
		d.reject("", CodeSyntax, "reading the document failed: %v", d.in.err)
	default:
		if se := syntacticError(err); se != nil {
			se.ByteOffset += d.base
			path := d.path(se.JSONPointer)
			code := CodeSyntax
			msg := se.Err.Error()
			if errors.Is(err, jsontext.ErrDuplicateName) {
				code = CodeDuplicateMember
				msg = fmt.Sprintf("member %q appears more than once in one object", truncate(se.JSONPointer.LastToken(), 60))
			} else if errors.Is(err, io.ErrUnexpectedEOF) {
				msg = fmt.Sprintf("the document ends early, at byte %d (truncated)", se.ByteOffset)
			} else if se.Err != nil {
				msg = fmt.Sprintf("not valid JSON at byte %d: %v", se.ByteOffset, se.Err)
			}
			d.reject(path, code, "%s", msg)
		} else if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			d.reject("", CodeSyntax, "the document ends early, at byte %d (truncated)", d.offset())
		} else {
			d.reject("", CodeSyntax, "not valid JSON: %v", err)
		}
	}
	return errFatal
}

// syntacticError finds jsontext's error in err's chain. errors.As would do,
// but it brings reflection's type machinery into app.wasm, for one
// concrete type that a type assertion finds as well.
func syntacticError(err error) *jsontext.SyntacticError {
	for err != nil {
		if se, ok := err.(*jsontext.SyntacticError); ok {
			return se
		}
		err = errors.Unwrap(err)
	}
	return nil
}

// offset is where the decoder is in the document.
func (d *decoder) offset() int64 { return d.base + d.dec.InputOffset() }

// path names the place a pointer from the decoder points to, in the document.
func (d *decoder) path(p jsontext.Pointer) string {
	if d.record != nil {
		p = jsontext.Pointer("/"+d.record.coll+"/"+strconv.Itoa(d.record.index)) + p
	}
	return pointerToPath(p)
}

// pointerToPath turns an RFC 6901 pointer (/restore_runs/3/status) into our
// path syntax (restore_runs[3].status).
func pointerToPath(p jsontext.Pointer) string {
	out := ""
	for tok := range p.Tokens() {
		if _, err := strconv.Atoi(tok); err == nil && out != "" {
			out += "[" + tok + "]"
			continue
		}
		if out != "" {
			out += "."
		}
		out += tok
	}
	return out
}

// skip passes over one value of any shape, bounding its nesting.
func (d *decoder) skip() error {
	k := d.dec.PeekKind()
	if k != '{' && k != '[' {
		if _, err := d.dec.ReadToken(); err != nil {
			return d.fail(err)
		}
		return nil
	}
	base := d.dec.StackDepth()
	if _, err := d.dec.ReadToken(); err != nil {
		return d.fail(err)
	}
	// Where the skipped value starts: the place to name if it nests too deep.
	start := d.dec.StackPointer()
	for {
		depth := d.dec.StackDepth()
		if depth+d.depthBase > d.maxDepth {
			d.reject(d.path(start), CodeTooDeep, "values nest deeper than %d levels", d.maxDepth)
			return errFatal
		}
		if depth == base {
			return nil
		}
		if _, err := d.dec.ReadToken(); err != nil {
			return d.fail(err)
		}
	}
}

// peek returns the kind of the next value, or a fatal error.
func (d *decoder) peek() (jsontext.Kind, error) {
	k := d.dec.PeekKind()
	if k == 0 {
		_, err := d.dec.ReadToken()
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return 0, d.fail(err)
	}
	return k, nil
}

func kindName(k jsontext.Kind) string {
	switch k {
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "a value"
}

// wrongType skips a value of the wrong kind and reports it. Skipping first
// means a value too deep to read is reported once, as too deep.
func (d *decoder) wrongType(a at, want string, got jsontext.Kind) error {
	if err := d.skip(); err != nil {
		return err
	}
	if !d.dropped(a) {
		d.add(a, CodeWrongType, "must be %s, not %s", want, kindName(got))
	}
	return nil
}

// readInt reads an integer. ok is false when the value was null or wrong
// (reported unless null and nullable).
func (d *decoder) readInt(a at, nullable bool) (v int64, ok bool, err error) {
	k, err := d.peek()
	if err != nil {
		return 0, false, err
	}
	switch k {
	case '0':
		v, err := d.dec.ReadValue()
		if err != nil {
			return 0, false, d.fail(err)
		}
		n, ierr := parseInt(v)
		if ierr != nil {
			text := string(v)
			f, ferr := strconv.ParseFloat(text, 64)
			if ferr == nil && f == float64(int64(f)) && f < 9.2e18 && f > -9.2e18 {
				d.add(a, CodeWrongType, "must be an integer written without a fraction or exponent, not %s", text)
			} else if ferr == nil && f != float64(int64(f)) && (f > -9.2e18 && f < 9.2e18) {
				d.add(a, CodeWrongType, "must be an integer, not %s", text)
			} else {
				d.add(a, CodeOutOfRange, "the number %s is too large for an id or count", truncate(text, 40))
			}
			return 0, false, nil
		}
		return n, true, nil
	case 'n':
		if _, err := d.dec.ReadToken(); err != nil {
			return 0, false, d.fail(err)
		}
		if !nullable {
			d.add(a, CodeNull, "must not be null")
		}
		return 0, false, nil
	case '"':
		v, err := d.dec.ReadValue()
		if err != nil {
			return 0, false, d.fail(err)
		}
		d.add(a, CodeWrongType, "must be an integer, not a string (%q)", truncate(string(d.unquote(v)), 40))
		return 0, false, nil
	default:
		return 0, false, d.wrongType(a, "an integer", k)
	}
}

// parseInt reads a JSON number that jsontext has already validated as an
// int64; an error for a fraction, an exponent or a value out of range. Scalars
// are read as raw values and parsed here rather than through jsontext.Token,
// whose conversions (every JSON number form, saturation, float formatting)
// would grow app.wasm for the one form the format allows.
func parseInt(v jsontext.Value) (int64, error) {
	return strconv.ParseInt(string(v), 10, 64)
}

// rawString reads a string and returns it unquoted, without allocating: the
// bytes are valid until the next read. ok is false when null or wrong.
func (d *decoder) rawString(a at, nullable bool) (b []byte, ok bool, err error) {
	k, err := d.peek()
	if err != nil {
		return nil, false, err
	}
	switch k {
	case '"':
		v, err := d.dec.ReadValue()
		if err != nil {
			return nil, false, d.fail(err)
		}
		return d.unquote(v), true, nil
	case 'n':
		if _, err := d.dec.ReadToken(); err != nil {
			return nil, false, d.fail(err)
		}
		if !nullable {
			d.add(a, CodeNull, "must not be null")
		}
		return nil, false, nil
	default:
		return nil, false, d.wrongType(a, "a string", k)
	}
}

// maxInterned bounds the strings kept for reuse; past it, strings are
// allocated as read.
const (
	maxInterned    = 1 << 16
	maxInternedLen = 128
)

// intern returns b as a string, the same string for the same bytes. A
// backend's export repeats its texts (policy names, types, outcomes,
// messages) across every run: one copy each keeps a portfolio's memory near
// its file's size rather than a multiple of it.
func (d *decoder) intern(b []byte) string {
	if len(b) > maxInternedLen {
		return string(b)
	}
	if s, ok := d.strings[string(b)]; ok { // no allocation: map lookup by []byte
		return s
	}
	s := string(b)
	if len(d.strings) < maxInterned {
		if d.strings == nil {
			d.strings = make(map[string]string, 256)
		}
		d.strings[s] = s
	}
	return s
}

// unquote strips a valid JSON string's quotes, decoding escapes (rare) into a
// reused buffer.
func (d *decoder) unquote(v jsontext.Value) []byte {
	b := v[1 : len(v)-1]
	if bytes.IndexByte(b, '\\') < 0 {
		return b
	}
	// jsontext has validated the string, so unquoting cannot fail.
	d.scratch, _ = jsontext.AppendUnquote(d.scratch[:0], v)
	return d.scratch
}

// readString reads a string; ok is false when null or wrong.
func (d *decoder) readString(a at, nullable bool) (s string, ok bool, err error) {
	k, err := d.peek()
	if err != nil {
		return "", false, err
	}
	switch k {
	case '"':
		v, err := d.dec.ReadValue()
		if err != nil {
			return "", false, d.fail(err)
		}
		b := d.unquote(v)
		if len(b) < len(v)-2 && bytes.IndexByte(b, 0) >= 0 {
			// Only a string with escapes is shorter unquoted, and only an
			// escape (\u0000) can put a NUL in it: JSON forbids the raw byte.
			d.add(a, CodeNUL, "contains a NUL character (\\u0000), which a snapshot's text never holds")
			return "", false, nil
		}
		return d.intern(b), true, nil
	case 'n':
		if _, err := d.dec.ReadToken(); err != nil {
			return "", false, d.fail(err)
		}
		if !nullable {
			d.add(a, CodeNull, "must not be null")
		}
		return "", false, nil
	default:
		return "", false, d.wrongType(a, "a string", k)
	}
}

func (d *decoder) readBool(a at) (v, ok bool, err error) {
	k, err := d.peek()
	if err != nil {
		return false, false, err
	}
	switch k {
	case 't', 'f':
		if _, err := d.dec.ReadValue(); err != nil {
			return false, false, d.fail(err)
		}
		return k == 't', true, nil
	case 'n':
		if _, err := d.dec.ReadToken(); err != nil {
			return false, false, d.fail(err)
		}
		d.add(a, CodeNull, "must not be null")
		return false, false, nil
	case '"':
		v, err := d.dec.ReadValue()
		if err != nil {
			return false, false, d.fail(err)
		}
		d.add(a, CodeWrongType, "must be true or false, not a string (%q)", truncate(string(d.unquote(v)), 40))
		return false, false, nil
	default:
		return false, false, d.wrongType(a, "true or false", k)
	}
}

// readTime reads an RFC 3339 timestamp with an explicit offset.
func (d *decoder) readTime(a at, nullable bool) (t *time.Time, ok bool, err error) {
	b, ok, err := d.rawString(a, nullable)
	if err != nil || !ok {
		return nil, false, err
	}
	v := new(time.Time)
	if *v, err = parseTime(b); err != nil {
		d.add(a, CodeBadTimestamp, "%s", timestampMessage(b, err, "2026-04-08T23:06:00Z or 2026-04-09T01:06:00+02:00"))
		return nil, false, nil
	}
	return v, true, nil
}

func parseTimestamp(s string) (time.Time, error) { return parseTime([]byte(s)) }

// Why a timestamp that time would read is still refused.
var (
	errCommaFraction = errors.New("a fraction of a second follows a dot in RFC 3339, never a comma")
	errSubNanosecond = errors.New("its fraction of a second is finer than a nanosecond, which cannot be compared exactly: at most 9 digits (more only if they are zeros)")
	errOffset        = errors.New("offset out of range")
)

// parseTime reads an RFC 3339 timestamp with an offset, and nothing looser.
// time's parser (UnmarshalText, its strict RFC 3339 one, reading bytes
// without a copy) requires the offset (Z or ±hh:mm), but it also takes a
// comma before the fraction and an hour of one digit, and it cuts a
// fraction to nanoseconds: two instants a tenth of a nanosecond apart would
// tie, and the larger id would win where the later instant must. The form
// is checked here first; a finer fraction is refused, unless what would be
// cut is only zeros, so that every instant accepted compares exactly.
func parseTime(b []byte) (time.Time, error) {
	var t time.Time
	if err := rfc3339Form(b); err != nil {
		return t, err
	}
	if err := t.UnmarshalText(b); err != nil {
		return t, err
	}
	if !offsetOK(t) {
		return t, errOffset
	}
	return t, nil
}

var errForm = errors.New("not RFC 3339")

// rfc3339Form checks RFC 3339's date-time form (§5.6): the digits and
// separators in their places; time checks the values.
func rfc3339Form(b []byte) error {
	const form = "dddd-dd-ddTdd:dd:dd"
	if len(b) < len(form)+1 {
		return errForm
	}
	for i := range len(form) {
		c := b[i]
		switch form[i] {
		case 'd':
			if c < '0' || c > '9' {
				return errForm
			}
		case 'T':
			if c != 'T' && c != 't' {
				return errForm
			}
		default:
			if c != form[i] {
				return errForm
			}
		}
	}
	rest := b[len(form):]
	switch rest[0] {
	case ',':
		return errCommaFraction
	case '.':
		digits := 0
		for len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' {
			if digits++; digits > 9 && rest[1] != '0' {
				return errSubNanosecond
			}
			rest = rest[1:]
		}
		if digits == 0 {
			return errForm
		}
		rest = rest[1:]
	}
	switch {
	case len(rest) == 1 && (rest[0] == 'Z' || rest[0] == 'z'):
		return nil
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
		isDigits(rest[1:3]) && isDigits(rest[4:6]):
		return nil
	}
	return errForm
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// timestampMessage says why b is not a timestamp the format accepts.
func timestampMessage(b []byte, err error, example string) string {
	q := truncate(string(b), 60)
	switch err {
	case errCommaFraction, errSubNanosecond:
		return fmt.Sprintf("%q is not accepted: %v", q, err)
	}
	return fmt.Sprintf("%q is not an RFC 3339 timestamp with an offset (e.g. %s)", q, example)
}

// offsetOK rejects an offset of 24 hours or more, which time accepts but
// RFC 3339 does not (hh is 00 to 23).
func offsetOK(t time.Time) bool {
	_, off := t.Zone()
	return off > -24*3600 && off < 24*3600
}

// readEnum reads a string that must be one of allowed.
// The value returned is the one in allowed: nothing is allocated per value.
func (d *decoder) readEnum(a at, what string, allowed []string) (string, bool, error) {
	b, ok, err := d.rawString(a, false)
	if err != nil || !ok {
		return "", false, err
	}
	for _, v := range allowed {
		if string(b) == v {
			return v, true, nil
		}
	}
	if !d.dropped(a) {
		d.add(a, CodeBadEnum, "%s", enumMessage(what, truncate(string(b), 60), allowed))
	}
	return "", false, nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// object reads an object member by member, calling member for each name. A
// value that is not an object is reported (wrong) and skipped: ok is false.
func (d *decoder) object(a at, want string, member func(name string) error) (ok bool, err error) {
	k, err := d.peek()
	if err != nil {
		return false, err
	}
	if k != '{' {
		if k == 'n' {
			if _, err := d.dec.ReadToken(); err != nil {
				return false, d.fail(err)
			}
			d.add(a, CodeNull, "must be %s, not null", want)
			return false, nil
		}
		return false, d.wrongType(a, want, k)
	}
	if err := d.open(); err != nil {
		return false, err
	}
	for {
		k, err := d.peek()
		if err != nil {
			return false, err
		}
		if k == '}' {
			if _, err := d.dec.ReadToken(); err != nil {
				return false, d.fail(err)
			}
			return true, nil
		}
		v, err := d.dec.ReadValue() // a name: jsontext checks it is not a duplicate
		if err != nil {
			if se := syntacticError(err); se != nil && !errors.Is(err, jsontext.ErrDuplicateName) {
				se.JSONPointer = d.objectPointer()
			}
			return false, d.fail(err)
		}
		if err := member(d.memberName(v)); err != nil {
			return false, err
		}
	}
}

// objectPointer points to the object whose member name is being read. For a
// fault where a name should be (but a duplicate, which it names rightly),
// jsontext's own pointer ends in a name taken from wherever its buffer then
// holds one: a place that is not in the document, and changes with what
// came before it.
func (d *decoder) objectPointer() jsontext.Pointer {
	p := d.dec.StackPointer() // the object itself, or its last member's value
	if _, n := d.dec.StackIndex(d.dec.StackDepth()); n > 0 {
		p = p.Parent()
	}
	return p
}

// open reads the '{' or '[' that starts a value the format defines. The format
// nests five levels at most, so this check only bites with a small MaxDepth;
// skip checks the values that are read without being understood.
func (d *decoder) open() error {
	if _, err := d.dec.ReadToken(); err != nil {
		return d.fail(err)
	}
	if d.dec.StackDepth()+d.depthBase > d.maxDepth {
		d.reject(d.path(d.dec.StackPointer()), CodeTooDeep, "values nest deeper than %d levels", d.maxDepth)
		return errFatal
	}
	return nil
}

// memberNames are the names the format defines, each in the slot nameSlot
// gives it, so that finding one is a sum and a comparison: a map hashes
// every member of every record, and a switch over the names is larger
// WebAssembly (docs/performance.md).
var memberNames = func() (slots [nameSlots]string) {
	for _, n := range [...]string{
		"schema_version", "generated_at", "name", "viewer", "capabilities",
		collTenants, collBackups, collRuns, collOps, collEvidence,
		"id", "tenant_id", "backup_freshness_hours", "status", "started_at",
		"completed_at", "item_count", "failed_item_count", "backup_set_id",
		"is_dry_run", "created_at", "operation_run_id", "results", "metadata",
		"items", "foundations", "assignments", "type", "outcome", "message",
		"counts", "non_applied", "scope_basis", "total", "applied", "partial",
		"failed", "skipped", "reason", "captured_at", "expires_at",
	} {
		h := nameSlot([]byte(n))
		if slots[h] != "" {
			panic("domain: member names " + slots[h] + " and " + n + " share a slot")
		}
		slots[h] = n
	}
	return slots
}()

// nameSlot places a name by its length and its first and last bytes: for
// the format's names, a different slot each (checked as they are placed).
func nameSlot[T ~string | ~[]byte](b T) int {
	if len(b) == 0 {
		return 0
	}
	return (len(b)*9 + int(b[0])*20 + int(b[len(b)-1])) & (nameSlots - 1)
}

const nameSlots = 128 // a power of two

// memberName is a member's name: for a name the format defines, the
// program's own string, with no allocation.
func (d *decoder) memberName(v jsontext.Value) string {
	b := d.unquote(v)
	if s := memberNames[nameSlot(b)]; s == string(b) {
		return s
	}
	return string(b)
}

// array reads an array element by element. null is reported as null.
func (d *decoder) array(a at, want string, elem func(i int) error) (ok bool, err error) {
	k, err := d.peek()
	if err != nil {
		return false, err
	}
	if k == 'n' {
		if _, err := d.dec.ReadToken(); err != nil {
			return false, d.fail(err)
		}
		d.add(a, CodeNull, "must be %s, not null", want)
		return false, nil
	}
	if k != '[' {
		return false, d.wrongType(a, want, k)
	}
	if err := d.open(); err != nil {
		return false, err
	}
	for i := 0; ; i++ {
		k, err := d.peek()
		if err != nil {
			return false, err
		}
		if k == ']' {
			if _, err := d.dec.ReadToken(); err != nil {
				return false, d.fail(err)
			}
			return true, nil
		}
		if err := elem(i); err != nil {
			return false, err
		}
	}
}

// unknown reports a member the format does not define and skips its value. A
// typo such as is_dryrun must never pass silently.
func (d *decoder) unknown(a at, name string) error {
	if err := d.skip(); err != nil {
		return err
	}
	a.field = name
	if !d.dropped(a) {
		d.add(a, CodeUnknownMember, "unknown member %q", truncate(name, 60))
	}
	return nil
}

// missing reports a required member that is absent.
func (d *decoder) missing(a at, name string) {
	a.field = name
	off := int64(0)
	if a.rec != nil {
		off = a.rec.offset
	}
	a.mark()
	is := issue{rec: a.rec, offset: off, reject: a.rec == nil}
	if !d.iss.wants(is.rejects(), is.place()) {
		return
	}
	is.path, is.code, is.msg = a.String(), CodeMissing, fmt.Sprintf("required member %q is missing", name)
	d.iss.add(is)
}
