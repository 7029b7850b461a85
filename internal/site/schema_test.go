package site_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/site"
	"github.com/tenantatlas/tenantatlas/schema"
)

// The server answers the schema's address under the base path, as the
// static site does, so that a snapshot's "$schema" resolves on both.
func TestServesTheSchema(t *testing.T) {
	for _, base := range []string{"/", "/atlas/"} {
		srv, err := site.New(os.DirFS(fixturesDir), base)
		require.NoError(t, err)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, base+schema.Path, nil))
		assert.Equal(t, http.StatusOK, rec.Code, base)
		assert.Equal(t, "application/schema+json", rec.Header().Get("Content-Type"))
		assert.Equal(t, string(schema.SnapshotV1), rec.Body.String())
	}
}
