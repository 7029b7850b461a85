package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// docs/rules.md §5: a known reason shows a banner and marks the matching runs; any
// other value shows nothing and is never echoed.
func TestContinuity(t *testing.T) {
	ts := newSnap().
		run(1, snapshot.RestoreFailed, completedHoursAgo(40)).
		run(2, snapshot.RestorePartial, completedHoursAgo(30)).
		run(3, snapshot.RestoreCompleted, nonApplied(1), completedHoursAgo(20)).
		run(4, snapshot.RestoreCompleted, completedHoursAgo(10)).
		run(5, snapshot.RestoreCompleted, dry, completedHoursAgo(1)).
		resolve(t)
	tests := []struct {
		reason domain.ContinuityReason
		ok     bool
		marked []int64
	}{
		{domain.ContinuityNoHistory, true, []int64{}},
		{domain.ContinuityFailed, true, []int64{1}},
		{domain.ContinuityPartial, true, []int64{2}},
		{domain.ContinuityCompletedWithFollowUp, true, []int64{3}},
		{domain.ContinuityNoRecentIssuesVisible, true, []int64{4}},
		{"weakened", false, nil},
		{"<script>alert(1)</script>", false, nil},
		{"", false, nil},
		{"FAILED", false, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.reason), func(t *testing.T) {
			_, parsed := domain.ParseContinuityReason(string(tt.reason))
			assert.Equal(t, tt.ok, parsed)
			b, ok := domain.Continuity(string(tt.reason), ts)
			assert.Equal(t, tt.ok, ok)
			if !ok {
				assert.Equal(t, domain.Banner{}, b)
				return
			}
			assert.Equal(t, tt.reason, b.Reason)
			assert.Equal(t, tt.marked, b.MatchingRunIDs)
			assert.NotEmpty(t, b.Text)
			_, found := domain.ContainsForbiddenClaim(b.Text)
			assert.False(t, found)
		})
	}
}
