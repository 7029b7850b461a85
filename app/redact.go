package app

import (
	"strings"

	"github.com/tenantatlas/tenantatlas/domain"
)

// Without a capability, no record of its area reaches the page (docs/rules.md §7),
// not even by name in another card's sentence. The states derived from those
// records may be shown (they are what the dashboard is for); the sentences
// and explanations that name the records are replaced.

const (
	restoreHidden  = "Which restore run this rests on, and what it recorded, is not shown: your access does not include restore runs (the restore.view capability is missing)."
	evidenceHidden = "Which evidence records this rests on is not shown: your access does not include evidence records (the evidence.view capability is missing)."
	backupHidden   = "Which backup set this rests on is not shown: your access does not include backup sets (the backup.view capability is missing)."
)

// forViewer is ts as the viewer may see it; ts itself is left as it is.
func forViewer(ts *domain.TenantState, canBackup, canRestore bool) *domain.TenantState {
	if canBackup && canRestore {
		return ts
	}
	out := *ts
	if bh := ts.BackupHealth; bh != nil && !canBackup {
		c := *bh
		c.SupportingMessage, c.LatestUsableBackupSetID = backupHidden, nil
		c.Why = hiddenWhy(bh.Why, backupHidden)
		out.BackupHealth = &c
	}
	if ev := ts.RecoveryEvidence; ev != nil && !canRestore {
		c := *ev
		if ev.OverviewState != domain.OverviewUnvalidated {
			c.Summary = restoreHidden
		}
		if ev.OverviewState == domain.OverviewWeakened {
			c.Action.Label = "Review the latest restore run" // not "run #R"
		}
		c.LatestRelevantRestoreRunID, c.LatestRelevantAttentionState = nil, nil
		c.Why = hiddenWhy(ev.Why, restoreHidden)
		out.RecoveryEvidence = &c
		out.NeedsAttention = make([]domain.AttentionItem, len(ts.NeedsAttention))
		for i, it := range ts.NeedsAttention {
			if it.Kind == domain.KindRecoveryWeakened {
				it.Headline = "The latest executed restore needs review"
			}
			out.NeedsAttention[i] = it
		}
		out.RestoreRuns = nil
	}
	return &out
}

// hiddenWhy keeps the rule that decided, and drops what it saw.
func hiddenWhy(w *domain.Why, text string) *domain.Why {
	if w == nil {
		return nil
	}
	return &domain.Why{Rule: w.Rule, Text: text, Records: nil}
}

// withoutEvidence is ts for a viewer without evidence.view: no evidence
// record's id or path, in a run's current evidence or in an explanation;
// the evidence states derived from them stay.
func withoutEvidence(ts *domain.TenantState) *domain.TenantState {
	out := *ts
	out.RestoreRuns = make([]domain.RunState, len(ts.RestoreRuns))
	for i, r := range ts.RestoreRuns {
		r.Result.CurrentEvidenceIDs, r.Result.CurrentEvidenceOmitted = nil, 0
		r.Result.Why = withoutEvidencePaths(r.Result.Why)
		if r.Result.Why != nil {
			r.Result.Why.Text = evidenceHidden // it lists the evidence by id
		}
		r.Attention.Why = withoutEvidencePaths(r.Attention.Why)
		out.RestoreRuns[i] = r
	}
	if ev := ts.RecoveryEvidence; ev != nil {
		c := *ev
		c.Why = withoutEvidencePaths(ev.Why)
		out.RecoveryEvidence = &c
	}
	return &out
}

func withoutEvidencePaths(w *domain.Why) *domain.Why {
	if w == nil {
		return nil
	}
	c := *w
	c.Records = nil
	for _, r := range w.Records {
		if !strings.HasPrefix(r, "evidence_snapshots") {
			c.Records = append(c.Records, r)
		}
	}
	return &c
}
