package site

import (
	"bytes"
	"regexp"
)

// go-app's page template loads wasm_exec.js and app.js with <script defer>,
// which run before the page is first painted; web/boot.js runs them after.
// bootFix removes go-app's two tags from <head> and names their addresses,
// in order, in boot.js's tag (data-scripts), which the handler's Scripts
// placed after them. Should go-app ever write its head otherwise, the page
// is left as go-app wrote it, and boot.js, given nothing to start, does
// nothing. Only <head> is read: no snapshot data is written there but the
// page's title and description, which go-app escapes.
var (
	goappScript = regexp.MustCompile(`<script\b[^>]*\bsrc="([^"]*/(?:wasm_exec|app)\.js)"[^>]*></script>\s*`)
	bootScript  = regexp.MustCompile(`<script\b[^>]*\bsrc="[^"]*/web/boot\.[0-9a-f]{10}\.js"`)
)

func bootFix(html []byte) []byte {
	end := bytes.Index(html, []byte("</head>"))
	if end < 0 {
		return html
	}
	head := html[:end]
	tags := goappScript.FindAllSubmatchIndex(head, -1)
	boot := bootScript.FindIndex(head)
	if len(tags) != 2 || boot == nil || tags[1][1] > boot[0] ||
		!bytes.HasSuffix(head[tags[0][2]:tags[0][3]], []byte("/wasm_exec.js")) ||
		!bytes.HasSuffix(head[tags[1][2]:tags[1][3]], []byte("/app.js")) {
		return html
	}
	out := make([]byte, 0, len(html)+32)
	out = append(out, head[:tags[0][0]]...)
	out = append(out, head[tags[0][1]:tags[1][0]]...)
	out = append(out, head[tags[1][1]:boot[0]]...)
	out = append(out, `<script data-scripts="`...)
	out = append(out, head[tags[0][2]:tags[0][3]]...)
	out = append(out, ' ')
	out = append(out, head[tags[1][2]:tags[1][3]]...)
	out = append(out, '"')
	out = append(out, head[boot[0]+len("<script"):]...)
	return append(out, html[end:]...)
}
