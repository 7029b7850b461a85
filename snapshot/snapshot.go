package snapshot

import (
	"slices"
	"time"
)

// SchemaVersion is the only snapshot format version this package reads.
const SchemaVersion = 1

// DefaultFreshnessHours applies when a tenant does not set backup_freshness_hours.
const DefaultFreshnessHours = 24

// MaxFreshnessHours bounds backup_freshness_hours: ten years.
const MaxFreshnessHours = 87600

// Snapshot is one decoded snapshot document: what a tenant-management backend
// knew about its tenants at GeneratedAt. Collections stay flat, as in the input,
// so that tenant scoping is checked rather than assumed.
type Snapshot struct {
	SchemaVersion int
	GeneratedAt   time.Time
	// GeneratedAtText is generated_at exactly as written, offset included, so
	// that output repeats the input rather than a normalised form of it.
	GeneratedAtText string
	Name            string
	// Viewer is nil when the snapshot has none: absent means every capability.
	Viewer            *Viewer
	Tenants           []Tenant
	BackupSets        []BackupSet
	RestoreRuns       []RestoreRun
	OperationRuns     []OperationRun
	EvidenceSnapshots []EvidenceSnapshot
}

// Capability is one viewer permission.
type Capability string

const (
	CapBackupView   Capability = "backup.view"
	CapRestoreView  Capability = "restore.view"
	CapEvidenceView Capability = "evidence.view"
)

// Viewer is who the pages are rendered for.
type Viewer struct {
	Name         string       `json:"name"`
	Capabilities []Capability `json:"capabilities"`
}

// Can reports whether the snapshot's viewer holds c. A snapshot without a
// viewer grants every capability.
func (s *Snapshot) Can(c Capability) bool { return s.Viewer.Can(c) }

// Can reports whether v holds c; a nil viewer holds every capability.
func (v *Viewer) Can(c Capability) bool {
	if v == nil {
		return true
	}
	return slices.Contains(v.Capabilities, c)
}

// Record identity common to every collection: the record's id, its tenant and
// its position in the input array (for JSON paths in errors and explanations).

// Tenant is one managed tenant.
type Tenant struct {
	Index int
	ID    int64
	Name  string
	// FreshnessHours is backup_freshness_hours, already defaulted to 24.
	FreshnessHours int64
}

// BackupSetStatus is a backup set's lifecycle status.
type BackupSetStatus string

const (
	BackupQueued    BackupSetStatus = "queued"
	BackupRunning   BackupSetStatus = "running"
	BackupCompleted BackupSetStatus = "completed"
	BackupPartial   BackupSetStatus = "partial"
	BackupFailed    BackupSetStatus = "failed"
)

// BackupSet is one backup attempt of a tenant's configuration.
type BackupSet struct {
	Index           int
	ID              int64
	TenantID        int64
	Name            string
	Status          BackupSetStatus
	StartedAt       *time.Time
	CompletedAt     *time.Time
	ItemCount       *int64
	FailedItemCount *int64
}

// RestoreStatus is a restore run's lifecycle status.
type RestoreStatus string

const (
	RestoreDraft               RestoreStatus = "draft"
	RestoreScoped              RestoreStatus = "scoped"
	RestoreChecked             RestoreStatus = "checked"
	RestorePreviewed           RestoreStatus = "previewed"
	RestoreQueued              RestoreStatus = "queued"
	RestoreRunning             RestoreStatus = "running"
	RestoreCompleted           RestoreStatus = "completed"
	RestorePartial             RestoreStatus = "partial"
	RestoreCompletedWithErrors RestoreStatus = "completed_with_errors"
	RestoreFailed              RestoreStatus = "failed"
	RestoreCancelled           RestoreStatus = "cancelled"
)

// PreExecution reports whether the run never got past preparation.
func (s RestoreStatus) PreExecution() bool {
	return s == RestoreDraft || s == RestoreScoped || s == RestoreChecked || s == RestorePreviewed
}

