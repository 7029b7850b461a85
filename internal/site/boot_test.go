package site

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBootFixHandsGoAppsScriptsToBootJS(t *testing.T) {
	const boot = `<script src="/atlas/web/boot.0123456789.js" defer></script>`
	const goapp = `<script defer src="/atlas/wasm_exec.js"></script>
    <script src="/atlas/app.js" defer></script>
    `
	const handed = `<script data-scripts="/atlas/wasm_exec.js /atlas/app.js" src="/atlas/web/boot.0123456789.js" defer></script>`
	tests := []struct {
		name, html, want string
	}{
		{"go-app's head, attributes in either order",
			"<html><head><title>t</title>" + goapp + boot + "</head><body>b</body></html>",
			"<html><head><title>t</title>" + handed + "</head><body>b</body></html>"},
		{"what lies between the tags stays",
			`<head><script defer src="/wasm_exec.js"></script><link rel="x"><script defer src="/app.js"></script><meta>` + `<script defer src="/web/boot.0123456789.js"></script></head>`,
			`<head><link rel="x"><meta><script data-scripts="/wasm_exec.js /app.js" defer src="/web/boot.0123456789.js"></script></head>`},
		{"no boot.js: go-app's tags stay",
			"<head>" + goapp + "</head><body></body>", ""},
		{"only app.js: it stays",
			`<head><script defer src="/atlas/app.js"></script>` + boot + "</head>", ""},
		{"boot.js before go-app's tags: they stay",
			"<head>" + boot + goapp + "</head>", ""},
		{"app.js before wasm_exec.js: they stay",
			`<head><script defer src="/app.js"></script><script defer src="/wasm_exec.js"></script>` + boot + "</head>", ""},
		{"wasm_exec.js twice, no app.js: they stay",
			`<head><script defer src="/wasm_exec.js"></script><script defer src="/wasm_exec.js"></script>` + boot + "</head>", ""},
		{"the body is never read",
			"<head>" + boot + "</head><body>" + goapp + "</body>", ""},
		{"no head", goapp + boot, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = tt.html
			}
			assert.Equal(t, want, string(bootFix([]byte(tt.html))))
		})
	}
}
