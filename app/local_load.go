package app

import (
	"fmt"
	"io"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
)

// openedFile is one file the user opened, kept in this browser.
type openedFile struct {
	File        string
	GeneratedAt string // read loosely, only to order a series
	Blob        app.Value
}

// loadProgress says how far the loading of a file the user opened has got.
type loadProgress struct {
	Phase string
	// Done of Total: bytes while reading, tenants while resolving; nothing
	// to count while checking.
	Done, Total int64
}

const (
	phaseReading   = "reading"
	phaseChecking  = "checking"
	phaseResolving = "resolving"
)

// progressShownFrom is the size from which a file's loading shows a
// progress bar: a smaller file is ready before a bar would mean anything.
const progressShownFrom = 1 << 20

// localLoading is the loading state of a page of a file the user opened:
// what is happening, in a polite live region that changes once a phase,
// and how far, in a progress bar whose numbers are not read out as they
// change.
func localLoading(p loadProgress) app.UI {
	what := "Reading the file you opened in this browser…"
	bar := app.Elem("progress").ID("load-progress").Attr("aria-labelledby", "load-progress-what")
	switch p.Phase {
	case phaseReading:
		bar = bar.Attr("max", p.Total).Attr("value", p.Done).
			Attr("aria-valuetext", fmt.Sprintf("%s of %s read", megabytes(p.Done), megabytes(p.Total)))
	case phaseChecking:
		what = "Checking the records…"
		bar = bar.Attr("aria-valuetext", "checking") // no value: indeterminate
	case phaseResolving:
		what = "Working out each tenant's state…"
		bar = bar.Attr("max", p.Total).Attr("value", p.Done).
			Attr("aria-valuetext", fmt.Sprintf("%d of %d tenants", p.Done, p.Total))
	}
	return el.Div().Class("load-progress").DataSet("testid", "load-progress").Body(
		el.P().ID("load-progress-what").Class("loading").Attr("role", "status").Attr("aria-live", "polite").
			Body(el.Span().Class("spinner").Attr("aria-hidden", "true"), app.Text(what)),
		app.If(p.Phase != "" && (p.Total >= progressShownFrom || p.Phase != phaseReading), func() app.UI {
			return el.Div().Body(bar, el.P().Class("muted").Text(progressText(p)))
		}),
	)
}

// progressText is how far, as text beside the bar.
func progressText(p loadProgress) string {
	switch p.Phase {
	case phaseReading:
		return fmt.Sprintf("%s of %s read", megabytes(p.Done), megabytes(p.Total))
	case phaseResolving:
		return fmt.Sprintf("%d of %d tenants", p.Done, p.Total)
	}
	return "All " + megabytes(p.Total) + " read."
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// looseGeneratedAt is a file's generated_at, read loosely and only as far
// as it: the top-level members before it are skipped, not decoded. It
// orders the files of a local series; each is checked when its pages load,
// and one that is not a snapshot gives "" (and goes last).
func looseGeneratedAt(r io.Reader) string {
	dec := jsontext.NewDecoder(r)
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return ""
	}
	for dec.PeekKind() == '"' {
		name, err := dec.ReadToken()
		if err != nil {
			return ""
		}
		if name.String() != "generated_at" {
			if dec.SkipValue() != nil {
				return ""
			}
			continue
		}
		v, err := dec.ReadToken()
		if err != nil || v.Kind() != '"' {
			return ""
		}
		return v.String()
	}
	return ""
}
