package snapshot_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// The probe's case: a failed run completed a tenth of a nanosecond after a
// clean one. Cut to nanoseconds the two tied and the clean run, the larger
// id, was the latest: no_recent_issues_visible. Now the finer timestamp is
// an error that quarantines the tenant: no state is claimed at all.
func TestSubNanosecondOrderIsNeverSilent(t *testing.T) {
	doc := `{"schema_version": 1, "generated_at": "2026-04-09T01:19:36+02:00",
	 "tenants": [{"id": 1, "name": "T"}],
	 "restore_runs": [
	  {"id": 1, "tenant_id": 1, "status": "failed", "is_dry_run": false, "created_at": "2026-04-08T23:00:00Z", "completed_at": "2026-04-08T23:06:00.0000000001Z"},
	  {"id": 2, "tenant_id": 1, "status": "completed", "is_dry_run": false, "created_at": "2026-04-08T23:00:00Z", "completed_at": "2026-04-08T23:06:00Z"}]}`
	c := snapshot.Check(strings.NewReader(doc), snapshot.Limits{})
	require.False(t, c.Rejected())
	require.Len(t, c.Problems, 1)
	assert.Equal(t, "restore_runs[0].completed_at", c.Problems[0].Path)
	assert.Equal(t, snapshot.CodeBadTimestamp, c.Problems[0].Code)
	assert.Contains(t, c.Problems[0].Message, "finer than a nanosecond")
	res := domain.Resolve(c)
	assert.Equal(t, domain.DataInvalid, res.Tenants[0].DataStatus)
	assert.Nil(t, res.Tenants[0].RecoveryEvidence)

	// Zeros past the ninth digit change no instant: the failure is later.
	doc = strings.Replace(doc, "00.0000000001Z", "00.0000000010000Z", 1)
	c = snapshot.Check(strings.NewReader(doc), snapshot.Limits{})
	require.Empty(t, c.Problems)
	res = domain.Resolve(c)
	assert.Equal(t, domain.OverviewWeakened, res.Tenants[0].RecoveryEvidence.OverviewState)
	assert.Equal(t, int64(1), *res.Tenants[0].RecoveryEvidence.LatestRelevantRestoreRunID)
}
