package domain_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/fixturetest"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// shardInputs are every shipped snapshot that is not rejected, and a few
// generated portfolios.
func shardInputs(t *testing.T) map[string][]byte {
	t.Helper()
	in := map[string][]byte{}
	for _, pattern := range []string{"*.json", "scenarios/*.json", "invalid/*.json"} {
		files, err := filepath.Glob(filepath.Join("..", "fixtures", pattern))
		require.NoError(t, err)
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			if snapshot.Check(bytes.NewReader(b), snapshot.Limits{}).Rejected() {
				continue
			}
			in[strings.TrimPrefix(f, filepath.Join("..", "fixtures")+"/")] = b
		}
	}
	for seed := uint64(1); seed <= 3; seed++ {
		var buf bytes.Buffer
		require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 40, RunsPerTenant: 15, Seed: seed}))
		in[fmt.Sprintf("gen seed %d", seed)] = buf.Bytes()
	}
	require.Greater(t, len(in), 40)
	return in
}

// TestShardResolvesToTheSameStates: the file of every tenant that is valid in
// the whole snapshot resolves to exactly its state there, once the paths of
// the tenant's file are mapped back to the whole one's.
func TestShardResolvesToTheSameStates(t *testing.T) {
	for name, doc := range shardInputs(t) {
		t.Run(name, func(t *testing.T) {
			shards, c, err := domain.Shard(bytes.NewReader(doc), snapshot.Limits{})
			require.NoError(t, err)
			whole := domain.Resolve(c)
			require.Len(t, shards.Tenants, len(whole.Tenants))
			assert.Equal(t, domain.NewPortfolio(c, whole), shards.Index)
			positions := recordPositions(t, doc)

			for i, sh := range shards.Tenants {
				want := whole.Tenants[i]
				require.Equal(t, want.TenantID, sh.ID)
				assert.Equal(t, domain.TenantFile(sh.ID), shards.Index.Tenants[i].File)

				part := snapshot.Check(bytes.NewReader(sh.Snapshot), snapshot.Limits{})
				require.False(t, part.Rejected(), "tenant %d: %v", sh.ID, part.Problems)
				got := domain.Resolve(part)
				require.Len(t, got.Tenants, 1)
				if want.DataStatus != domain.DataValid {
					// A tenant may be quarantined by a fault only the whole
					// shows (an id another tenant uses too); the index says
					// so, and the app reads its status and errors there.
					assert.Equal(t, want.DataStatus, shards.Index.Tenants[i].Row.DataStatus)
					continue
				}
				assert.Equal(t, domain.DataValid, got.Tenants[0].DataStatus, "tenant %d", sh.ID)
				assert.Empty(t, part.Problems, "a valid tenant's file has no problem")
				wantJSON, err := json.Marshal(want)
				require.NoError(t, err)
				gotJSON, err := json.Marshal(got.Tenants[0])
				require.NoError(t, err)
				assert.JSONEq(t, string(wantJSON), positions.toWhole(sh.ID, string(gotJSON)), "tenant %d", sh.ID)
			}
		})
	}
}

// TestShardLosesNoRecord: every record is in exactly one tenant's file, or
// it names no known tenant and an error of the index names it.
func TestShardLosesNoRecord(t *testing.T) {
	for name, doc := range shardInputs(t) {
		t.Run(name, func(t *testing.T) {
			shards, _, err := domain.Shard(bytes.NewReader(doc), snapshot.Limits{})
			require.NoError(t, err)
			whole := countRecords(t, doc)
			inFiles := map[string]int{}
			for _, sh := range shards.Tenants {
				for coll, n := range countRecords(t, sh.Snapshot) {
					inFiles[coll] += n
				}
			}
			orphans := map[string]int{}
			for _, p := range shards.Index.Errors {
				if p.Reach == snapshot.ReachRecord {
					orphans[strings.SplitN(p.Path, "[", 2)[0]]++
				}
			}
			for coll, n := range whole {
				assert.Equal(t, n, inFiles[coll]+orphans[coll], coll)
			}
		})
	}
}

func TestShardRefusesARejectedSnapshot(t *testing.T) {
	_, c, err := domain.Shard(strings.NewReader(`{"schema_version": 2}`), snapshot.Limits{})
	require.ErrorIs(t, err, domain.ErrRejected)
	assert.True(t, c.Rejected())
}

// Without restore.view a portfolio row carries no restore run (docs/rules.md §7).
func TestPortfolioRowHidesRestoreRunsWithoutRestoreView(t *testing.T) {
	c := fixturetest.Check(t, "scenarios/viewer-no-restore.json")
	p := domain.NewPortfolio(c, domain.Resolve(c))
	require.NotEmpty(t, p.Tenants)
	assert.False(t, p.Can(snapshot.CapRestoreView))
	for _, tr := range p.Tenants {
		assert.Nil(t, tr.Row.LatestRelevantRestoreRunID)
		assert.Nil(t, tr.Row.LatestRelevantAttentionState)
	}
}

// positions are, per tenant and collection, where its records stand in the
// whole snapshot.
type positions map[int64]map[string][]int

func recordPositions(t *testing.T, doc []byte) positions {
	t.Helper()
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(doc, &raw))
	pos := positions{}
	for coll, b := range raw {
		var recs []map[string]any
		if json.Unmarshal(b, &recs) != nil {
			continue
		}
		key := "tenant_id"
		if coll == "tenants" {
			key = "id"
		}
		for i, r := range recs {
			id, ok := r[key].(float64)
			if !ok {
				continue
			}
			if pos[int64(id)] == nil {
				pos[int64(id)] = map[string][]int{}
			}
			pos[int64(id)][coll] = append(pos[int64(id)][coll], i)
		}
	}
	return pos
}

var recordPathRe = regexp.MustCompile(`(tenants|backup_sets|restore_runs|operation_runs|evidence_snapshots)\[(\d+)\]`)

// toWhole rewrites the record paths of tenant id's file as paths of the
// whole snapshot.
func (p positions) toWhole(id int64, s string) string {
	return recordPathRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := recordPathRe.FindStringSubmatch(m)
		k, _ := strconv.Atoi(sub[2])
		if at := p[id][sub[1]]; k < len(at) {
			return fmt.Sprintf("%s[%d]", sub[1], at[k])
		}
		return m
	})
}

func countRecords(t *testing.T, doc []byte) map[string]int {
	t.Helper()
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(doc, &raw))
	n := map[string]int{}
	for _, coll := range []string{"tenants", "backup_sets", "restore_runs", "operation_runs", "evidence_snapshots"} {
		var recs []json.RawMessage
		if b, ok := raw[coll]; ok {
			require.NoError(t, json.Unmarshal(b, &recs))
		}
		n[coll] = len(recs)
	}
	return n
}
