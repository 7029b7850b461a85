// Package coverage maps which state keys of the derivation rules a snapshot
// reaches, and where: the QA map of `tenantatlas coverage` and of the
// coverage page. It is a pure computation over a domain.Resolution.
package coverage

import (
	"strconv"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
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
// primary_reason ("" for healthy, and for every other table).
type Key struct {
	Table  string
	State  string
	Reason string
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
	SchemaVersion *int              `json:"schema_version"`
	GeneratedAt   *string           `json:"generated_at"`
	Name          *string           `json:"name,omitempty"`
	Errors        snapshot.Problems `json:"errors"`
	ErrorsOmitted int               `json:"errors_omitted,omitempty"`
	Reached       int               `json:"reached"`
	Total         int               `json:"total"`
	Rows          []Row             `json:"rows"`
}

// keys are every state key of the rules, table by table; within a table in
// the order the rules list them (precedence order where there is one), the
// proof and evidence states in the order the §4 table first names them. A
// table of constants, not code: app.wasm carries it as data.
var keys = [...]Key{
	{TableBackupPosture, string(domain.PostureAbsent), string(domain.ReasonNoBackupSets)},
	{TableBackupPosture, string(domain.PostureAbsent), string(domain.ReasonNoUsableBackup)},
	{TableBackupPosture, string(domain.PostureStale), string(domain.ReasonLatestBackupStale)},
	{TableBackupPosture, string(domain.PostureDegraded), string(domain.ReasonLatestAttemptFailed)},
	{TableBackupPosture, string(domain.PostureDegraded), string(domain.ReasonLatestBackupPartial)},
	{TableBackupPosture, string(domain.PostureDegraded), string(domain.ReasonLatestHasFailed)},
	{TableBackupPosture, string(domain.PostureHealthy), ""},
	{TableAttention, string(domain.AttentionNotExecuted), ""},
	{TableAttention, string(domain.AttentionFailed), ""},
	{TableAttention, string(domain.AttentionPartial), ""},
	{TableAttention, string(domain.AttentionCompletedWithFollowUp), ""},
	{TableAttention, string(domain.AttentionCompleted), ""},
	{TableOverviewState, string(domain.OverviewUnvalidated), ""},
	{TableOverviewState, string(domain.OverviewWeakened), ""},
	{TableOverviewState, string(domain.OverviewNoRecentIssuesVisible), ""},
	{TableResultState, string(domain.ResultNotExecuted), ""},
	{TableResultState, string(domain.ResultFailed), ""},
	{TableResultState, string(domain.ResultBlockedOrCancelled), ""},
	{TableResultState, string(domain.ResultInProgress), ""},
	{TableResultState, string(domain.ResultNeedsReview), ""},
	{TableResultState, string(domain.ResultCompletedWithEvidence), ""},
	{TableResultState, string(domain.ResultCompletedProofIncomplete), ""},
	{TableOperationProofState, string(domain.ProofUnavailable), ""},
	{TableOperationProofState, string(domain.ProofInProgress), ""},
	{TableOperationProofState, string(domain.ProofAvailable), ""},
	{TablePostRunEvidenceState, string(domain.ProofUnavailable), ""},
	{TablePostRunEvidenceState, string(domain.ProofAvailable), ""},
	{TableNeedsAttention, string(domain.KindRecoveryWeakened), ""},
	{TableNeedsAttention, string(domain.KindBackupAbsent), ""},
	{TableNeedsAttention, string(domain.KindBackupStale), ""},
	{TableNeedsAttention, string(domain.KindBackupDegraded), ""},
	{TableContinuityReason, string(domain.ContinuityNoHistory), ""},
	{TableContinuityReason, string(domain.ContinuityFailed), ""},
	{TableContinuityReason, string(domain.ContinuityPartial), ""},
	{TableContinuityReason, string(domain.ContinuityCompletedWithFollowUp), ""},
	{TableContinuityReason, string(domain.ContinuityNoRecentIssuesVisible), ""},
	{TableDataStatus, string(domain.DataValid), ""},
	{TableDataStatus, string(domain.DataInvalid), ""},
}

// Keys are every state key of the rules, in their order.
func Keys() []Key { return keys[:] }

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
	at map[Key]int
}

// NewTally starts the report of a resolution's header; its tenants are
// not read.
func NewTally(res *domain.Resolution) *Tally {
	r := &Report{SchemaVersion: res.SchemaVersion, GeneratedAt: res.GeneratedAt, Name: res.Name,
		Errors: res.Errors, ErrorsOmitted: res.ErrorsOmitted, Total: len(keys), Rows: make([]Row, len(keys))}
	if r.Errors == nil {
		r.Errors = snapshot.Problems{}
	}
	at := make(map[Key]int, len(keys))
	for i, k := range keys {
		r.Rows[i] = Row{Table: k.Table, State: k.State, Examples: []string{}}
		if k.Reason != "" {
			reason := k.Reason
			r.Rows[i].Reason = &reason
		}
		at[k] = i
	}
	return &Tally{r: r, at: at}
}

// Report is the report of the tenants added so far.
func (t *Tally) Report() *Report { return t.r }

func (t *Tally) hit(k Key, addr string) {
	i, ok := t.at[k]
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
	tenant := "tenants/" + strconv.FormatInt(ts.TenantID, 10)
	t.hit(Key{Table: TableDataStatus, State: string(ts.DataStatus)}, tenant)
	if ts.DataStatus != domain.DataValid || ts.BackupHealth == nil || ts.RecoveryEvidence == nil {
		return
	}
	bh := ts.BackupHealth
	reason := ""
	if bh.PrimaryReason != nil {
		reason = string(*bh.PrimaryReason)
	}
	t.hit(Key{Table: TableBackupPosture, State: string(bh.Posture), Reason: reason}, tenant)
	ev := ts.RecoveryEvidence
	t.hit(Key{Table: TableOverviewState, State: string(ev.OverviewState)}, tenant)
	if c := continuityReason(ev); c != "" {
		t.hit(Key{Table: TableContinuityReason, State: c}, tenant+"/restore-runs?recovery_posture_reason="+c)
	}
	for _, n := range ts.NeedsAttention {
		t.hit(Key{Table: TableNeedsAttention, State: string(n.Kind)}, tenant)
	}
	for _, run := range ts.RestoreRuns {
		addr := tenant + "/restore-runs/" + strconv.FormatInt(run.ID, 10)
		t.hit(Key{Table: TableAttention, State: string(run.Attention.State)}, addr)
		t.hit(Key{Table: TableResultState, State: string(run.Result.State)}, addr)
		t.hit(Key{Table: TableOperationProofState, State: string(run.Result.OperationProofState)}, addr)
		t.hit(Key{Table: TablePostRunEvidenceState, State: string(run.Result.PostRunEvidenceState)}, addr)
	}
}

// continuityReason is the recovery_posture_reason a tenant's overview leads
// to: no_history when unvalidated, the latest relevant run's attention when
// weakened, no_recent_issues_visible when that is the overview.
func continuityReason(ev *domain.RecoveryEvidence) string {
	switch ev.OverviewState {
	case domain.OverviewUnvalidated:
		return string(domain.ContinuityNoHistory)
	case domain.OverviewWeakened:
		if ev.LatestRelevantAttentionState != nil {
			return string(*ev.LatestRelevantAttentionState)
		}
	case domain.OverviewNoRecentIssuesVisible:
		return string(domain.ContinuityNoRecentIssuesVisible)
	}
	return ""
}

// Complete reports whether every key is reached.
func (r *Report) Complete() bool { return r.Reached == r.Total }
