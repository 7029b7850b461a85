package domain

import "github.com/tenantatlas/tenantatlas/snapshot"

// The types below are the JSON of `tenantatlas resolve` (docs/interfaces.md) and what
// the pages render. Member order follows docs/interfaces.md. Members beyond it are
// extensions: `why` (only with --explain), `code`/`reach` on errors.

// Resolution is every state derived from one snapshot.
type Resolution struct {
	// SchemaVersion and GeneratedAt are null when the snapshot was rejected.
	SchemaVersion *int              `json:"schema_version"`
	GeneratedAt   *string           `json:"generated_at"`
	Name          *string           `json:"name,omitempty"`
	Errors        snapshot.Problems `json:"errors"`
	// ErrorsOmitted counts problems past MaxProblems.
	ErrorsOmitted int           `json:"errors_omitted,omitempty"`
	Tenants       []TenantState `json:"tenants"`
}

// DataStatus says whether a tenant's records could be resolved: a tenant a
// problem quarantines is invalid, and nothing is derived for it.
type DataStatus string

// The data statuses.
const (
	DataValid   DataStatus = "valid"
	DataInvalid DataStatus = "invalid"
)

// DataStatuses lists every data status.
var DataStatuses = []DataStatus{DataValid, DataInvalid}

// TenantState is everything derived for one tenant. For a quarantined tenant
// (DataStatus "invalid") every derived member is null or empty.
type TenantState struct {
	TenantID         int64             `json:"tenant_id"`
	Name             string            `json:"name"`
	DataStatus       DataStatus        `json:"data_status"`
	BackupHealth     *BackupHealth     `json:"backup_health"`
	RecoveryEvidence *RecoveryEvidence `json:"recovery_evidence"`
	NeedsAttention   []AttentionItem   `json:"needs_attention"`
	RestoreRuns      []RunState        `json:"restore_runs"`
}

// Why says which rule derived a state and which records it rested on, the way
// a compiler diagnostic carries its position.
type Why struct {
	// Rule names the rule that matched, e.g. "docs/rules.md §1 stale": a section of
	// docs/rules.md.
	Rule string `json:"rule"`
	// Text is the explanation a person reads behind "Why this state?".
	Text string `json:"text"`
	// Records are the JSON paths of the records the state rests on.
	Records []string `json:"records"`
}

// Action is a link the page offers, or a disabled control with helper text
// when the viewer lacks the capability it needs.
type Action struct {
	Label string `json:"label"`
	// URL is relative to the snapshot's base (e.g. "tenants/1/backup-sets");
	// empty when Disabled.
	URL        string `json:"url"`
	Disabled   bool   `json:"disabled"`
	HelperText string `json:"helper_text"`
}

// BackupHealth is a tenant's backup-input posture. It says nothing about restores.
type BackupHealth struct {
	Posture               Posture        `json:"posture"`
	PrimaryReason         *PostureReason `json:"primary_reason"`
	Headline              string         `json:"headline"`
	SupportingMessage     string         `json:"supporting_message"`
	HealthyClaimAllowed   bool           `json:"healthy_claim_allowed"`
	PrimaryActionTarget   Action         `json:"primary_action_target"`
	PositiveClaimBoundary string         `json:"positive_claim_boundary"`
	// LatestUsableBackupSetID is the set the posture rests on, when there is one.
	LatestUsableBackupSetID *int64 `json:"latest_usable_backup_set_id"`
	Why                     *Why   `json:"why,omitempty"`
}

// RecoveryEvidence is the tenant-level recovery evidence overview.
type RecoveryEvidence struct {
	OverviewState                 OverviewState   `json:"overview_state"`
	BackupPosture                 Posture         `json:"backup_posture"`
	RelevantRestoreHistoryPresent bool            `json:"relevant_restore_history_present"`
	LatestRelevantRestoreRunID    *int64          `json:"latest_relevant_restore_run_id"`
	LatestRelevantAttentionState  *AttentionState `json:"latest_relevant_attention_state"`
	Headline                      string          `json:"headline"`
	Summary                       string          `json:"summary"`
	ClaimBoundary                 string          `json:"claim_boundary"`
	Action                        Action          `json:"action"`
	Why                           *Why            `json:"why,omitempty"`
}

// AttentionItem is one entry of a tenant's Needs Attention list.
type AttentionItem struct {
	Kind     NeedsAttentionKind `json:"kind"`
	Headline string             `json:"headline"`
	// URL is relative to the snapshot's base; empty when Disabled.
	URL        string `json:"url"`
	Disabled   bool   `json:"disabled,omitempty"`
	HelperText string `json:"helper_text,omitempty"`
}

// RunState is everything derived for one restore run.
type RunState struct {
	ID        int64       `json:"id"`
	Attention Attention   `json:"attention"`
	Result    ResultState `json:"result"`
}

// Attention is a run's restore result attention (docs/rules.md §2).
type Attention struct {
	State                 AttentionState `json:"state"`
	Summary               string         `json:"summary"`
	FollowUpRequired      bool           `json:"follow_up_required"`
	PrimaryNextAction     string         `json:"primary_next_action"`
	RecoveryClaimBoundary string         `json:"recovery_claim_boundary"`
	Tone                  string         `json:"tone"`
	Why                   *Why           `json:"why,omitempty"`
}

// ResultState is a run's decision-first result state (docs/rules.md §4).
type ResultState struct {
	State                ResultStateKey `json:"state"`
	StatusLabel          string         `json:"status_label"`
	Reason               string         `json:"reason"`
	Impact               string         `json:"impact"`
	PrimaryNextAction    string         `json:"primary_next_action"`
	OperationProofState  ProofState     `json:"operation_proof_state"`
	PostRunEvidenceState ProofState     `json:"post_run_evidence_state"`
	ResultSummary        ResultSummary  `json:"result_summary"`
	AllowedClaims        []string       `json:"allowed_claims"`
	DiagnosticsCollapsed bool           `json:"diagnostics_collapsed"`
	// CurrentEvidenceIDs are the evidence snapshots that count as current for
	// this run (same tenant, same operation, active, not expired), the first
	// MaxListedEvidence of them in ascending id; CurrentEvidenceOmitted counts
	// the rest. Every run of an operation lists its evidence: unbounded, a
	// snapshot of many runs sharing one operation with many evidence
	// records would make an output the square of its size.
	CurrentEvidenceIDs     []int64 `json:"current_evidence_ids"`
	CurrentEvidenceOmitted int     `json:"current_evidence_omitted,omitempty"`
	Why                    *Why    `json:"why,omitempty"`
}

// ResultSummary shows exactly the counts the snapshot has and nothing it lacks.
// When the snapshot has no counts, Available is false, Counts is nil and Text
// says why (docs/rules.md §4 table).
type ResultSummary struct {
	Available bool             `json:"available"`
	Counts    *snapshot.Counts `json:"counts"`
	Text      string           `json:"text"`
}
