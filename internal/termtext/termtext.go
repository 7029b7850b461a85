// Package termtext makes text safe to print on a terminal. Snapshot data (a
// tenant's name, a member name in an error's path) and command-line input
// reach the CLI's text output; raw, an ESC could clear the screen or retitle
// the window, a newline could forge a whole `validate` line, and a bidi
// control could reorder what is read. JSON output needs none of this: its
// encoder escapes every control character already.
package termtext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape returns s with every character a terminal could act on written as
// a Go escape: C0 and C1 controls and DEL (\n, \r, \t, \x1b, \u0085),
// bidirectional controls (\u202e), line and paragraph separators, and each
// byte of invalid UTF-8 (\xff). Everything else, backslashes included, is
// left as it is, so ordinary text reads unchanged. The result holds no
// character that Unsafe reports.
func Escape(s string) string {
	i := strings.IndexFunc(s, Unsafe)
	if i < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && Unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Unsafe reports whether a terminal could act on r rather than show it.
func Unsafe(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) ||
		unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r)
}

// Safe reports whether s may be printed as it is: valid UTF-8 without an
// unsafe character. Tests of every text output use it.
func Safe(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, Unsafe) < 0
}
