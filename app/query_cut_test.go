package app

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The search text is cut at 100 bytes between two characters, and never
// reaches the page as invalid UTF-8.
func TestPortfolioSearchIsCutBetweenCharacters(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"short", "contoso", "contoso"},
		{"exactly 100 bytes", strings.Repeat("a", 100), strings.Repeat("a", 100)},
		{"a 2-byte character across the cut", strings.Repeat("a", 99) + "é", strings.Repeat("a", 99)},
		{"a 3-byte character across the cut", strings.Repeat("a", 98) + "€", strings.Repeat("a", 98)},
		{"a 4-byte character across the cut", strings.Repeat("a", 97) + "😀x", strings.Repeat("a", 97)},
		{"characters only", strings.Repeat("é", 60), strings.Repeat("é", 50)},
		{"invalid UTF-8", "ab\xffcd", "ab\uFFFDcd"},
		{"a truncated character", "ab\xc3", "ab\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readPortfolioQuery(url.Values{"q": {tt.in}}).q
			assert.Equal(t, tt.want, got)
			assert.True(t, utf8.ValidString(got))
			assert.LessOrEqual(t, len(got), maxSearch)
		})
	}

	Routes()
	Configure(fixtureSource(t), Catalog{}, "/")
	t.Cleanup(func() { Configure(nil, Catalog{}, "/") })
	h := &goapp.Handler{Title: "tenantatlas", Resources: Resources("/", nil)}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/s/demo/", nil)
	req.URL.RawQuery = "q=" + url.QueryEscape(strings.Repeat("a", 99)+"é")
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.True(t, utf8.Valid(rec.Body.Bytes()), "the page is valid UTF-8")
}
