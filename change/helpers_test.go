package change_test

import (
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// run is a restore run's four compared states.
type run struct {
	id                                 int64
	attention, result, proof, evidence string
}

func (r run) state() domain.RunState {
	return domain.RunState{ID: r.id,
		Attention: domain.Attention{State: r.attention},
		Result:    domain.ResultState{State: r.result, OperationProofState: r.proof, PostRunEvidenceState: r.evidence}}
}

// done is a completed run with evidence; failed a failed one.
func done(id int64) run {
	return run{id, domain.AttentionCompleted, domain.ResultCompletedWithEvidence, domain.ProofAvailable, domain.ProofAvailable}
}

func failed(id int64) run {
	return run{id, domain.AttentionFailed, domain.ResultFailed, domain.ProofAvailable, domain.ProofUnavailable}
}

// tenant is a valid tenant in the given states; its reason, latest run and
// Needs Attention follow from them as rules.md derives them. The latest
// relevant run is the last run given, when the overview has one.
func tenant(id int64, posture, overview string, runs ...run) domain.TenantState {
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
		t.RecoveryEvidence.LatestRelevantAttentionState = p(last.attention)
	}
	if overview == domain.OverviewWeakened {
		t.NeedsAttention = append(t.NeedsAttention, domain.AttentionItem{Kind: domain.KindRecoveryWeakened})
	}
	if posture != domain.PostureHealthy {
		t.NeedsAttention = append(t.NeedsAttention, domain.AttentionItem{Kind: "backup_" + posture})
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
	healthy  = domain.PostureHealthy
	degraded = domain.PostureDegraded
	stale    = domain.PostureStale
	absent   = domain.PostureAbsent
	clean    = domain.OverviewNoRecentIssuesVisible
	unknown  = domain.OverviewUnvalidated
	weakened = domain.OverviewWeakened
)
