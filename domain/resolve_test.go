package domain_test

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/fixturetest"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

func TestResolveOrdersTenantsAndRuns(t *testing.T) {
	b := newSnap().run(30, snapshot.RestoreCompleted).run(10, snapshot.RestoreCompleted).run(20, snapshot.RestoreCompleted)
	b.s.Tenants = []snapshot.Tenant{{Index: 0, ID: 5, Name: "E"}, {Index: 1, ID: 1, Name: "A", FreshnessHours: 24}, {Index: 2, ID: 3, Name: "C"}}
	res := domain.Resolve(&snapshot.Checked{Snapshot: &b.s, Quarantined: map[int64]bool{}})
	var tenants []int64
	for _, ts := range res.Tenants {
		tenants = append(tenants, ts.TenantID)
	}
	assert.Equal(t, []int64{1, 3, 5}, tenants)
	var runs []int64
	for _, r := range res.Tenants[0].RestoreRuns {
		runs = append(runs, r.ID)
	}
	assert.Equal(t, []int64{10, 20, 30}, runs)
}

func TestResolveQuarantinedTenant(t *testing.T) {
	c := fixturetest.Check(t, "scenarios/isolation-quarantine.json")
	res := domain.Resolve(c)
	require.Len(t, res.Tenants, 2)
	b, err := json.Marshal(res.Tenants[1])
	require.NoError(t, err)
	assert.JSONEq(t, `{"tenant_id":2,"name":"Fabrikam Inc.","data_status":"invalid","backup_health":null,"recovery_evidence":null,"needs_attention":[],"restore_runs":[]}`, string(b))
	assert.Equal(t, domain.DataValid, res.Tenants[0].DataStatus, "the other tenant is unaffected")
	require.Len(t, res.Errors, 1)
	assert.Equal(t, int64(2), *res.Errors[0].TenantID)
}

func TestResolveRejectedSnapshot(t *testing.T) {
	res := domain.Resolve(fixturetest.Check(t, "invalid/schema-version-2.json"))
	b, err := json.Marshal(res)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Nil(t, got["schema_version"])
	assert.Nil(t, got["generated_at"])
	assert.Equal(t, []any{}, got["tenants"])
	assert.Len(t, got["errors"], 1)
}

// The JSON member names and order are docs/interfaces.md's.
func TestResolutionJSONShape(t *testing.T) {
	res := domain.Resolve(fixturetest.Check(t, "demo.json"))
	b, err := json.Marshal(res)
	require.NoError(t, err)
	s := string(b)
	order := []string{`"schema_version"`, `"generated_at"`, `"errors"`, `"tenants"`, `"tenant_id"`, `"name"`, `"data_status"`, `"backup_health"`,
		`"posture"`, `"primary_reason"`, `"headline"`, `"supporting_message"`, `"healthy_claim_allowed"`, `"primary_action_target"`, `"positive_claim_boundary"`,
		`"recovery_evidence"`, `"overview_state"`, `"backup_posture"`, `"relevant_restore_history_present"`, `"latest_relevant_restore_run_id"`,
		`"latest_relevant_attention_state"`, `"summary"`, `"claim_boundary"`, `"action"`, `"needs_attention"`, `"kind"`, `"url"`, `"restore_runs"`,
		`"attention"`, `"state"`, `"follow_up_required"`, `"primary_next_action"`, `"recovery_claim_boundary"`, `"tone"`, `"result"`,
		`"status_label"`, `"reason"`, `"impact"`, `"operation_proof_state"`, `"post_run_evidence_state"`, `"result_summary"`, `"available"`,
		`"counts"`, `"text"`, `"allowed_claims"`, `"diagnostics_collapsed"`}
	pos := 0
	for _, key := range order {
		i := strings.Index(s[pos:], key)
		require.GreaterOrEqual(t, i, 0, "%s after position %d", key, pos)
		pos += i
	}
}

// docs/rules.md §6 over everything we write: every string the resolver produces
// for every shipped fixture, except data the snapshot supplied (names).
func TestNoForbiddenClaimInOurCopy(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "fixtures", "scenarios", "*.json"))
	files = append(files, filepath.Join("..", "fixtures", "demo.json"))
	for _, f := range files {
		rel, _ := filepath.Rel(filepath.Join("..", "fixtures"), f)
		res := domain.Resolve(fixturetest.Check(t, rel))
		for _, ts := range res.Tenants {
			ts.Name = "" // snapshot data, shown as given
			walkStrings(reflect.ValueOf(ts), func(s string) {
				phrase, found := domain.ContainsForbiddenClaim(s)
				assert.False(t, found, "%s: %q contains %q", rel, s, phrase)
			})
		}
	}
}

func walkStrings(v reflect.Value, fn func(string)) {
	switch v.Kind() {
	case reflect.String:
		fn(v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), fn)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			// Canonical state keys are not copy: "healthy" is the key of a
			// posture, which pages show in words ("Backup inputs are current").
			if name := v.Type().Field(i).Name; name == "Posture" || name == "BackupPosture" {
				continue
			}
			walkStrings(v.Field(i), fn)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), fn)
		}
	}
}

func TestContainsForbiddenClaim(t *testing.T) {
	for _, s := range []string{"Recovery VERIFIED", "fully recovered", "Customer-Safe", "customer safe", "a healthy tenant", "compliant", "verified recovery", "recovery proven"} {
		_, found := domain.ContainsForbiddenClaim(s)
		assert.True(t, found, s)
	}
	for _, s := range []string{"Backup inputs are current", "No recent restore issues visible", "recovery evidence weakened"} {
		_, found := domain.ContainsForbiddenClaim(s)
		assert.False(t, found, s)
	}
}
