package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/web"
)

// Pages link to assets by fingerprinted name, which may be cached for a
// year; the plain name still answers, revalidated.
func TestServeFingerprintedAssets(t *testing.T) {
	root := startServe(t, "/atlas/")
	require.NotEqual(t, "styles.css", web.Fingerprinted("styles.css"))
	tests := []struct {
		name, path   string
		status       int
		cacheControl string
	}{
		{"fingerprinted", "web/" + web.Fingerprinted("styles.css"), 200, "public, max-age=31536000, immutable"},
		{"plain name", "web/styles.css", 200, "no-cache"},
		{"fingerprint of another build", "web/styles.0123456789.css", 404, ""},
		{"not an asset", "web/embed.go", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, hdr, body := fetch(t, "GET", root+tt.path)
			require.Equal(t, tt.status, code)
			if tt.status == 200 {
				assert.Equal(t, tt.cacheControl, hdr.Get("Cache-Control"))
				assert.Contains(t, body, "--accent")
			}
		})
	}
	_, _, page := fetch(t, "GET", root+"s/demo/")
	assert.Contains(t, page, `href="/atlas/web/`+web.Fingerprinted("styles.css")+`"`)
}
