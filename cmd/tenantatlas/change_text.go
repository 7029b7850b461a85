package main

import (
	"strconv"
	"strings"
	"unicode"
)

// changeText makes snapshot text (a name, a message, a file name) safe for
// a terminal and for a table's layout: control characters, and characters
// that reorder or hide text, are shown escaped (\x1b, \u202e), never sent.
// Everything else is shown as given.
func changeText(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unsafeRune(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRuneToASCII(r) // e.g. '\x1b', '\u202e'
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029'
}
