package site_test

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/internal/site"
)

// countingFS counts the opens of each file: a decode of a snapshot opens
// its file once.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// N simultaneous first requests for the pages of one snapshot read and
// decode it once, and every one of them is answered.
func TestConcurrentFirstRequestsDecodeOnce(t *testing.T) {
	const n = 40
	fsys := &countingFS{FS: os.DirFS(fixturesDir), opens: map[string]int{}}
	app.Routes()
	srv, err := site.New(fsys, "/", site.ShardAbove(-1))
	require.NoError(t, err)
	fsys.mu.Lock()
	before := fsys.opens["demo.json"]
	fsys.mu.Unlock()

	var ok atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			rec := httptest.NewRecorder()
			p := "/s/demo/"
			if i%2 == 1 {
				p = "/s/demo/tenants/1"
			}
			srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
			if rec.Code == http.StatusOK {
				ok.Add(1)
			}
		})
	}
	close(start)
	wg.Wait()
	assert.Equal(t, int64(n), ok.Load(), "every request is answered")
	fsys.mu.Lock()
	defer fsys.mu.Unlock()
	assert.Equal(t, 1, fsys.opens["demo.json"]-before, "one read and one decode for %d simultaneous first requests", n)
}
