// Package indexjson reads a sharded snapshot's index.json
// (docs/snapshot-format.md) into a domain.Portfolio, for the app in the
// browser, where encoding/json's reflection was most of the time a 5,000
// tenant portfolio took to appear.
//
// The reader is written for the one shape the site builder writes
// (internal/site/index_json.go), and is stricter than encoding/json: a
// member it does not know, a member twice, a null where the format has
// none, a number that is not an integer or out of range, are errors, never
// guesses. The file is hostile input like any other: the reader is a loop
// over the bytes with no recursion (the format's depth is fixed), so its
// time is linear and its memory bounded by the input; it never panics.
// Whatever it accepts, encoding/json reads to the same value (the
// differential test and fuzz target check it).
package indexjson

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// MaxSize bounds the input: far above a 100,000-tenant index.
const MaxSize = 256 << 20

// Error is a reason the file was not read, with the JSON path it is at.
type Error struct {
	Path   string
	Offset int
	Msg    string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("index.json at byte %d: %s", e.Offset, e.Msg)
	}
	return fmt.Sprintf("index.json %s (byte %d): %s", e.Path, e.Offset, e.Msg)
}

// Decode reads index.json.
func Decode(data []byte) (*domain.Portfolio, error) {
	if len(data) > MaxSize {
		return nil, &Error{Msg: fmt.Sprintf("the file is larger than %d bytes", MaxSize)}
	}
	d := &decoder{b: data}
	p := &domain.Portfolio{}
	if err := d.portfolio(p); err != nil {
		return nil, err
	}
	d.space()
	if d.i != len(d.b) {
		return nil, d.errf("unexpected data after the top-level object")
	}
	return p, nil
}

type decoder struct {
	b []byte
	i int
	// at is where the reader is, member names and element indexes, from
	// the top: the JSON path of an error is written from it only when
	// there is one.
	at []step
}

type step struct {
	name  []byte // a member's name, or nil for an element
	index int
}

func (d *decoder) errf(format string, args ...any) error {
	path := ""
	for _, s := range d.at {
		switch {
		case s.name == nil:
			path += "[" + strconv.Itoa(s.index) + "]"
		case path == "":
			path = string(s.name)
		default:
			path += "." + string(s.name)
		}
	}
	return &Error{Path: path, Offset: d.i, Msg: fmt.Sprintf(format, args...)}
}

func (d *decoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// peek is the next non-space byte, 0 at the end.
func (d *decoder) peek() byte {
	d.space()
	if d.i < len(d.b) {
		return d.b[d.i]
	}
	return 0
}

func (d *decoder) expect(c byte) error {
	if d.peek() != c {
		return d.errf("want %q", c)
	}
	d.i++
	return nil
}

// null consumes a null if one is next.
func (d *decoder) null() bool {
	if d.peek() == 'n' && len(d.b)-d.i >= 4 && string(d.b[d.i:d.i+4]) == "null" {
		d.i += 4
		return true
	}
	return false
}

// members calls member for each member of an object, by its index in
// names, checking that none comes twice.
func (d *decoder) members(names []string, member func(k int) error) error {
	if err := d.expect('{'); err != nil {
		return err
	}
	var seen uint64 // names are fewer than 64
	if d.peek() == '}' {
		d.i++
		return nil
	}
	for {
		key, err := d.rawString()
		if err != nil {
			return err
		}
		k := -1
		for j, n := range names {
			if string(key) == n {
				k = j
				break
			}
		}
		if k < 0 {
			return d.errf("unknown member %s", strconv.Quote(string(key)))
		}
		d.at = append(d.at, step{name: key})
		if seen&(1<<k) != 0 {
			return d.errf("the member is there twice")
		}
		seen |= 1 << k
		if err := d.expect(':'); err != nil {
			return err
		}
		if err := member(k); err != nil {
			return err
		}
		d.at = d.at[:len(d.at)-1]
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return nil
		default:
			return d.errf("want , or }")
		}
	}
}

// elements calls elem for each element of an array.
func (d *decoder) elements(elem func() error) error {
	if err := d.expect('['); err != nil {
		return err
	}
	if d.peek() == ']' {
		d.i++
		return nil
	}
	for i := 0; ; i++ {
		d.at = append(d.at, step{index: i})
		if err := elem(); err != nil {
			return err
		}
		d.at = d.at[:len(d.at)-1]
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return nil
		default:
			return d.errf("want , or ]")
		}
	}
}

