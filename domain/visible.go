package domain

import (
	"strings"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Without a capability, no record of its area is shown (docs/rules.md §7),
// not even by name in another card's sentence. The states derived from those
// records may be shown (they are what the dashboard is for); the sentences
// and explanations that name the records are replaced. The pages and the
// files a site publishes for a restricted viewer both go through ForViewer.

var (
	restoreHidden  = notShown("Which restore run this rests on, and what it recorded,", snapshot.CapRestoreView)
	evidenceHidden = notShown("Which evidence records this rests on", snapshot.CapEvidenceView)
	backupHidden   = notShown("Which backup set this rests on", snapshot.CapBackupView)
)

// notShown says that what is not shown, and which capability would show it.
func notShown(what string, c snapshot.Capability) string {
	missing := MissingAccess(c)
	return what + " is not shown: " + strings.ToLower(missing[:1]) + missing[1:]
}

// ForViewer is ts as a viewer holding the capabilities can reports may see
// it; ts itself is left as it is.
func ForViewer(ts *TenantState, can func(snapshot.Capability) bool) *TenantState {
	out := withheld(ts, can(snapshot.CapBackupView), can(snapshot.CapRestoreView))
	if !can(snapshot.CapEvidenceView) {
		out = withoutEvidence(out)
	}
	return out
}

// withheld is ts without the backup sets or restore runs the viewer lacks.
func withheld(ts *TenantState, canBackup, canRestore bool) *TenantState {
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
		if ev.OverviewState != OverviewUnvalidated {
			c.Summary = restoreHidden
		}
		if ev.OverviewState == OverviewWeakened {
			c.Action.Label = "Review the latest restore run" // not "run #R"
		}
		c.LatestRelevantRestoreRunID, c.LatestRelevantAttentionState = nil, nil
		c.Why = hiddenWhy(ev.Why, restoreHidden)
		out.RecoveryEvidence = &c
		out.NeedsAttention = make([]AttentionItem, len(ts.NeedsAttention))
		for i, it := range ts.NeedsAttention {
			if it.Kind == KindRecoveryWeakened {
				it.Headline = "The latest executed restore needs review"
			}
			out.NeedsAttention[i] = it
		}
		out.RestoreRuns = nil
	}
	return &out
}

// hiddenWhy keeps the rule that decided, and drops what it saw.
func hiddenWhy(w *Why, text string) *Why {
	if w == nil {
		return nil
	}
	return &Why{Rule: w.Rule, Text: text, Records: nil}
}

// withoutEvidence is ts for a viewer without evidence.view: no evidence
// record's id or path, in a run's current evidence or in an explanation;
// the evidence states derived from them stay.
func withoutEvidence(ts *TenantState) *TenantState {
	out := *ts
	out.RestoreRuns = make([]RunState, len(ts.RestoreRuns))
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

func withoutEvidencePaths(w *Why) *Why {
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
