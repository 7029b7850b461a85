package domain

import (
	"fmt"
	"time"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Portfolio is what the portfolio page shows of a snapshot: its header and one
// row per tenant. It is derived from a Resolution, and it is also the
// index.json of a sharded snapshot (docs/snapshot-format.md), which the app reads
// instead of the whole snapshot: both forms give the same rows.
type Portfolio struct {
	SchemaVersion int               `json:"schema_version"`
	GeneratedAt   string            `json:"generated_at"`
	Name          string            `json:"name,omitempty"`
	Viewer        *snapshot.Viewer  `json:"viewer,omitempty"`
	Errors        snapshot.Problems `json:"errors"`
	ErrorsOmitted int               `json:"errors_omitted,omitempty"`
	// Tenants are in ascending id, like the resolution's.
	Tenants []PortfolioTenant `json:"tenants"`
}

// PortfolioTenant is a tenant record with its derived portfolio row.
type PortfolioTenant struct {
	ID                   int64  `json:"id"`
	Name                 string `json:"name"`
	BackupFreshnessHours int64  `json:"backup_freshness_hours"`
	// File is the tenant's own records in a sharded snapshot, relative to
	// index.json: "tenants/{id}.json".
	File string       `json:"file"`
	Row  PortfolioRow `json:"portfolio"`
}

// PortfolioRow is a tenant's line of the portfolio. The states are null for
// a tenant whose records are invalid; the latest relevant run is null when
// there is none, and also when the viewer may not see restore records
// (docs/rules.md §7): a row never carries more than its viewer may see.
type PortfolioRow struct {
	DataStatus                   DataStatus      `json:"data_status"`
	BackupPosture                *Posture        `json:"backup_posture"`
	OverviewState                *OverviewState  `json:"overview_state"`
	LatestRelevantRestoreRunID   *int64          `json:"latest_relevant_restore_run_id"`
	LatestRelevantAttentionState *AttentionState `json:"latest_relevant_attention_state"`
	// PrimaryReason is the backup posture's reason: null when the posture is
	// healthy, or the tenant invalid.
	PrimaryReason *PostureReason `json:"primary_reason"`
	// NeedsAttentionKinds are the kinds of the tenant's Needs Attention
	// entries, in their order: with the row, enough for the portfolio's CSV.
	NeedsAttentionKinds []NeedsAttentionKind `json:"needs_attention_kinds"`
	// NeedsAttention counts the tenant's Needs Attention entries, so that a
	// portfolio can put the tenants that need most first.
	NeedsAttention int `json:"needs_attention,omitempty"`
	// LatestBackupAt is the completed_at of the backup set the posture rests
	// on (the latest usable one); null without one or without backup.view.
	LatestBackupAt *time.Time `json:"latest_backup_at,omitempty"`
	// LatestRelevantRestoreAt is when the latest relevant run happened, as
	// docs/rules.md §3 picks it: completed_at, or created_at where that is null;
	// null without one or without restore.view.
	LatestRelevantRestoreAt *time.Time `json:"latest_relevant_restore_at,omitempty"`
}

// NewPortfolio derives the portfolio of a snapshot that was not rejected;
// nil for one that was.
func NewPortfolio(c *snapshot.Checked, res *Resolution) *Portfolio {
	s := c.Snapshot
	if s == nil || c.Rejected() {
		return nil
	}
	p := &Portfolio{
		SchemaVersion: s.SchemaVersion,
		GeneratedAt:   s.GeneratedAtText,
		Name:          s.Name,
		Viewer:        s.Viewer,
		Errors:        res.Errors,
		ErrorsOmitted: res.ErrorsOmitted,
		Tenants:       make([]PortfolioTenant, 0, len(res.Tenants)),
	}
	freshness := make(map[int64]int64, len(s.Tenants))
	for i := range s.Tenants {
		freshness[s.Tenants[i].ID] = s.Tenants[i].FreshnessHours
	}
	canRestore := s.Can(snapshot.CapRestoreView)
	for i := range res.Tenants {
		ts := &res.Tenants[i]
		p.Tenants = append(p.Tenants, PortfolioTenant{
			ID:                   ts.TenantID,
			Name:                 ts.Name,
			BackupFreshnessHours: freshness[ts.TenantID],
			File:                 TenantFile(ts.TenantID),
			Row:                  portfolioRow(ts, canRestore),
		})
	}
	addRowTimes(p, s, res, s.Can(snapshot.CapBackupView), canRestore)
	return p
}

// addRowTimes fills in when each row's latest backup and latest relevant
// restore happened, in one pass over the records: the rows name the records
// by id, and a record counts only under its own tenant.
func addRowTimes(p *Portfolio, s *snapshot.Snapshot, res *Resolution, canBackup, canRestore bool) {
	type key struct{ tenant, id int64 }
	sets, runs := map[key]int{}, map[key]int{} // → index in p.Tenants
	for i := range res.Tenants {
		ts := &res.Tenants[i]
		if ts.BackupHealth != nil && ts.BackupHealth.LatestUsableBackupSetID != nil && canBackup {
			sets[key{ts.TenantID, *ts.BackupHealth.LatestUsableBackupSetID}] = i
		}
		if ts.RecoveryEvidence != nil && ts.RecoveryEvidence.LatestRelevantRestoreRunID != nil && canRestore {
			runs[key{ts.TenantID, *ts.RecoveryEvidence.LatestRelevantRestoreRunID}] = i
		}
	}
	if len(sets) > 0 {
		for i := range s.BackupSets {
			b := &s.BackupSets[i]
			if at, ok := sets[key{b.TenantID, b.ID}]; ok && b.CompletedAt != nil {
				p.Tenants[at].Row.LatestBackupAt = b.CompletedAt
			}
		}
	}
	if len(runs) > 0 {
		for i := range s.RestoreRuns {
			r := &s.RestoreRuns[i]
			if at, ok := runs[key{r.TenantID, r.ID}]; ok {
				when := r.CompletedAt
				if when == nil {
					when = &r.CreatedAt
				}
				p.Tenants[at].Row.LatestRelevantRestoreAt = when
			}
		}
	}
}

// TenantFile is where a sharded snapshot keeps tenant id's records, relative
// to its index.json.
func TenantFile(id int64) string { return fmt.Sprintf("tenants/%d.json", id) }

func portfolioRow(ts *TenantState, canRestore bool) PortfolioRow {
	row := PortfolioRow{DataStatus: ts.DataStatus}
	if ts.DataStatus != DataValid || ts.BackupHealth == nil || ts.RecoveryEvidence == nil {
		return row
	}
	posture, overview := ts.BackupHealth.Posture, ts.RecoveryEvidence.OverviewState
	row.BackupPosture, row.OverviewState = &posture, &overview
	row.PrimaryReason = ts.BackupHealth.PrimaryReason
	row.NeedsAttentionKinds = make([]NeedsAttentionKind, len(ts.NeedsAttention))
	for i, n := range ts.NeedsAttention {
		row.NeedsAttentionKinds[i] = n.Kind
	}
	row.NeedsAttention = len(ts.NeedsAttention)
	if canRestore {
		row.LatestRelevantRestoreRunID = ts.RecoveryEvidence.LatestRelevantRestoreRunID
		row.LatestRelevantAttentionState = ts.RecoveryEvidence.LatestRelevantAttentionState
	}
	return row
}

// Can reports whether the portfolio's viewer holds c; no viewer grants every
// capability, as in the snapshot.
func (p *Portfolio) Can(c snapshot.Capability) bool { return p.Viewer.Can(c) }
