package site

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/domain"
)

// DefaultShardAbove is the snapshot size above which the site publishes a
// snapshot sharded (docs/snapshot-format.md): index.json and one file per tenant.
// Below it one file is quicker to fetch than two.
const DefaultShardAbove = 1 << 20

// Option adjusts New.
type Option func(*Server)

// ShardAbove publishes the snapshots larger than n bytes sharded; 0 shards
// every snapshot that is not rejected (tests use it to prove both forms
// render alike), a negative n none.
func ShardAbove(n int64) Option { return func(s *Server) { s.shardAbove = n } }

// shardCache splits each sharded snapshot once.
type shardCache struct {
	mu     sync.Mutex
	shards map[string]*domain.Shards
}

// Sharded lists the snapshots the site publishes sharded: larger than the
// threshold, and not rejected (a rejected snapshot is shown whole: it is
// its errors).
func (s *Server) Sharded() []string {
	var names []string
	for _, name := range s.src.Names() {
		if s.shardAbove < 0 {
			break
		}
		b, err := s.src.Snapshot(name)
		if err != nil || int64(len(b)) <= s.shardAbove && s.shardAbove > 0 {
			continue
		}
		if s.shards(name) != nil {
			names = append(names, name)
		}
	}
	return names
}

// shards splits the snapshot name, nil when it cannot be (rejected).
func (s *Server) shards(name string) *domain.Shards {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if sh, ok := s.cache.shards[name]; ok {
		return sh
	}
	var sh *domain.Shards
	if b, err := s.src.Snapshot(name); err == nil {
		sh, _, _ = domain.Shard(bytes.NewReader(b), domain.Limits{})
	}
	if s.cache.shards == nil {
		s.cache.shards = map[string]*domain.Shards{}
	}
	s.cache.shards[name] = sh
	return sh
}

// shardFile is the bytes of rel ("index.json" or "tenants/{id}.json") of a
// sharded snapshot; false when there is no such file.
func (s *Server) shardFile(name, rel string) ([]byte, bool) {
	if !s.isSharded(name) {
		return nil, false
	}
	sh := s.shards(name)
	if rel == "index.json" {
		b, err := marshalIndex(sh.Index)
		return b, err == nil
	}
	idText, ok := strings.CutPrefix(rel, "tenants/")
	if idText, ok = strings.CutSuffix(idText, ".json"); !ok {
		return nil, false
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || strconv.FormatInt(id, 10) != idText {
		return nil, false
	}
	for _, t := range sh.Tenants {
		if t.ID == id {
			return t.Snapshot, true
		}
	}
	return nil, false
}

func (s *Server) isSharded(name string) bool {
	for _, n := range s.sharded {
		if n == name {
			return true
		}
	}
	return false
}

// serveShard answers /snapshots/{name}/index.json and
// /snapshots/{name}/tenants/{id}.json.
func (s *Server) serveShard(w http.ResponseWriter, r *http.Request, name, rel string) {
	b, ok := s.shardFile(name, rel)
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}

// shardedEnv is app.ShardedEnv's value for go-app's Handler.Env.
func shardedEnv(names []string) map[string]string {
	return map[string]string{app.ShardedEnv: strings.Join(names, ",")}
}
