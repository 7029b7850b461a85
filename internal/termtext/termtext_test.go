package termtext_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/tenantatlas/tenantatlas/internal/termtext"
)

func TestEscape(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Contoso Ltd", "Contoso Ltd"},
		{"non-ASCII letters", "Fabrikam Österreich – 東京", "Fabrikam Österreich – 東京"},
		{"backslash and quotes stay", `a\b "c"`, `a\b "c"`},
		{"emoji with joiner", "👩‍💻", "👩‍💻"},
		{"clear screen", "\x1b[2JContoso", `\x1b[2JContoso`},
		{"newline forging a line", "x\ndemo.json: tenants[0]: forged", `x\ndemo.json: tenants[0]: forged`},
		{"carriage return", "a\rb", `a\rb`},
		{"tab", "a\tb", `a\tb`},
		{"NUL and DEL", "a\x00b\x7f", `a\x00b\x7f`},
		{"bell and backspace", "\a\b", `\x07\x08`},
		{"C1 controls", "a\u0085b\u009bc", `a\u0085b\u009bc`},
		{"bidi override", "abc\u202edcba", `abc\u202edcba`},
		{"bidi isolates and marks", "\u2066x\u2069\u200e\u061c", `\u2066x\u2069\u200e\u061c`},
		{"line and paragraph separators", "a\u2028b\u2029c", `a\u2028b\u2029c`},
		{"invalid UTF-8", "a\xffb\xc3", `a\xffb\xc3`},
		{"OSC title", "\x1b]0;owned\x07", `\x1b]0;owned\x07`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := termtext.Escape(tt.in)
			assert.Equal(t, tt.want, got)
			assert.True(t, termtext.Safe(got))
		})
	}
}

// Whatever the input, the output is safe, on one line, and unchanged when
// the input was safe already.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "Contoso", "\x1b[2J", "a\nb", "\u202e", "\xff\xfe", "\u0085", "é\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := termtext.Escape(s)
		if !termtext.Safe(got) || strings.ContainsAny(got, "\n\r") || !utf8.ValidString(got) {
			t.Fatalf("Escape(%q) = %q is not safe", s, got)
		}
		if termtext.Safe(s) && got != s {
			t.Fatalf("Escape(%q) = %q changed safe text", s, got)
		}
	})
}
