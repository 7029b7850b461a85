package domain

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/fixturetest"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// holding is a viewer's capabilities, for ForViewer.
func holding(caps ...snapshot.Capability) func(snapshot.Capability) bool {
	return func(c snapshot.Capability) bool { return slices.Contains(caps, c) }
}

// Without restore.view no run is named in what the dashboard shows; without
// backup.view no backup set; without evidence.view no evidence record; the
// states stay; the original is untouched.
func TestForViewer(t *testing.T) {
	res := Resolve(fixturetest.Check(t, "demo.json"))
	var ts *TenantState
	for i := range res.Tenants {
		if ev := res.Tenants[i].RecoveryEvidence; ev != nil && ev.OverviewState == OverviewWeakened {
			ts = &res.Tenants[i]
			break
		}
	}
	require.NotNil(t, ts)
	before, err := json.Marshal(ts)
	require.NoError(t, err)
	run := fmt.Sprintf("#%d", *ts.RecoveryEvidence.LatestRelevantRestoreRunID)
	set := fmt.Sprintf("#%d", *ts.BackupHealth.LatestUsableBackupSetID)

	evidence := `"evidence_snapshots[`
	require.Contains(t, string(before), evidence, "the tenant's explanations name evidence records")
	backup, restore, ev := snapshot.CapBackupView, snapshot.CapRestoreView, snapshot.CapEvidenceView
	tests := []struct {
		name          string
		can           func(snapshot.Capability) bool
		hidden, shown []string
	}{
		{"everything", holding(backup, restore, ev), nil, []string{run, set, evidence}},
		{"no restore.view", holding(backup, ev), []string{run}, []string{set}},
		{"no backup.view", holding(restore, ev), []string{set}, []string{run, evidence}},
		{"no evidence.view", holding(backup, restore), []string{evidence}, []string{run, set}},
		{"none", holding(), []string{run, set, evidence}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ForViewer(ts, tt.can)
			b, err := json.Marshal(got)
			require.NoError(t, err)
			text := string(b)
			for _, h := range tt.hidden {
				assert.NotRegexp(t, regexp.QuoteMeta(h)+`\b`, text)
			}
			for _, s := range tt.shown {
				assert.Regexp(t, regexp.QuoteMeta(s)+`\b`, text)
			}
			assert.Equal(t, ts.BackupHealth.Posture, got.BackupHealth.Posture)
			assert.Equal(t, ts.RecoveryEvidence.OverviewState, got.RecoveryEvidence.OverviewState)
			assert.Len(t, got.NeedsAttention, len(ts.NeedsAttention))
			copy := []string{got.BackupHealth.SupportingMessage, got.RecoveryEvidence.Summary, got.RecoveryEvidence.Action.Label}
			for _, it := range got.NeedsAttention {
				copy = append(copy, it.Headline)
			}
			phrase, found := ContainsForbiddenClaim(strings.Join(copy, " "))
			assert.False(t, found, phrase)
		})
	}
	after, err := json.Marshal(ts)
	require.NoError(t, err)
	assert.JSONEq(t, string(before), string(after), "the view's own state is left as it is")
}
