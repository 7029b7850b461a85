package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// marshalTenant is the reference: encoding/json's MarshalIndent of one
// tenant, as it sits in the output's tenants array.
func marshalTenant(t *testing.T, ts domain.TenantState) string {
	t.Helper()
	b, err := json.MarshalIndent(ts, "    ", "  ")
	require.NoError(t, err)
	return string(b)
}

func writeTenant(ts domain.TenantState) string {
	var w tenantWriter
	w.reset()
	w.tenant(&ts)
	return string(w.b)
}

// Every tenant of every shipped snapshot and of generated portfolios, with
// explanations and without, is written byte for byte as encoding/json
// writes it.
func TestTenantWriterMatchesEncodingJSON(t *testing.T) {
	docs := map[string][]byte{}
	files, err := filepath.Glob(fixture("scenarios", "*.json"))
	require.NoError(t, err)
	files = append(files, fixture("demo.json"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		docs[filepath.Base(f)] = b
	}
	for seed := uint64(1); seed <= 5; seed++ {
		var buf bytes.Buffer
		require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 20, RunsPerTenant: 15, Seed: seed}))
		docs[fmt.Sprintf("gen seed %d", seed)] = buf.Bytes()
	}
	require.NotEmpty(t, docs)
	for name, doc := range docs {
		c := snapshot.Check(bytes.NewReader(doc), snapshot.Limits{})
		require.NotNil(t, c.Snapshot, "%s: %v", name, c.Problems)
		for _, explain := range []bool{false, true} {
			r := domain.NewResolver(c)
			if !explain {
				r.WithoutWhy()
			}
			require.NotZero(t, r.Len(), name)
			for i := range r.Len() {
				ts := r.Tenant(i)
				assert.Equal(t, marshalTenant(t, ts), writeTenant(ts), "%s, tenant %d, explain %v", name, ts.TenantID, explain)
			}
		}
	}
}

// Strings are escaped as encoding/json escapes them: HTML-safe, U+2028 and
// U+2029 for JavaScript, control characters, invalid UTF-8 as U+FFFD; and
// the cases omitempty and nil decide.
func TestTenantWriterEdgeCases(t *testing.T) {
	id := int64(7)
	state := "failed"
	tests := []struct {
		name string
		ts   domain.TenantState
	}{
		{"empty tenant", domain.TenantState{}},
		{"hostile name", domain.TenantState{TenantID: 1, Name: "<script>alert(\"x\")</script> & \\ \u2028\u2029 \x00\x01\x1f\b\f\n\r\t \x7f é 日本 😀 \xff\xfe bad"}},
		{"invalid tenant", domain.TenantState{TenantID: 2, Name: "Q", DataStatus: domain.DataInvalid}},
		{"empty lists", domain.TenantState{NeedsAttention: []domain.AttentionItem{}, RestoreRuns: []domain.RunState{}}},
		{"attention items", domain.TenantState{NeedsAttention: []domain.AttentionItem{
			{Kind: "backup_absent", Headline: "h", URL: "u"},
			{Kind: "recovery_weakened", Headline: "h", Disabled: true, HelperText: "no access"},
		}}},
		{"states", domain.TenantState{
			BackupHealth: &domain.BackupHealth{Posture: "absent", PrimaryReason: (*domain.PostureReason)(&state), LatestUsableBackupSetID: &id,
				Why: &domain.Why{Rule: "r", Text: "t"}},
			RecoveryEvidence: &domain.RecoveryEvidence{LatestRelevantRestoreRunID: &id, LatestRelevantAttentionState: (*domain.AttentionState)(&state),
				Why: &domain.Why{Records: []string{}}},
			RestoreRuns: []domain.RunState{{ID: 1}, {ID: 2,
				Attention: domain.Attention{State: "failed", Why: &domain.Why{Records: []string{"restore_runs[0]", "operation_runs[3]"}}},
				Result: domain.ResultState{AllowedClaims: []string{}, CurrentEvidenceIDs: []int64{3, -4}, CurrentEvidenceOmitted: 5,
					ResultSummary: domain.ResultSummary{Available: true, Counts: &snapshot.Counts{}}}},
				{ID: 3, Result: domain.ResultState{AllowedClaims: []string{"a", "b"},
					ResultSummary: domain.ResultSummary{Counts: &snapshot.Counts{Total: &id, Applied: &id, Partial: &id, Failed: &id, Skipped: &id, NonApplied: &id}}}},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, marshalTenant(t, tt.ts), writeTenant(tt.ts))
		})
	}
}

// BenchmarkTenantWriter sets the hand-written writer against encoding/json
// on one generated portfolio's tenants (the reason the writer exists).
func BenchmarkTenantWriter(b *testing.B) {
	var buf bytes.Buffer
	require.NoError(b, gen.Write(&buf, gen.Options{Tenants: 100, RunsPerTenant: 100, Seed: 1}))
	c := snapshot.Check(bytes.NewReader(buf.Bytes()), snapshot.Limits{})
	require.NotNil(b, c.Snapshot)
	r := domain.NewResolver(c).WithoutWhy()
	var tenants []domain.TenantState
	for i := range r.Len() {
		tenants = append(tenants, r.Tenant(i))
	}
	b.Run("tenantWriter", func(b *testing.B) {
		var w tenantWriter
		for b.Loop() {
			for i := range tenants {
				w.reset()
				w.tenant(&tenants[i])
			}
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			for i := range tenants {
				if _, err := json.MarshalIndent(tenants[i], "    ", "  "); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
