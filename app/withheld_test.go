package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The demo portfolio seen by viewers without one or all capabilities,
// published withheld, reads page for page as the whole snapshot does: the
// states the pages show come precomputed, not from records the viewer may
// not see. Every page of every tenant, every run included.
func TestWithheldPagesMatchWholePages(t *testing.T) {
	demo := fixtureSource(t)["demo"]
	viewers := map[string][]string{
		"no-evidence": {"backup.view", "restore.view"},
		"no-restore":  {"backup.view", "evidence.view"},
		"no-backup":   {"restore.view", "evidence.view"},
		"nothing":     {},
	}
	whole := memSource{}
	for name, caps := range viewers {
		var doc map[string]any
		require.NoError(t, json.Unmarshal(demo, &doc))
		doc["viewer"] = map[string]any{"name": "Auditor", "capabilities": caps}
		b, err := json.Marshal(doc)
		require.NoError(t, err)
		whole[name] = b
	}
	sharded := newShardedSource(t, whole)
	for name, sh := range sharded.shards {
		t.Run(name, func(t *testing.T) {
			var pages []string
			wv := NewView(name, whole[name])
			for _, ts := range wv.Res.Tenants {
				tp := fmt.Sprintf("/s/%s/tenants/%d", name, ts.TenantID)
				pages = append(pages, tp, tp+"/restore-runs", tp+"/backup-sets")
				for _, r := range ts.RestoreRuns {
					pages = append(pages, fmt.Sprintf("%s/restore-runs/%d", tp, r.ID))
				}
			}
			for _, tf := range sh.Tenants {
				assert.True(t, strings.HasPrefix(string(tf.Snapshot), `{"state":`), "tenant %d: the withheld form", tf.ID)
			}
			want := map[string]string{}
			s := newSite(t, whole, "/")
			for _, p := range pages {
				want[p] = canonical(s.get(p))
			}
			s = newSite(t, sharded, "/")
			decisions := 0
			for _, p := range pages {
				got := s.get(p)
				assert.Equal(t, want[p], canonical(got), p)
				decisions += len(tags(got, "restore-result"))
			}
			if name == "no-evidence" || name == "no-backup" {
				assert.Positive(t, decisions, "run pages are rendered, not only refused")
			}
		})
	}
}
