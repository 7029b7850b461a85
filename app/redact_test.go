package app

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
)

// Without restore.view no run is named in what the dashboard shows; without
// backup.view no backup set; the states stay; the original is untouched.
func TestForViewer(t *testing.T) {
	src := fixtureSource(t)
	v := NewView("demo", src["demo"])
	var ts *domain.TenantState
	for i := range v.Res.Tenants {
		if ev := v.Res.Tenants[i].RecoveryEvidence; ev != nil && ev.OverviewState == domain.OverviewWeakened {
			ts = &v.Res.Tenants[i]
			break
		}
	}
	require.NotNil(t, ts)
	before, err := json.Marshal(ts)
	require.NoError(t, err)
	run := fmt.Sprintf("#%d", *ts.RecoveryEvidence.LatestRelevantRestoreRunID)
	set := fmt.Sprintf("#%d", *ts.BackupHealth.LatestUsableBackupSetID)

	tests := []struct {
		name                  string
		canBackup, canRestore bool
		hidden, shown         []string
	}{
		{"everything", true, true, nil, []string{run, set}},
		{"no restore.view", true, false, []string{run}, []string{set}},
		{"no backup.view", false, true, []string{set}, []string{run}},
		{"neither", false, false, []string{run, set}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := forViewer(ts, tt.canBackup, tt.canRestore)
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
			phrase, found := domain.ContainsForbiddenClaim(strings.Join(copy, " "))
			assert.False(t, found, phrase)
		})
	}
	after, err := json.Marshal(ts)
	require.NoError(t, err)
	assert.JSONEq(t, string(before), string(after), "the view's own state is left as it is")
}
