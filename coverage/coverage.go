// Package coverage maps which state keys of the derivation rules a snapshot
// reaches, and where: the QA map of `tenantatlas coverage` and of the
// coverage page. It is a pure computation over a domain.Resolution.
package coverage

import (
	"fmt"

	"github.com/tenantatlas/tenantatlas/domain"
)

// Tables, in the order their rows are listed.
const (
	TableBackupPosture        = "backup_posture"
	TableAttention            = "attention"
	TableOverviewState        = "overview_state"
	TableResultState          = "result_state"
	TableOperationProofState  = "operation_proof_state"
	TablePostRunEvidenceState = "post_run_evidence_state"
	TableNeedsAttention       = "needs_attention"
	TableContinuityReason     = "continuity_reason"
	TableDataStatus           = "data_status"
)

// MaxExamples is how many example addresses a row lists.
const MaxExamples = 5

// Key is one state key: a table and a state, and for backup_posture the
// primary_reason (nil for healthy, and for every other table).
type Key struct {
	Table  string
	State  string
	Reason *string
}

// Row is a key and where the snapshot reaches it. Examples are addresses
// relative to the snapshot's base, in ascending tenant id then run id.
type Row struct {
	Table    string   `json:"table"`
	State    string   `json:"state"`
	Reason   *string  `json:"reason"`
	Count    int      `json:"count"`
	Examples []string `json:"examples"`
}

// Report is the coverage of one snapshot. For a rejected snapshot the
// header is null, Errors says why and every count is zero.
type Report struct {
	SchemaVersion *int            `json:"schema_version"`
	GeneratedAt   *string         `json:"generated_at"`
	Name          *string         `json:"name,omitempty"`
	Errors        domain.Problems `json:"errors"`
	ErrorsOmitted int             `json:"errors_omitted,omitempty"`
	Reached       int             `json:"reached"`
	Total         int             `json:"total"`
	Rows          []Row           `json:"rows"`
}

func reason(s string) *string { return &s }

// Keys are every state key of the rules, table by table; within a table in
// the order the rules list them (precedence order where there is one).
func Keys() []Key {
	keys := []Key{
		{TableBackupPosture, domain.PostureAbsent, reason(domain.ReasonNoBackupSets)},
		{TableBackupPosture, domain.PostureAbsent, reason(domain.ReasonNoUsableBackup)},
		{TableBackupPosture, domain.PostureStale, reason(domain.ReasonLatestBackupStale)},
		{TableBackupPosture, domain.PostureDegraded, reason(domain.ReasonLatestAttemptFailed)},
		{TableBackupPosture, domain.PostureDegraded, reason(domain.ReasonLatestBackupPartial)},
		{TableBackupPosture, domain.PostureDegraded, reason(domain.ReasonLatestHasFailed)},
		{TableBackupPosture, domain.PostureHealthy, nil},
	}
	add := func(table string, states ...string) {
		for _, s := range states {
			keys = append(keys, Key{Table: table, State: s})
		}
	}
	add(TableAttention, domain.AttentionNotExecuted, domain.AttentionFailed, domain.AttentionPartial,
		domain.AttentionCompletedWithFollowUp, domain.AttentionCompleted)
	add(TableOverviewState, domain.OverviewUnvalidated, domain.OverviewWeakened, domain.OverviewNoRecentIssuesVisible)
	add(TableResultState, domain.ResultNotExecuted, domain.ResultFailed, domain.ResultBlockedOrCancelled,
		domain.ResultInProgress, domain.ResultNeedsReview, domain.ResultCompletedWithEvidence, domain.ResultCompletedProofIncomplete)
	// The proof and evidence states in the order the §4 table first names them.
	add(TableOperationProofState, domain.ProofUnavailable, domain.ProofInProgress, domain.ProofAvailable)
	add(TablePostRunEvidenceState, domain.ProofUnavailable, domain.ProofAvailable)
	add(TableNeedsAttention, domain.KindRecoveryWeakened, domain.KindBackupAbsent, domain.KindBackupStale, domain.KindBackupDegraded)
	add(TableContinuityReason, domain.ContinuityNoHistory, domain.ContinuityFailed, domain.ContinuityPartial,
		domain.ContinuityCompletedWithFollowUp, domain.ContinuityNoRecentIssuesVisible)
	add(TableDataStatus, domain.DataValid, domain.DataInvalid)
	return keys
}

