package site_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/internal/site"
)

// A page that reads a snapshot names the file its app reads first in a
// preload link, as the app asks for it; a page that reads none names none.
func TestPagesPreloadTheirSnapshot(t *testing.T) {
	app.Routes()
	preload := regexp.MustCompile(`<link rel="preload" href="([^"]*)" as="fetch" crossorigin="anonymous">`)
	tests := []struct {
		name, base, page string
		opts             []site.Option
		want             string // "" for none
	}{
		{"a tenant dashboard", "/", "s/demo/tenants/5", nil, "/snapshots/demo.json"},
		{"a portfolio under a base path", "/atlas/", "s/demo/", nil, "/atlas/snapshots/demo.json"},
		{"a sharded portfolio", "/", "s/demo/", []site.Option{site.ShardAbove(0)}, "/snapshots/demo/index.json"},
		{"the snapshots page", "/", "", nil, ""},
		{"the user's own file", "/", "s/local/", nil, ""},
		{"no such snapshot", "/", "s/nothing/", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := site.New(os.DirFS(fixturesDir), tt.base, tt.opts...)
			require.NoError(t, err)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.base+tt.page, nil))
			m := preload.FindAllStringSubmatch(rec.Body.String(), -1)
			if tt.want == "" {
				assert.Empty(t, m)
				return
			}
			require.Len(t, m, 1, "one preload link")
			assert.Equal(t, tt.want, m[0][1])
			head := regexp.MustCompile(`</head>`).FindStringIndex(rec.Body.String())
			require.NotNil(t, head)
			assert.Less(t, regexp.MustCompile(`<link rel="preload"`).FindStringIndex(rec.Body.String())[0], head[0], "in <head>")
		})
	}
}
