package domain_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Every run of an operation names its current evidence, at most
// MaxListedEvidence of it, and counts the rest: many runs sharing one
// operation with many evidence records give an output linear in the
// snapshot, not its square (found by hand-made inputs while fuzzing).
func TestRunsNameABoundedPartOfTheirEvidence(t *testing.T) {
	for _, tc := range []struct{ runs, evidence int }{
		{1, 1},
		{3, domain.MaxListedEvidence},
		{5, domain.MaxListedEvidence + 1},
		{400, 400},
	} {
		t.Run(fmt.Sprintf("%d runs, %d evidence", tc.runs, tc.evidence), func(t *testing.T) {
			b := newSnap().op(500, snapshot.OperationCompleted, snapshot.OutcomeSucceeded)
			for i := range tc.runs {
				b.run(int64(100+i), snapshot.RestoreCompleted, withOp(500))
			}
			// Added in descending id: the listed ones are the lowest ids, not the first given.
			for i := tc.evidence; i > 0; i-- {
				b.evidence(int64(900+i), 500, 1, snapshot.EvidenceActive, nil)
			}
			ts := b.resolve(t)
			require.Len(t, ts.RestoreRuns, tc.runs)
			listed := min(tc.evidence, domain.MaxListedEvidence)
			for _, r := range ts.RestoreRuns {
				assert.Equal(t, domain.ResultCompletedWithEvidence, r.Result.State)
				require.Len(t, r.Result.CurrentEvidenceIDs, listed, "run #%d", r.ID)
				assert.Equal(t, int64(901), r.Result.CurrentEvidenceIDs[0])
				assert.Equal(t, int64(900+listed), r.Result.CurrentEvidenceIDs[listed-1])
				assert.Equal(t, tc.evidence-listed, r.Result.CurrentEvidenceOmitted)
				require.NotNil(t, r.Result.Why)
				assert.Len(t, r.Result.Why.Records, 2+listed, "the run, its operation and the listed evidence")
				if tc.evidence > listed {
					assert.Contains(t, r.Result.Why.Text, fmt.Sprintf("and %d more", tc.evidence-listed))
				}
			}
		})
	}
}