// rawString is the bytes between a string's quotes, escapes and all.
func (d *decoder) rawString() ([]byte, error) {
	if d.peek() != '"' {
		return nil, d.errf("want a string")
	}
	d.i++
	start := d.i
	for d.i < len(d.b) {
		switch c := d.b[d.i]; {
		case c == '"':
			d.i++
			return d.b[start : d.i-1], nil
		case c == '\\':
			d.i += 2
		case c < 0x20:
			return nil, d.errf("a control character in a string")
		default:
			d.i++
		}
	}
	return nil, d.errf("the string does not end")
}

// common are the strings most rows repeat (states, reasons, kinds): they
// are shared rather than allocated once a row.
var common = map[string]string{}

func init() {
	for _, s := range []string{
		string(domain.DataValid), "invalid", "quarantined",
		string(domain.PostureAbsent), string(domain.PostureStale), string(domain.PostureDegraded), string(domain.PostureHealthy),
		string(domain.OverviewWeakened), string(domain.OverviewUnvalidated), string(domain.OverviewNoRecentIssuesVisible),
		string(snapshot.ReachSnapshot), string(snapshot.ReachRecord), string(snapshot.ReachTenant),
		string(snapshot.CapBackupView), string(snapshot.CapRestoreView), string(snapshot.CapEvidenceView),
	} {
		common[s] = s
	}
}

// str reads a string, decoding its escapes the way encoding/json does:
// invalid UTF-8 and lone surrogates become U+FFFD.
func (d *decoder) str() (string, error) {
	raw, err := d.rawString()
	if err != nil {
		return "", err
	}
	plain, ascii := true, true
	for _, c := range raw {
		if c == '\\' {
			plain = false
			break
		}
		ascii = ascii && c < utf8.RuneSelf
	}
	if plain && (ascii || utf8.Valid(raw)) {
		if s, ok := common[string(raw)]; ok {
			return s, nil
		}
		return string(raw), nil
	}
	s, ok := unquote(raw)
	if !ok {
		return "", d.errf("an invalid escape in a string")
	}
	return s, nil
}

func unquote(raw []byte) (string, bool) {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\':
			if i+1 >= len(raw) {
				return "", false
			}
			switch e := raw[i+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := hex4(raw[i+2:])
				if !ok {
					return "", false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					// A pair is two escapes; anything else is a lone
					// surrogate, which encoding/json reads as U+FFFD.
					if len(raw)-i >= 6 && raw[i] == '\\' && raw[i+1] == 'u' {
						if r2, ok := hex4(raw[i+2:]); ok {
							if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
								out = utf8.AppendRune(out, pair)
								i += 6
								continue
							}
						}
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				return "", false
			}
			i += 2
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			out = utf8.AppendRune(out, r) // RuneError for an invalid byte
			i += size
		}
	}
	return string(out), true
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

func (d *decoder) optStr() (*string, error) {
	if d.null() {
		return nil, nil
	}
	s, err := d.str()
	return &s, err
}

// integer reads an integer in JSON's grammar (no fraction, no exponent)
// within int64.
func (d *decoder) integer() (int64, error) {
	d.space()
	start := d.i
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	digits := d.i
	for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
		d.i++
	}
	n := d.i - digits
	if n == 0 || (n > 1 && d.b[digits] == '0') {
		return 0, d.errf("want an integer")
	}
	if d.i < len(d.b) {
		if c := d.b[d.i]; c == '.' || c == 'e' || c == 'E' {
			return 0, d.errf("want an integer, not a fraction")
		}
	}
	v, err := strconv.ParseInt(string(d.b[start:d.i]), 10, 64)
	if err != nil {
		return 0, d.errf("the integer is out of range")
	}
	return v, nil
}

func (d *decoder) optInteger() (*int64, error) {
	if d.null() {
		return nil, nil
	}
	v, err := d.integer()
	return &v, err
}

// optTime reads an RFC 3339 instant as time.Time's own JSON reader does:
// from the bytes between the quotes, escapes not decoded.
func (d *decoder) optTime() (*time.Time, error) {
	if d.null() {
		return nil, nil
	}
	raw, err := d.rawString()
	if err != nil {
		return nil, err
	}
	var t time.Time
	if err := t.UnmarshalText(raw); err != nil {
		return nil, d.errf("not an RFC 3339 instant")
	}
	return &t, nil
}

func (d *decoder) strings() ([]string, error) {
	if d.null() {
		return nil, nil
	}
	out := []string{}
	err := d.elements(func() error {
		s, err := d.str()
		out = append(out, s)
		return err
	})
	return out, err
}

// key, optKey and keys read the domain's typed state keys: any string, as
// encoding/json reads them; the domain's rules gave them their values.
func key[T ~string](d *decoder) (T, error) {
	s, err := d.str()
	return T(s), err
}

