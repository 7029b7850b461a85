// Command floor is the reference the CLI is measured against: it decodes a
// snapshot into Go structs with encoding/json and does nothing else. No
// validation, no resolution, no output: the least work that reads the file.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

type entry struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Type    string `json:"type"`
	Outcome string `json:"outcome"`
	Message string `json:"message"`
}

type snapshot struct {
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
			Items       []entry `json:"items"`
			Foundations []entry `json:"foundations"`
			Assignments []entry `json:"assignments"`
		} `json:"results"`
		Metadata struct {
			Counts     map[string]int64 `json:"counts"`
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

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer f.Close()
	var s snapshot
	if err := json.NewDecoder(bufio.NewReaderSize(f, 64<<10)).Decode(&s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
