package domain

// TEMPORARY: replaced by decode.go/validate.go.
import "io"

func check(r io.Reader, lim Limits) *Checked { panic("not yet implemented") }
