package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
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
	// index is each index.json, written once: not once a request, which
	// would cost its size for every visitor at the same time.
	index map[string][]byte
	// withholdErr is the first snapshot whose records could not be
	// withheld: New refuses to publish it at all rather than whole.
	withholdErr error
}

// Sharded lists the snapshots the site publishes sharded: those larger than
// the threshold, and those whose viewer lacks a capability (whose records
// are published withheld: app.WithholdShards), unless rejected (a rejected
// snapshot is shown whole: it is its errors).
func (s *Server) Sharded() []string {
	var names []string
	for _, name := range s.src.Names() {
		b, err := s.src.Snapshot(name)
		if err != nil {
			continue
		}
		large := s.shardAbove >= 0 && (int64(len(b)) > s.shardAbove || s.shardAbove == 0)
		if !large && !mayWithhold(b) {
			continue
		}
		if sh := s.shards(name); sh != nil && (large || app.Withholds(sh.Index)) {
			names = append(names, name)
		}
	}
	return names
}

// mayWithhold reads the viewer loosely, to spare a strict decode of a
// snapshot whose viewer holds every capability: false only when it has no
// viewer or one that names all three.
func mayWithhold(b []byte) bool {
	var doc struct {
		Viewer *struct {
			Capabilities []string `json:"capabilities"`
		} `json:"viewer"`
	}
	if json.Unmarshal(b, &doc) != nil {
		return true
	}
	if doc.Viewer == nil {
		return false
	}
	for _, c := range []snapshot.Capability{snapshot.CapBackupView, snapshot.CapRestoreView, snapshot.CapEvidenceView} {
		if !slices.Contains(doc.Viewer.Capabilities, string(c)) {
			return true
		}
	}
	return false
}

// large reports whether name is sharded for its size: its pages beyond the
// portfolio are rendered in the browser. One sharded only to withhold
// records is prerendered whole, from the records the server keeps.
func (s *Server) large(name string) bool {
	if !s.isSharded(name) || s.shardAbove < 0 {
		return false
	}
	b, err := s.src.Snapshot(name)
	return err == nil && (s.shardAbove == 0 || int64(len(b)) > s.shardAbove)
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
		var c *snapshot.Checked
		if sh, c, err = domain.Shard(bytes.NewReader(b), snapshot.Limits{}); err == nil && app.Withholds(sh.Index) {
			// Published, the records the viewer may not see are withheld.
			var werr error
			if sh, werr = app.WithholdShards(sh, domain.Resolve(c)); werr != nil && s.cache.withholdErr == nil {
				s.cache.withholdErr = fmt.Errorf("snapshot %s: the records its viewer may not see cannot be withheld: %w", name, werr)
			}
		}
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
		return s.indexFile(name, sh)
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

// indexFile is the index.json of the sharded snapshot name.
func (s *Server) indexFile(name string, sh *domain.Shards) ([]byte, bool) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if b, ok := s.cache.index[name]; ok {
		return b, true
	}
	b, err := marshalIndex(sh.Index)
	if err != nil {
		return nil, false
	}
	if s.cache.index == nil {
		s.cache.index = map[string][]byte{}
	}
	s.cache.index[name] = b
	return b, true
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
