package web

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFingerprints(t *testing.T) {
	hashed := regexp.MustCompile(`^styles\.[0-9a-f]{10}\.css$`)
	name := Fingerprinted("styles.css")
	require.Regexp(t, hashed, name)
	orig, ok := Original(name)
	assert.True(t, ok)
	assert.Equal(t, "styles.css", orig)

	tests := []struct{ in, want string }{
		{"no-such-file.css", "no-such-file.css"},
		{"embed.go", "embed.go"}, // not an asset: never published
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Fingerprinted(tt.in))
	}
	for _, n := range []string{"styles.css", "styles.0000000000.css", "", "../styles.css"} {
		_, ok := Original(n)
		assert.False(t, ok, n)
	}
}