func optKey[T ~string](d *decoder) (*T, error) {
	if d.null() {
		return nil, nil
	}
	s, err := key[T](d)
	return &s, err
}

func keys[T ~string](d *decoder) ([]T, error) {
	if d.null() {
		return nil, nil
	}
	out := []T{}
	err := d.elements(func() error {
		s, err := key[T](d)
		out = append(out, s)
		return err
	})
	return out, err
}

var portfolioNames = []string{"schema_version", "generated_at", "name", "viewer", "errors", "errors_omitted", "tenants"}

func (d *decoder) portfolio(p *domain.Portfolio) error {
	return d.members(portfolioNames, func(k int) (err error) {
		switch k {
		case 0:
			var v int64
			v, err = d.integer()
			p.SchemaVersion = int(v)
		case 1:
			p.GeneratedAt, err = d.str()
		case 2:
			p.Name, err = d.str()
		case 3:
			p.Viewer, err = d.viewer()
		case 4:
			p.Errors, err = d.problems()
		case 5:
			var v int64
			v, err = d.integer()
			p.ErrorsOmitted = int(v)
		case 6:
			p.Tenants, err = d.tenants()
		}
		return err
	})
}

func (d *decoder) viewer() (*snapshot.Viewer, error) {
	if d.null() {
		return nil, nil
	}
	v := &snapshot.Viewer{}
	err := d.members([]string{"name", "capabilities"}, func(k int) (err error) {
		if k == 0 {
			v.Name, err = d.str()
			return err
		}
		caps, err := d.strings()
		if caps != nil {
			v.Capabilities = make([]snapshot.Capability, len(caps))
			for i, c := range caps {
				v.Capabilities[i] = snapshot.Capability(c)
			}
		}
		return err
	})
	return v, err
}

var problemNames = []string{"path", "tenant_id", "code", "message", "reach"}

func (d *decoder) problems() (snapshot.Problems, error) {
	if d.null() {
		return nil, nil
	}
	ps := snapshot.Problems{}
	err := d.elements(func() error {
		var p snapshot.Problem
		err := d.members(problemNames, func(k int) (err error) {
			switch k {
			case 0:
				p.Path, err = d.str()
			case 1:
				p.TenantID, err = d.optInteger()
			case 2:
				p.Code, err = d.str()
			case 3:
				p.Message, err = d.str()
			case 4:
				var s string
				s, err = d.str()
				p.Reach = snapshot.Reach(s)
			}
			return err
		})
		ps = append(ps, p)
		return err
	})
	return ps, err
}

var tenantNames = []string{"id", "name", "backup_freshness_hours", "file", "portfolio"}

func (d *decoder) tenants() ([]domain.PortfolioTenant, error) {
	if d.null() {
		return nil, nil
	}
	// A row is about 300 bytes: one allocation for most files.
	ts := make([]domain.PortfolioTenant, 0, min(len(d.b)/300+1, 1<<20))
	err := d.elements(func() error {
		ts = append(ts, domain.PortfolioTenant{})
		t := &ts[len(ts)-1]
		return d.members(tenantNames, func(k int) (err error) {
			switch k {
			case 0:
				t.ID, err = d.integer()
			case 1:
				t.Name, err = d.str()
			case 2:
				t.BackupFreshnessHours, err = d.integer()
			case 3:
				t.File, err = d.str()
			case 4:
				err = d.row(&t.Row)
			}
			return err
		})
	})
	return ts, err
}

var rowNames = []string{"data_status", "backup_posture", "overview_state", "latest_relevant_restore_run_id",
	"latest_relevant_attention_state", "primary_reason", "needs_attention_kinds", "needs_attention",
	"latest_backup_at", "latest_relevant_restore_at"}

func (d *decoder) row(r *domain.PortfolioRow) error {
	return d.members(rowNames, func(k int) (err error) {
		switch k {
		case 0:
			r.DataStatus, err = key[domain.DataStatus](d)
		case 1:
			r.BackupPosture, err = optKey[domain.Posture](d)
		case 2:
			r.OverviewState, err = optKey[domain.OverviewState](d)
		case 3:
			r.LatestRelevantRestoreRunID, err = d.optInteger()
		case 4:
			r.LatestRelevantAttentionState, err = optKey[domain.AttentionState](d)
		case 5:
			r.PrimaryReason, err = optKey[domain.PostureReason](d)
		case 6:
			r.NeedsAttentionKinds, err = keys[domain.NeedsAttentionKind](d)
		case 7:
			var v int64
			v, err = d.integer()
			r.NeedsAttention = int(v)
		case 8:
			r.LatestBackupAt, err = d.optTime()
		case 9:
			r.LatestRelevantRestoreAt, err = d.optTime()
		}
		return err
	})
}
