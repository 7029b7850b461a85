package site_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/site"
)

// A base path is written into every link of every page: only safe segments
// pass, and anything else is refused with a sentence, never cleaned up into
// something the user did not ask for.
func TestCheckBase(t *testing.T) {
	tests := []struct {
		in, want string // want "" for refused
	}{
		{"", "/"},
		{"/", "/"},
		{"atlas", "/atlas/"},
		{"/atlas", "/atlas/"},
		{"/atlas/", "/atlas/"},
		{"atlas/", "/atlas/"},
		{"/team/atlas-2.1_x~y/", "/team/atlas-2.1_x~y/"},
		{"/v1.2/", "/v1.2/"},
		// The probe's inputs.
		{`/"><script>alert(1)</script>/`, ""},
		{`/\evil.example/`, ""},
		{"../", ""},
		// And their kin.
		{"//evil.example/", ""},
		{"///", ""},
		{"/a//b/", ""},
		{"/./", ""},
		{"/a/../b/", ""},
		{"/.../", ""},
		{"/a b/", ""},
		{"/a%2fb/", ""},
		{"/a?x=1/", ""},
		{"/a#frag/", ""},
		{"/a'b/", ""},
		{"/a<b/", ""},
		{"/a\x1b[2Jb/", ""},
		{"/a\nb/", ""},
		{"/a\x00b/", ""},
		{"/ätlas/", ""},
		{"/\u202eatlas/", ""},
		{"https://evil.example/", ""},
		{"/web/", ""},
		{"/web/x/", ""},
		{"/" + string(make([]byte, 300)) + "/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := site.CheckBase(tt.in)
			if tt.want == "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), "base path")
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// Whatever is given, CheckBase accepts only a path that needs no escaping
// anywhere it is written, and that normalises to itself.
func FuzzCheckBase(f *testing.F) {
	for _, s := range []string{"/", "/atlas/", `/"><script>/`, `/\evil/`, "../", "//x/", "/a/./b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := site.CheckBase(in)
		if err != nil {
			return
		}
		assert.Regexp(t, `^/([A-Za-z0-9._~-]+/)*$`, got)
		assert.NotContains(t, got, "//")
		assert.NotContains(t, got, "/../")
		assert.NotContains(t, got, "/./")
		again, err := site.CheckBase(got)
		require.NoError(t, err)
		assert.Equal(t, got, again)
	})
}

// New and Build refuse such a base path before anything is written.
func TestBuildRefusesAnUnsafeBasePath(t *testing.T) {
	_, err := site.New(os.DirFS(fixturesDir), `/"><script>alert(1)</script>/`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "invalid base path")
}
