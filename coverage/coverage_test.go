package coverage

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
)

func ptr[T any](v T) *T { return &v }
func id(v int64) *int64 { return &v }

// TestKeysInRuleOrder: every table in order, each key once.
func TestKeysInRuleOrder(t *testing.T) {
	keys := Keys()
	var tables []string
	seen := map[Key]bool{}
	for _, k := range keys {
		if len(tables) == 0 || tables[len(tables)-1] != k.Table {
			tables = append(tables, k.Table)
		}
		assert.False(t, seen[k], "%v twice", k)
		seen[k] = true
	}
	assert.Equal(t, []string{TableBackupPosture, TableAttention, TableOverviewState, TableResultState, TableOperationProofState,
		TablePostRunEvidenceState, TableNeedsAttention, TableContinuityReason, TableDataStatus}, tables)
	assert.Len(t, keys, 38)
	assert.Equal(t, Key{TableBackupPosture, string(domain.PostureAbsent), string(domain.ReasonNoBackupSets)}, keys[0])
	assert.Equal(t, Key{TableBackupPosture, string(domain.PostureHealthy), ""}, keys[6])
}

func run(id int64, attention domain.AttentionState, result domain.ResultStateKey, proof, evidence domain.ProofState) domain.RunState {
	return domain.RunState{ID: id, Attention: domain.Attention{State: attention},
		Result: domain.ResultState{State: result, OperationProofState: proof, PostRunEvidenceState: evidence}}
}

func TestCompute(t *testing.T) {
	gen := "2026-04-09T01:00:00Z"
	res := &domain.Resolution{GeneratedAt: &gen, Tenants: []domain.TenantState{
		{TenantID: 1, DataStatus: domain.DataValid,
			BackupHealth: &domain.BackupHealth{Posture: domain.PostureStale, PrimaryReason: ptr(domain.ReasonLatestBackupStale)},
			RecoveryEvidence: &domain.RecoveryEvidence{OverviewState: domain.OverviewWeakened,
				LatestRelevantRestoreRunID: id(11), LatestRelevantAttentionState: ptr(domain.AttentionPartial)},
			NeedsAttention: []domain.AttentionItem{{Kind: domain.KindRecoveryWeakened}, {Kind: domain.KindBackupStale}},
			RestoreRuns: []domain.RunState{
				run(10, domain.AttentionNotExecuted, domain.ResultNotExecuted, domain.ProofUnavailable, domain.ProofUnavailable),
				run(11, domain.AttentionPartial, domain.ResultNeedsReview, domain.ProofAvailable, domain.ProofUnavailable),
			}},
		{TenantID: 2, DataStatus: domain.DataInvalid, RestoreRuns: []domain.RunState{}},
		{TenantID: 3, DataStatus: domain.DataValid,
			BackupHealth:     &domain.BackupHealth{Posture: domain.PostureHealthy},
			RecoveryEvidence: &domain.RecoveryEvidence{OverviewState: domain.OverviewUnvalidated}},
	}}
	rep := Compute(res)
	require.Len(t, rep.Rows, rep.Total)
	got := map[Key]Row{}
	for _, r := range rep.Rows {
		k := Key{Table: r.Table, State: r.State}
		if r.Reason != nil {
			k.Reason = *r.Reason
		}
		got[k] = r
	}
	tests := []struct {
		key      Key
		examples []string
	}{
		{Key{TableBackupPosture, string(domain.PostureStale), string(domain.ReasonLatestBackupStale)}, []string{"tenants/1"}},
		{Key{TableBackupPosture, string(domain.PostureHealthy), ""}, []string{"tenants/3"}},
		{Key{TableBackupPosture, string(domain.PostureAbsent), string(domain.ReasonNoBackupSets)}, []string{}},
		{Key{TableAttention, string(domain.AttentionNotExecuted), ""}, []string{"tenants/1/restore-runs/10"}},
		{Key{TableAttention, string(domain.AttentionPartial), ""}, []string{"tenants/1/restore-runs/11"}},
		{Key{TableResultState, string(domain.ResultNeedsReview), ""}, []string{"tenants/1/restore-runs/11"}},
		{Key{TableOperationProofState, string(domain.ProofUnavailable), ""}, []string{"tenants/1/restore-runs/10"}},
		{Key{TableOperationProofState, string(domain.ProofAvailable), ""}, []string{"tenants/1/restore-runs/11"}},
		{Key{TablePostRunEvidenceState, string(domain.ProofUnavailable), ""}, []string{"tenants/1/restore-runs/10", "tenants/1/restore-runs/11"}},
		{Key{TableOverviewState, string(domain.OverviewWeakened), ""}, []string{"tenants/1"}},
		{Key{TableOverviewState, string(domain.OverviewUnvalidated), ""}, []string{"tenants/3"}},
		{Key{TableNeedsAttention, string(domain.KindRecoveryWeakened), ""}, []string{"tenants/1"}},
		{Key{TableNeedsAttention, string(domain.KindBackupStale), ""}, []string{"tenants/1"}},
		{Key{TableContinuityReason, string(domain.ContinuityPartial), ""}, []string{"tenants/1/restore-runs?recovery_posture_reason=partial"}},
		{Key{TableContinuityReason, string(domain.ContinuityNoHistory), ""}, []string{"tenants/3/restore-runs?recovery_posture_reason=no_history"}},
		{Key{TableContinuityReason, string(domain.ContinuityNoRecentIssuesVisible), ""}, []string{}},
		{Key{TableDataStatus, string(domain.DataValid), ""}, []string{"tenants/1", "tenants/3"}},
		{Key{TableDataStatus, string(domain.DataInvalid), ""}, []string{"tenants/2"}},
	}
	for _, tt := range tests {
		t.Run(tt.key.Table+"/"+tt.key.State, func(t *testing.T) {
			r := got[tt.key]
			assert.Equal(t, tt.examples, r.Examples)
			assert.Equal(t, len(tt.examples), r.Count)
		})
	}
	assert.Equal(t, 17, rep.Reached)
	assert.False(t, rep.Complete())
}

// TestExamplesAreBounded: a key reached many times counts every one and
// lists the first MaxExamples.
func TestExamplesAreBounded(t *testing.T) {
	res := &domain.Resolution{}
	for i := range int64(12) {
		res.Tenants = append(res.Tenants, domain.TenantState{TenantID: i + 1, DataStatus: domain.DataInvalid})
	}
	rep := Compute(res)
	row := rep.Rows[len(rep.Rows)-1]
	require.Equal(t, string(domain.DataInvalid), row.State)
	assert.Equal(t, 12, row.Count)
	assert.Equal(t, []string{"tenants/1", "tenants/2", "tenants/3", "tenants/4", "tenants/5"}, row.Examples)
	assert.Equal(t, 1, rep.Reached)
}
