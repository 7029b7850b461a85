package main

import (
	"fmt"
	"io"

	"github.com/tenantatlas/tenantatlas/internal/termtext"
)

// writeLine writes one line of text output: the formatted text with every
// control character escaped (termtext.Escape), then a newline. Every text
// line that can carry snapshot data or command-line input goes through it,
// so that none can move the cursor, clear the screen or forge another line.
// format has no newline of its own.
func writeLine(w io.Writer, format string, args ...any) {
	_, _ = io.WriteString(w, termtext.Escape(fmt.Sprintf(format, args...))+"\n")
}