// InFlight reports whether the run is queued or running.
func (s RestoreStatus) InFlight() bool { return s == RestoreQueued || s == RestoreRunning }

// RestoreRun is one restore (or preview of a restore) of a tenant's configuration.
type RestoreRun struct {
	Index          int
	ID             int64
	TenantID       int64
	BackupSetID    *int64
	Status         RestoreStatus
	IsDryRun       bool
	CreatedAt      time.Time
	CompletedAt    *time.Time
	OperationRunID *int64
	Results        Results
	Metadata       Metadata
}

// Results holds the per-entry outcomes the backend recorded, by kind.
type Results struct {
	Items       []ResultEntry
	Foundations []ResultEntry
	Assignments []ResultEntry
}

// Outcome is what happened to one restored entry.
type Outcome string

const (
	OutcomeApplied Outcome = "applied"
	OutcomePartial Outcome = "partial"
	OutcomeFailed  Outcome = "failed"
	OutcomeSkipped Outcome = "skipped"
)

// ResultEntry is one item, foundation or assignment of a restore.
type ResultEntry struct {
	ID      string
	Name    string
	Type    string
	Outcome Outcome
	Message string
}

// Metadata is the backend's summary of a run. Counts is nil when the snapshot
// has no counts object.
type Metadata struct {
	Counts     *Counts
	NonApplied []NonApplied
	ScopeBasis string
}

// Counts are the backend's result counts. A nil member was absent from the
// snapshot and is unknown, never zero.
type Counts struct {
	Total      *int64 `json:"total,omitempty"`
	Applied    *int64 `json:"applied,omitempty"`
	Partial    *int64 `json:"partial,omitempty"`
	Failed     *int64 `json:"failed,omitempty"`
	Skipped    *int64 `json:"skipped,omitempty"`
	NonApplied *int64 `json:"non_applied,omitempty"`
}

// Empty reports whether no count is known.
func (c *Counts) Empty() bool {
	return c == nil || (c.Total == nil && c.Applied == nil && c.Partial == nil &&
		c.Failed == nil && c.Skipped == nil && c.NonApplied == nil)
}

// NonApplied is one entry the backend reports as not applied.
type NonApplied struct {
	ID     string
	Name   string
	Reason string
}

// OperationStatus is an operation run's lifecycle status.
type OperationStatus string

const (
	OperationQueued    OperationStatus = "queued"
	OperationRunning   OperationStatus = "running"
	OperationCompleted OperationStatus = "completed"
)

// OperationOutcome is how an operation run ended; pending until it completes.
type OperationOutcome string

const (
	OutcomePending            OperationOutcome = "pending"
	OutcomeSucceeded          OperationOutcome = "succeeded"
	OutcomePartiallySucceeded OperationOutcome = "partially_succeeded"
	OutcomeOpFailed           OperationOutcome = "failed"
	OutcomeBlocked            OperationOutcome = "blocked"
	OutcomeCancelled          OperationOutcome = "cancelled"
)

// OperationRun is the umbrella execution record of a restore (proof that it ran).
type OperationRun struct {
	Index       int
	ID          int64
	TenantID    int64
	Type        string
	Status      OperationStatus
	Outcome     OperationOutcome
	StartedAt   *time.Time
	CompletedAt *time.Time
}

// EvidenceStatus is an evidence snapshot's status.
type EvidenceStatus string

const (
	EvidencePending    EvidenceStatus = "pending"
	EvidenceActive     EvidenceStatus = "active"
	EvidenceSuperseded EvidenceStatus = "superseded"
	EvidenceExpired    EvidenceStatus = "expired"
	EvidenceFailed     EvidenceStatus = "failed"
)

// EvidenceSnapshot is post-run evidence captured for one operation run.
type EvidenceSnapshot struct {
	Index          int
	ID             int64
	TenantID       int64
	OperationRunID int64
	Status         EvidenceStatus
	CapturedAt     time.Time
	ExpiresAt      *time.Time
}
