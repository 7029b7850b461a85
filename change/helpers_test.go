package change_test

import (
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// The tests read and write state keys as the change package does, as
// strings; they are given to the domain as its types.

// run is a restore run's four compared states.
type run struct {
	id                                 int64
	attention, result, proof, evidence string
}

func (r run) state() domain.RunState {
	return domain.RunState{ID: r.id,
		Attention: domain.Attention{State: domain.AttentionState(r.attention)},
		Result: domain.ResultState{State: domain.ResultStateKey(r.result),
			OperationProofState: domain.ProofState(r.proof), PostRunEvidenceState: domain.ProofState(r.evidence)}}
}

// done is a completed run with evidence; failed a failed one.
func done(id int64) run {
	return run{id, string(domain.AttentionCompleted), string(domain.ResultCompletedWithEvidence), available, available}
}

func failed(id int64) run {
	return run{id, string(domain.AttentionFailed), string(domain.ResultFailed), available, string(domain.ProofUnavailable)}
}

// tenant is a valid tenant in the given states; its reason, latest run and
// Needs Attention follow from them as rules.md derives them. The latest
// relevant run is the last run given, when the overview has one.
func tenant(id int64, postureKey, overviewKey string, runs ...run) domain.TenantState {
	posture, overview := domain.Posture(postureKey), domain.OverviewState(overviewKey)
	t := domain.TenantState{TenantID: id, Name: "Tenant", DataStatus: domain.DataValid,
		BackupHealth:     &domain.BackupHealth{Posture: posture},
		RecoveryEvidence: &domain.RecoveryEvidence{OverviewState: overview, BackupPosture: posture},
		NeedsAttention:   []domain.AttentionItem{}, RestoreRuns: []domain.RunState{}}
	switch posture {
	case domain.PostureAbsent:
		t.BackupHealth.PrimaryReason = p(domain.ReasonNoBackupSets)
	case domain.PostureStale:
		t.BackupHealth.PrimaryReason = p(domain.ReasonLatestBackupStale)
	case domain.PostureDegraded:
		t.BackupHealth.PrimaryReason = p(domain.ReasonLatestAttemptFailed)
	}
	for _, r := range runs {
		t.RestoreRuns = append(t.RestoreRuns, r.state())
	}
	if overview != domain.OverviewUnvalidated && len(runs) > 0 {
		last := runs[len(runs)-1]
		t.RecoveryEvidence.LatestRelevantRestoreRunID = p(last.id)
		t.RecoveryEvidence.LatestRelevantAttentionState = p(domain.AttentionState(last.attention))
	}
	if overview == domain.OverviewWeakened {
		t.NeedsAttention = append(t.NeedsAttention, domain.AttentionItem{Kind: domain.KindRecoveryWeakened})
	}
	if posture != domain.PostureHealthy {
		t.NeedsAttention = append(t.NeedsAttention, domain.AttentionItem{Kind: domain.NeedsAttentionKind("backup_" + posture)})
	}
	return t
}

func invalid(id int64) domain.TenantState {
	return domain.TenantState{TenantID: id, Name: "Tenant", DataStatus: domain.DataInvalid,
		NeedsAttention: []domain.AttentionItem{}, RestoreRuns: []domain.RunState{}}
}

func resolution(at string, ts ...domain.TenantState) *domain.Resolution {
	v := 1
	return &domain.Resolution{SchemaVersion: &v, GeneratedAt: &at, Errors: snapshot.Problems{}, Tenants: ts}
}

func p[T any](v T) *T { return &v }

const (
	healthy     = string(domain.PostureHealthy)
	degraded    = string(domain.PostureDegraded)
	stale       = string(domain.PostureStale)
	absent      = string(domain.PostureAbsent)
	clean       = string(domain.OverviewNoRecentIssuesVisible)
	unknown     = string(domain.OverviewUnvalidated)
	available   = string(domain.ProofAvailable)
	validData   = string(domain.DataValid)
	invalidData = string(domain.DataInvalid)
	weakened    = string(domain.OverviewWeakened)
)
