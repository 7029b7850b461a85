package snapshot

import (
	"bytes"
	"math/big"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Timestamps compare exactly, or are refused: time keeps nanoseconds, so a
// finer fraction would be cut, and two instants apart would tie.

func TestParseTimeRefusesWhatCannotCompareExactly(t *testing.T) {
	tests := []struct {
		in   string
		want error // nil: accepted
	}{
		{"2026-04-08T23:06:00Z", nil},
		{"2026-04-08T23:06:00.5Z", nil},
		{"2026-04-08T23:06:00.123456789Z", nil},
		{"2026-04-08T23:06:00.123456789000000Z", nil}, // only zeros are cut
		{"2026-04-08T23:06:00.0000000000+02:00", nil},
		{"2026-04-08T23:06:00.0000000001Z", errSubNanosecond},
		{"2026-04-08T23:06:00.1234567891Z", errSubNanosecond},
		{"2026-04-08T23:06:00.000000000000000000000000000001Z", errSubNanosecond},
		{"2026-04-08T23:06:00,5Z", errCommaFraction},
		{"2026-04-08T23:06:00,Z", errCommaFraction},
		{"2026-04-08T23:06:00+24:00", errOffset},
		{"0000-01-01T0:00:00Z", errForm}, // time takes an hour of one digit
		{"2026-04-08T23:06:00.Z", errForm},
		{"2026-04-08T23:06:00+0200", errForm},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := parseTime([]byte(tt.in))
			if tt.want == nil {
				assert.NoError(t, err)
			} else {
				assert.Equal(t, tt.want, err)
			}
		})
	}
}

// rfc3339 is RFC 3339's date-time (§5.6), the reference parseTime is held to.
var rfc3339 = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$`)

// exactInstant is a timestamp as an exact number of seconds since 1970, by
// arbitrary precision: nothing cut.
func exactInstant(s string) (*big.Rat, bool) {
	m := rfc3339.FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	secs := time.Date(n(1), time.Month(n(2)), n(3), n(4), n(5), n(6), 0, time.UTC).Unix()
	if m[8] != "" {
		off := int64(n(9)*3600 + n(10)*60)
		if m[8] == "+" {
			off = -off
		}
		secs += off
	}
	r := new(big.Rat).SetInt64(secs)
	if m[7] != "" {
		frac, _ := new(big.Rat).SetString("0." + m[7])
		r.Add(r, frac)
	}
	return r, true
}

// FuzzTimestampOrder: every timestamp parseTime accepts is RFC 3339, and any
// two accepted compare as their exact instants do: never a tie where they
// differ, never an order changed by a cut.
func FuzzTimestampOrder(f *testing.F) {
	f.Add("2026-04-08T23:06:00.0000000001Z", "2026-04-08T23:06:00Z")
	f.Add("2026-04-08T23:06:00.999999999999Z", "2026-04-08T23:06:01Z")
	f.Add("2026-04-08T23:06:00,5Z", "2026-04-08T23:06:00.5Z")
	f.Add("2026-04-09T01:06:00.000000000000+02:00", "2026-04-08T23:06:00Z")
	f.Add("2026-04-08t23:06:00.1z", "2026-04-08T23:06:00.100000000-00:00")
	f.Fuzz(func(t *testing.T, a, b string) {
		ta, errA := parseTime([]byte(a))
		tb, errB := parseTime([]byte(b))
		for _, c := range []struct {
			s   string
			err error
		}{{a, errA}, {b, errB}} {
			if c.err != nil {
				continue
			}
			if _, ok := exactInstant(c.s); !ok {
				t.Fatalf("%q accepted, but it is not RFC 3339", c.s)
			}
			if bytes.ContainsRune([]byte(c.s), ',') {
				t.Fatalf("%q accepted with a comma", c.s)
			}
		}
		if errA != nil || errB != nil {
			return
		}
		ea, _ := exactInstant(a)
		eb, _ := exactInstant(b)
		if got, want := ta.Compare(tb), ea.Cmp(eb); got != want {
			t.Fatalf("%q vs %q: compared %d, exactly %d", a, b, got, want)
		}
	})
}