// id is a key as a map key.
func (k Key) id() string {
	if k.Reason == nil {
		return k.Table + "\x00" + k.State
	}
	return k.Table + "\x00" + k.State + "\x00" + *k.Reason
}

// Compute counts, for every key, the tenants or runs of res that reach it.
func Compute(res *domain.Resolution) *Report {
	t := NewTally(res)
	for i := range res.Tenants {
		t.Add(&res.Tenants[i])
	}
	return t.Report()
}

// Tally builds a report a tenant at a time, so that a large snapshot need
// not be resolved whole first.
type Tally struct {
	r  *Report
	at map[string]int
}

// NewTally starts the report of a resolution's header; its tenants are
// not read.
func NewTally(res *domain.Resolution) *Tally {
	keys := Keys()
	r := &Report{SchemaVersion: res.SchemaVersion, GeneratedAt: res.GeneratedAt, Name: res.Name,
		Errors: res.Errors, ErrorsOmitted: res.ErrorsOmitted, Total: len(keys), Rows: make([]Row, len(keys))}
	if r.Errors == nil {
		r.Errors = domain.Problems{}
	}
	at := make(map[string]int, len(keys))
	for i, k := range keys {
		r.Rows[i] = Row{Table: k.Table, State: k.State, Reason: k.Reason, Examples: []string{}}
		at[k.id()] = i
	}
	return &Tally{r: r, at: at}
}

// Report is the report of the tenants added so far.
func (t *Tally) Report() *Report { return t.r }

func (t *Tally) hit(k Key, addr string) {
	i, ok := t.at[k.id()]
	if !ok {
		return // a state the rules do not list: nothing to map it to
	}
	row := &t.r.Rows[i]
	if row.Count == 0 {
		t.r.Reached++
	}
	row.Count++
	if len(row.Examples) < MaxExamples {
		row.Examples = append(row.Examples, addr)
	}
}

// Add counts the keys one tenant reaches. Tenants are added in ascending id,
// so that the examples are the first ones.
func (t *Tally) Add(ts *domain.TenantState) {
	tenant := fmt.Sprintf("tenants/%d", ts.TenantID)
	t.hit(Key{Table: TableDataStatus, State: ts.DataStatus}, tenant)
	if ts.DataStatus != domain.DataValid || ts.BackupHealth == nil || ts.RecoveryEvidence == nil {
		return
	}
	bh := ts.BackupHealth
	t.hit(Key{Table: TableBackupPosture, State: bh.Posture, Reason: bh.PrimaryReason}, tenant)
	ev := ts.RecoveryEvidence
	t.hit(Key{Table: TableOverviewState, State: ev.OverviewState}, tenant)
	if c := continuityReason(ev); c != "" {
		t.hit(Key{Table: TableContinuityReason, State: c}, tenant+"/restore-runs?recovery_posture_reason="+c)
	}
	for _, n := range ts.NeedsAttention {
		t.hit(Key{Table: TableNeedsAttention, State: n.Kind}, tenant)
	}
	for _, run := range ts.RestoreRuns {
		addr := fmt.Sprintf("%s/restore-runs/%d", tenant, run.ID)
		t.hit(Key{Table: TableAttention, State: run.Attention.State}, addr)
		t.hit(Key{Table: TableResultState, State: run.Result.State}, addr)
		t.hit(Key{Table: TableOperationProofState, State: run.Result.OperationProofState}, addr)
		t.hit(Key{Table: TablePostRunEvidenceState, State: run.Result.PostRunEvidenceState}, addr)
	}
}

// continuityReason is the recovery_posture_reason a tenant's overview leads
// to: no_history when unvalidated, the latest relevant run's attention when
// weakened, no_recent_issues_visible when that is the overview.
func continuityReason(ev *domain.RecoveryEvidence) string {
	switch ev.OverviewState {
	case domain.OverviewUnvalidated:
		return domain.ContinuityNoHistory
	case domain.OverviewWeakened:
		if ev.LatestRelevantAttentionState != nil {
			return *ev.LatestRelevantAttentionState
		}
	case domain.OverviewNoRecentIssuesVisible:
		return domain.ContinuityNoRecentIssuesVisible
	}
	return ""
}

// Complete reports whether every key is reached.
func (r *Report) Complete() bool { return r.Reached == r.Total }
