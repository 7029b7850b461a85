package domain

import (
	"fmt"
	"time"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// OverviewState is a tenant's recovery evidence overview (docs/rules.md §3).
type OverviewState string

// The overview states.
const (
	OverviewUnvalidated           OverviewState = "unvalidated"
	OverviewWeakened              OverviewState = "weakened"
	OverviewNoRecentIssuesVisible OverviewState = "no_recent_issues_visible"
)

// OverviewStates lists every overview state.
var OverviewStates = []OverviewState{OverviewUnvalidated, OverviewWeakened, OverviewNoRecentIssuesVisible}

// NeedsAttentionKind is the kind of a Needs Attention entry (docs/rules.md §3).
type NeedsAttentionKind string

// The Needs Attention kinds: a weakened overview, or a posture other than
// healthy ("backup_" and the posture).
const (
	KindRecoveryWeakened NeedsAttentionKind = "recovery_weakened"
	KindBackupAbsent     NeedsAttentionKind = "backup_absent"
	KindBackupStale      NeedsAttentionKind = "backup_stale"
	KindBackupDegraded   NeedsAttentionKind = "backup_degraded"
)

// NeedsAttentionKinds lists every kind, in the order a tenant's list puts them.
var NeedsAttentionKinds = []NeedsAttentionKind{KindRecoveryWeakened, KindBackupAbsent, KindBackupStale, KindBackupDegraded}

// relevantTime is when a relevant run counts as having happened (docs/rules.md §3):
// completed_at, or created_at where completed_at is null.
func relevantTime(r *snapshot.RestoreRun) time.Time {
	if r.CompletedAt != nil {
		return *r.CompletedAt
	}
	return r.CreatedAt
}

// recoveryEvidence derives the tenant's recovery evidence overview (docs/rules.md
// §3) from its runs' attention. Only the latest relevant run decides: an older
// failure does not weaken a newer clean run, and a newer failure always
// weakens an older clean one. It never depends on backup health.
func recoveryEvidence(t *snapshot.Tenant, runs []*snapshot.RestoreRun, attOf func(i int) *Attention, backupPosture Posture, canView bool) *RecoveryEvidence {
	var latest *snapshot.RestoreRun
	var latestAtt Attention
	for i, r := range runs {
		a := attOf(i)
		if a.State == AttentionNotExecuted {
			continue // previews, dry runs and runs that never executed prove nothing
		}
		if latest == nil || later(relevantTime(r), r.ID, relevantTime(latest), latest.ID) {
			latest, latestAtt = r, *a
		}
	}

	ev := &RecoveryEvidence{BackupPosture: backupPosture}
	list := fmt.Sprintf("tenants/%d/restore-runs", t.ID)
	if latest == nil {
		ev.OverviewState = OverviewUnvalidated
		// The key stays unvalidated; the copy may say "not yet known" (§3).
		ev.Headline = "Recovery evidence not yet known"
		ev.Summary = "No executed restore is recorded for this tenant. Previews, dry runs and runs that did not execute do not count as recovery evidence."
		ev.ClaimBoundary = "A backup is not a restore: without an executed restore there is no evidence that this tenant's configuration can be restored."
		ev.Action = linkOrDisabled("Open restore history", list+"?recovery_posture_reason="+string(ContinuityNoHistory), canView, snapshot.CapRestoreView)
		ev.Why = &Why{
			Rule:    "rules.md §3 unvalidated",
			Text:    fmt.Sprintf("unvalidated: none of the tenant's %s executed (all are previews, dry runs, pre-execution, in flight, or cancelled before applying anything)", plural(int64(len(runs)), "restore run", "restore runs")),
			Records: []string{},
		}
		return ev
	}

	id, att := latest.ID, latestAtt.State
	ev.RelevantRestoreHistoryPresent = true
	ev.LatestRelevantRestoreRunID = &id
	ev.LatestRelevantAttentionState = &att
	when := "completed"
	if latest.CompletedAt == nil {
		when = "created" // no completion time recorded: the run is placed by created_at
	}
	at := fmt.Sprintf("%s %s", when, whenText(relevantTime(latest)))
	var because string
	if latestAtt.Why != nil {
		because = latestAtt.Why.Text
	}
	ev.Why = &Why{
		Records: []string{recordPath("restore_runs", latest.Index)},
	}

	switch att {
	case AttentionCompleted:
		ev.OverviewState = OverviewNoRecentIssuesVisible
		ev.Headline = "No recent restore issues visible"
		ev.Summary = fmt.Sprintf("The latest executed restore, run #%d (%s), recorded no failed, partial, skipped or non-applied work.", id, at)
		ev.ClaimBoundary = "This does not prove the tenant can be recovered: it reflects only the latest recorded restore, not a verification of the tenant's configuration."
		ev.Action = linkOrDisabled("Open restore history", list+"?recovery_posture_reason="+string(ContinuityNoRecentIssuesVisible), canView, snapshot.CapRestoreView)
	default: // failed, partial, completed_with_follow_up
		ev.OverviewState = OverviewWeakened
		ev.Headline = "Recovery evidence weakened"
		ev.Summary = fmt.Sprintf("The latest executed restore, run #%d (%s), needs follow-up: %s.", id, at, attentionLabel(att))
		ev.ClaimBoundary = "No recovery claim can be made while the latest restore has failed, partial, skipped or non-applied work."
		ev.Action = linkOrDisabled(fmt.Sprintf("Review restore run #%d", id), fmt.Sprintf("%s/%d", list, id), canView, snapshot.CapRestoreView)
	}
	ev.Why.Rule = "rules.md §3 " + string(ev.OverviewState)
	ev.Why.Text = fmt.Sprintf("%s: run #%d is the latest relevant run, %s; attention %s because %s",
		ev.OverviewState, id, at, att, trimStatePrefix(because, att))
	return ev
}

// trimStatePrefix drops "state: " from an attention why, so it reads as a clause.
func trimStatePrefix(s string, state AttentionState) string {
	if len(s) > len(state)+2 && s[:len(state)+2] == string(state)+": " {
		return s[len(state)+2:]
	}
	return s
}

// attentionLabel is the attention state in words.
func attentionLabel(state AttentionState) string {
	switch state {
	case AttentionFailed:
		return "the restore failed"
	case AttentionPartial:
		return "some work failed or only partly applied"
	case AttentionCompletedWithFollowUp:
		return "some work was skipped or not applied"
	case AttentionCompleted:
		return "no issues recorded"
	default:
		return "not executed"
	}
}

// needsAttention lists, in order, the weakened recovery overview and a backup
// posture that is absent, stale or degraded (docs/rules.md §3). unvalidated stays
// on the recovery card.
func needsAttention(t *snapshot.Tenant, ev *RecoveryEvidence, bh *BackupHealth, canRestore, canBackup bool) []AttentionItem {
	items := []AttentionItem{}
	if ev.OverviewState == OverviewWeakened {
		item := AttentionItem{
			Kind:     KindRecoveryWeakened,
			Headline: fmt.Sprintf("Latest restore run #%d needs review: %s", *ev.LatestRelevantRestoreRunID, attentionLabel(*ev.LatestRelevantAttentionState)),
			URL:      ev.Action.URL,
		}
		if !canRestore {
			item.URL, item.Disabled, item.HelperText = "", true, MissingAccess(snapshot.CapRestoreView)
		}
		items = append(items, item)
	}
	if bh.Posture != PostureHealthy {
		item := AttentionItem{Kind: NeedsAttentionKind("backup_" + bh.Posture), Headline: bh.Headline, URL: fmt.Sprintf("tenants/%d/backup-sets", t.ID)}
		if !canBackup {
			item.URL, item.Disabled, item.HelperText = "", true, MissingAccess(snapshot.CapBackupView)
		}
		items = append(items, item)
	}
	return items
}
