package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// shardedSource publishes every snapshot of a memSource that is not rejected
// sharded, as the site does for large ones and those it withholds records of.
type shardedSource struct {
	memSource
	shards map[string]*domain.Shards
}

func newShardedSource(t *testing.T, src memSource) *shardedSource {
	t.Helper()
	s := &shardedSource{memSource: src, shards: map[string]*domain.Shards{}}
	for name, b := range src {
		if sh, c, err := domain.Shard(bytes.NewReader(b), snapshot.Limits{}); err == nil {
			// As the site publishes it: withheld where the viewer lacks a capability.
			s.shards[name], err = WithholdShards(sh, domain.Resolve(c))
			require.NoError(t, err)
		}
	}
	return s
}

func (s *shardedSource) Sharded(name string) bool { return s.shards[name] != nil }

func (s *shardedSource) Index(name string) ([]byte, error) { return json.Marshal(s.shards[name].Index) }

func (s *shardedSource) TenantFile(name string, id int64) ([]byte, error) {
	for _, t := range s.shards[name].Tenants {
		if t.ID == id {
			return t.Snapshot, nil
		}
	}
	return nil, ErrNoSnapshot
}

// Record paths name a place in the file they were read from: in a tenant's
// file they differ from the whole snapshot's, and only they may.
var recordPaths = regexp.MustCompile(`(tenants|backup_sets|restore_runs|operation_runs|evidence_snapshots)\[\d+\]`)

var (
	startTag  = regexp.MustCompile(`<([a-z][a-z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*>`)
	attribute = regexp.MustCompile(`[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?`)
)

// canonical is a page with record paths blanked and each tag's attributes
// sorted: go-app writes them in map order.
func canonical(page string) string {
	page = recordPaths.ReplaceAllString(page, "$1[…]")
	return startTag.ReplaceAllStringFunc(page, func(tag string) string {
		m := startTag.FindStringSubmatch(tag)
		as := attribute.FindAllString(m[2], -1)
		sort.Strings(as)
		return "<" + strings.Join(append([]string{m[1]}, as...), " ") + ">"
	})
}

// TestShardedPagesMatchWholePages: every page of every shipped snapshot reads
// the same from the index and the tenant's file as from the whole snapshot.
func TestShardedPagesMatchWholePages(t *testing.T) {
	whole := fixtureSource(t)
	sharded := newShardedSource(t, whole)
	require.Greater(t, len(sharded.shards), 40)

	for name, sh := range sharded.shards {
		t.Run(name, func(t *testing.T) {
			pages := []string{"/s/" + name + "/"}
			for _, tr := range sh.Index.Tenants {
				tp := fmt.Sprintf("/s/%s/tenants/%d", name, tr.ID)
				pages = append(pages, tp, tp+"/restore-runs", tp+"/backup-sets")
				if id := tr.Row.LatestRelevantRestoreRunID; id != nil {
					pages = append(pages, fmt.Sprintf("%s/restore-runs/%d", tp, *id))
				}
			}
			pages = append(pages, fmt.Sprintf("/s/%s/tenants/%d", name, 987654321))
			want := map[string]string{}
			s := newSite(t, whole, "/")
			for _, p := range pages {
				want[p] = canonical(s.get(p))
			}
			s = newSite(t, sharded, "/")
			for _, p := range pages {
				assert.Equal(t, want[p], canonical(s.get(p)), p)
			}
		})
	}
}
