package site

import (
	"bytes"
	"net/http"
	"regexp"
	"strconv"
)

// go-app's server encoder writes an attribute whose value is "true" as a bare
// attribute (<main data-ready>), but the page contract is data-ready="true"
// (docs/interfaces.md). readyFix restores the value on the <main> tag only. go-app
// writes the attributes of a tag in no fixed order, hence the pattern; no
// snapshot data is ever written into the <main> tag.
var mainTag = regexp.MustCompile(`<main\b[^>]*>`)
var bareReady = regexp.MustCompile(`\sdata-ready(\s|>|$)`)

func readyFix(html []byte) []byte {
	return mainTag.ReplaceAllFunc(html, func(tag []byte) []byte {
		return bareReady.ReplaceAll(tag, []byte(` data-ready="true"$1`))
	})
}

// bufferedPage holds a prerendered page so that readyFix, bootFix and
// preloadFix can run on it.
type bufferedPage struct {
	header  http.Header
	status  int
	body    bytes.Buffer
	preload string // a file the page's app reads first (preload.go)
}

func (b *bufferedPage) Header() http.Header { return b.header }
func (b *bufferedPage) WriteHeader(s int) {
	if b.status == 0 {
		b.status = s
	}
}
func (b *bufferedPage) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// flush sends the page, fixed, with the status it was given.
func (b *bufferedPage) flush(w http.ResponseWriter) {
	body := b.body.Bytes()
	if ct := b.header.Get("Content-Type"); len(ct) >= 9 && ct[:9] == "text/html" {
		body = preloadFix(bootFix(readyFix(body)), b.preload)
		b.header.Set("Content-Length", strconv.Itoa(len(body)))
	}
	for k, v := range b.header {
		w.Header()[k] = v
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(body)
}
