package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/fixturetest"
)

// A portfolio row says when its latest backup and latest relevant restore
// happened, and how many Needs Attention entries the tenant has; a record
// the viewer may not see leaves its time out (docs/rules.md §7).
func TestPortfolioRowTimes(t *testing.T) {
	at := func(s string) *time.Time {
		v, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		return &v
	}
	tests := []struct {
		fixture        string
		tenant         int64
		backup, relRun *time.Time
		attention      int
	}{
		// The failed run has no completed_at: its created_at places it.
		{"scenarios/overview-created-at-fallback.json", 1, at("2026-04-08T22:04:10Z"), at("2026-04-08T21:00:00Z"), 1},
		{"scenarios/backup-absent-no-sets.json", 1, nil, nil, 1},
	}
	for _, tt := range tests {
		c := fixturetest.Check(t, tt.fixture)
		p := domain.NewPortfolio(c, domain.Resolve(c))
		require.NotNil(t, p, tt.fixture)
		var row *domain.PortfolioRow
		for i := range p.Tenants {
			if p.Tenants[i].ID == tt.tenant {
				row = &p.Tenants[i].Row
			}
		}
		require.NotNil(t, row, tt.fixture)
		assert.Equal(t, tt.backup, row.LatestBackupAt, tt.fixture)
		assert.Equal(t, tt.relRun, row.LatestRelevantRestoreAt, tt.fixture)
		assert.Equal(t, tt.attention, row.NeedsAttention, tt.fixture)
	}
}

func TestPortfolioRowTimesFollowTheViewer(t *testing.T) {
	for _, tt := range []struct {
		fixture string
		hidden  func(domain.PortfolioRow) *time.Time
	}{
		{"scenarios/viewer-no-restore.json", func(r domain.PortfolioRow) *time.Time { return r.LatestRelevantRestoreAt }},
		{"scenarios/viewer-no-backup.json", func(r domain.PortfolioRow) *time.Time { return r.LatestBackupAt }},
	} {
		c := fixturetest.Check(t, tt.fixture)
		p := domain.NewPortfolio(c, domain.Resolve(c))
		require.NotEmpty(t, p.Tenants, tt.fixture)
		for _, pt := range p.Tenants {
			assert.Nil(t, tt.hidden(pt.Row), tt.fixture)
		}
	}
}

// On every tenant of the demo, the times are those of the records the
// states rest on, and the count is the length of Needs Attention.
func TestPortfolioRowTimesAgreeWithTheRecords(t *testing.T) {
	c := fixturetest.Check(t, "demo.json")
	res := domain.Resolve(c)
	p := domain.NewPortfolio(c, res)
	require.NotNil(t, p)
	reached := 0
	for i, ts := range res.Tenants {
		row := p.Tenants[i].Row
		if ts.DataStatus != domain.DataValid {
			assert.Nil(t, row.LatestBackupAt)
			continue
		}
		assert.Equal(t, len(ts.NeedsAttention), row.NeedsAttention, ts.Name)
		if id := ts.BackupHealth.LatestUsableBackupSetID; id != nil {
			for _, b := range c.Snapshot.BackupSets {
				if b.ID == *id && b.TenantID == ts.TenantID {
					assert.Equal(t, b.CompletedAt, row.LatestBackupAt, ts.Name)
					reached++
				}
			}
		} else {
			assert.Nil(t, row.LatestBackupAt, ts.Name)
		}
		if id := ts.RecoveryEvidence.LatestRelevantRestoreRunID; id != nil {
			require.NotNil(t, row.LatestRelevantRestoreAt, ts.Name)
			reached++
		} else {
			assert.Nil(t, row.LatestRelevantRestoreAt, ts.Name)
		}
	}
	assert.Greater(t, reached, 4)
}
