// Package floor is the reference tenantatlas is measured and checked
// against: a snapshot's shape as plain Go structs for encoding/json, with no
// validation at all. bench/floor decodes with it (the least work that reads
// a snapshot), and the domain's tests check that their decoder reads exactly
// what encoding/json reads into it.
package floor

import "time"

// Entry is a result entry.
type Entry struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Type    string `json:"type"`
	Outcome string `json:"outcome"`
	Message string `json:"message"`
}

// Snapshot is a whole snapshot document.
type Snapshot struct {
	SchemaVersion int       `json:"schema_version"`
	GeneratedAt   time.Time `json:"generated_at"`
	Name          string    `json:"name"`
	Viewer        *struct {
		Name         string   `json:"name"`
		Capabilities []string `json:"capabilities"`
	} `json:"viewer"`
	Tenants []struct {
		ID             int64  `json:"id"`
		Name           string `json:"name"`
		FreshnessHours *int64 `json:"backup_freshness_hours"`
	} `json:"tenants"`
	BackupSets []struct {
		ID              int64      `json:"id"`
		TenantID        int64      `json:"tenant_id"`
		Name            string     `json:"name"`
		Status          string     `json:"status"`
		StartedAt       *time.Time `json:"started_at"`
		CompletedAt     *time.Time `json:"completed_at"`
		ItemCount       *int64     `json:"item_count"`
		FailedItemCount *int64     `json:"failed_item_count"`
	} `json:"backup_sets"`
	RestoreRuns []struct {
		ID             int64      `json:"id"`
		TenantID       int64      `json:"tenant_id"`
		BackupSetID    *int64     `json:"backup_set_id"`
		Status         string     `json:"status"`
		IsDryRun       bool       `json:"is_dry_run"`
		CreatedAt      time.Time  `json:"created_at"`
		CompletedAt    *time.Time `json:"completed_at"`
		OperationRunID *int64     `json:"operation_run_id"`
		Results        struct {
			Items       []Entry `json:"items"`
			Foundations []Entry `json:"foundations"`
			Assignments []Entry `json:"assignments"`
		} `json:"results"`
		Metadata struct {
			Counts     *Counts `json:"counts"`
			NonApplied []struct {
				ID     string `json:"id"`
				Name   string `json:"name"`
				Reason string `json:"reason"`
			} `json:"non_applied"`
			ScopeBasis string `json:"scope_basis"`
		} `json:"metadata"`
	} `json:"restore_runs"`
	OperationRuns []struct {
		ID          int64      `json:"id"`
		TenantID    int64      `json:"tenant_id"`
		Type        string     `json:"type"`
		Status      string     `json:"status"`
		Outcome     string     `json:"outcome"`
		StartedAt   *time.Time `json:"started_at"`
		CompletedAt *time.Time `json:"completed_at"`
	} `json:"operation_runs"`
	EvidenceSnapshots []struct {
		ID             int64      `json:"id"`
		TenantID       int64      `json:"tenant_id"`
		OperationRunID int64      `json:"operation_run_id"`
		Status         string     `json:"status"`
		CapturedAt     time.Time  `json:"captured_at"`
		ExpiresAt      *time.Time `json:"expires_at"`
	} `json:"evidence_snapshots"`
}

// Counts are a run's metadata.counts, each absent when unknown.
type Counts struct {
	Total      *int64 `json:"total"`
	Applied    *int64 `json:"applied"`
	Partial    *int64 `json:"partial"`
	Failed     *int64 `json:"failed"`
	Skipped    *int64 `json:"skipped"`
	NonApplied *int64 `json:"non_applied"`
}
