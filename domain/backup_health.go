package domain

import (
	"fmt"
	"time"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Posture is a tenant's backup-input posture (docs/rules.md §1).
type Posture string

// The postures.
const (
	PostureAbsent   Posture = "absent"
	PostureStale    Posture = "stale"
	PostureDegraded Posture = "degraded"
	PostureHealthy  Posture = "healthy"
)

// Postures lists every posture, from the one that needs attention most to
// the one that needs it least.
var Postures = []Posture{PostureAbsent, PostureStale, PostureDegraded, PostureHealthy}

// PostureReason is the primary reason of a posture other than healthy
// (docs/rules.md §1).
type PostureReason string

// The posture reasons.
const (
	ReasonNoBackupSets        PostureReason = "no_backup_sets"
	ReasonNoUsableBackup      PostureReason = "no_usable_backup"
	ReasonLatestBackupStale   PostureReason = "latest_backup_stale"
	ReasonLatestAttemptFailed PostureReason = "latest_attempt_failed"
	ReasonLatestBackupPartial PostureReason = "latest_backup_partial"
	ReasonLatestHasFailed     PostureReason = "latest_backup_has_failed_items"
)

// PostureReasons lists every posture reason, in the order of the table.
var PostureReasons = []PostureReason{ReasonNoBackupSets, ReasonNoUsableBackup, ReasonLatestBackupStale, ReasonLatestAttemptFailed, ReasonLatestBackupPartial, ReasonLatestHasFailed}

// PositiveClaimBoundary is fixed by docs/rules.md §1.
const PositiveClaimBoundary = "Backup health reflects backup inputs only and does not prove restore success."

// isUsable reports whether a backup set can be restored from (docs/rules.md §1).
func isUsable(b *snapshot.BackupSet) bool {
	return (b.Status == snapshot.BackupCompleted || b.Status == snapshot.BackupPartial) && b.CompletedAt != nil
}

// isFinished reports whether a backup attempt ended (docs/rules.md §1).
func isFinished(b *snapshot.BackupSet) bool {
	return (b.Status == snapshot.BackupCompleted || b.Status == snapshot.BackupPartial || b.Status == snapshot.BackupFailed) && b.CompletedAt != nil
}

// latestBackup returns the latest set by completed_at among those keep accepts.
func latestBackup(sets []*snapshot.BackupSet, keep func(*snapshot.BackupSet) bool) *snapshot.BackupSet {
	var best *snapshot.BackupSet
	for _, b := range sets {
		if !keep(b) {
			continue
		}
		if best == nil || later(*b.CompletedAt, b.ID, *best.CompletedAt, best.ID) {
			best = b
		}
	}
	return best
}

// backupHealth derives a tenant's backup-input posture (docs/rules.md §1). It is
// about backup inputs only and never about restores; the first matching row of
// the table wins. It is longer than 80 lines because it is the table: one
// case per row, each with its words and its why side by side.
func backupHealth(t *snapshot.Tenant, sets []*snapshot.BackupSet, now time.Time, canView bool) *BackupHealth {
	h := &BackupHealth{
		PositiveClaimBoundary: PositiveClaimBoundary,
		PrimaryActionTarget:   linkOrDisabled("Open backup sets", fmt.Sprintf("tenants/%d/backup-sets", t.ID), canView, snapshot.CapBackupView),
	}
	usable := latestBackup(sets, isUsable)
	finished := latestBackup(sets, isFinished)
	window := time.Duration(t.FreshnessHours) * time.Hour

	var rule string
	var records []string
	if usable != nil {
		id := usable.ID
		h.LatestUsableBackupSetID = &id
		records = append(records, recordPath("backup_sets", usable.Index))
	}

	switch {
	case usable == nil && len(sets) == 0:
		h.set(PostureAbsent, ReasonNoBackupSets,
			"No backup recorded",
			"This tenant has no backup set in the snapshot, so there is nothing to restore from.")
		rule = "absent: the tenant has no backup set"
	case usable == nil:
		msg := fmt.Sprintf("None of this tenant's %s finished as completed or partial, so there is nothing to restore from.", plural(int64(len(sets)), "backup set", "backup sets"))
		if finished != nil {
			records = append(records, recordPath("backup_sets", finished.Index))
			msg += fmt.Sprintf(" The latest finished attempt, %s, ended %s at %s.", setName(finished), finished.Status, whenText(*finished.CompletedAt))
		}
		h.set(PostureAbsent, ReasonNoUsableBackup, "No usable backup", msg)
		rule = fmt.Sprintf("absent: none of %d backup sets is completed or partial", len(sets))
	case now.Sub(*usable.CompletedAt) > window:
		age := now.Sub(*usable.CompletedAt)
		h.set(PostureStale, ReasonLatestBackupStale,
			fmt.Sprintf("Latest backup is older than %d hours", t.FreshnessHours),
			fmt.Sprintf("The latest usable backup, %s, completed at %s, %s before this snapshot; the freshness window is %d hours.",
				setName(usable), whenText(*usable.CompletedAt), durationText(age), t.FreshnessHours))
		rule = fmt.Sprintf("stale: latest usable backup set #%d completed %s, %s before generated_at %s; freshness window %dh",
			usable.ID, whenText(*usable.CompletedAt), durationText(age), whenText(now), t.FreshnessHours)
	case finished.Status == snapshot.BackupFailed && finished != usable:
		// finished is the latest finished attempt; being failed, it is not the
		// usable set, and by the ordering of latestBackup it is later than it.
		records = append(records, recordPath("backup_sets", finished.Index))
		h.set(PostureDegraded, ReasonLatestAttemptFailed,
			"Latest backup attempt failed",
			fmt.Sprintf("The latest attempt, %s, failed at %s. The latest usable backup is %s, completed at %s.",
				setName(finished), whenText(*finished.CompletedAt), setName(usable), whenText(*usable.CompletedAt)))
		rule = fmt.Sprintf("degraded: latest finished attempt #%d failed %s, after latest usable set #%d (%s)",
			finished.ID, whenText(*finished.CompletedAt), usable.ID, whenText(*usable.CompletedAt))
	case usable.Status == snapshot.BackupPartial:
		h.set(PostureDegraded, ReasonLatestBackupPartial,
			"Latest backup is partial",
			fmt.Sprintf("The latest usable backup, %s, completed partially at %s: some configuration was not captured.",
				setName(usable), whenText(*usable.CompletedAt)))
		rule = fmt.Sprintf("degraded: latest usable backup set #%d has status partial", usable.ID)
	case usable.FailedItemCount != nil && *usable.FailedItemCount > 0:
		of := ""
		if usable.ItemCount != nil {
			of = fmt.Sprintf(" of %d", *usable.ItemCount)
		}
		h.set(PostureDegraded, ReasonLatestHasFailed,
			"Latest backup has failed items",
			fmt.Sprintf("The latest usable backup, %s, completed at %s with %d%s items failed.",
				setName(usable), whenText(*usable.CompletedAt), *usable.FailedItemCount, of))
		rule = fmt.Sprintf("degraded: latest usable backup set #%d has failed_item_count %d", usable.ID, *usable.FailedItemCount)
	default:
		h.Posture = PostureHealthy
		h.HealthyClaimAllowed = true
		// Never the word the state key uses (docs/rules.md §6): this is about inputs.
		h.Headline = "Backup inputs are current"
		h.SupportingMessage = fmt.Sprintf("The latest backup, %s, completed at %s, within the %d-hour freshness window, with no failed items recorded.",
			setName(usable), whenText(*usable.CompletedAt), t.FreshnessHours)
		// The why is shown on pages: it names the state in words, not by its key.
		rule = fmt.Sprintf("backup inputs current: latest usable backup set #%d completed %s, within %dh, no failure recorded after it, no failed items",
			usable.ID, whenText(*usable.CompletedAt), t.FreshnessHours)
	}
	ruleName := string(h.Posture)
	if h.Posture == PostureHealthy {
		ruleName = "backup inputs current"
	}
	h.Why = &Why{Rule: "rules.md §1 " + ruleName, Text: rule, Records: records}
	return h
}

func (h *BackupHealth) set(posture Posture, reason PostureReason, headline, message string) {
	h.Posture = posture
	h.PrimaryReason = &reason
	h.Headline = headline
	h.SupportingMessage = message
}

// setName names a backup set for people: its name (as data, quoted) and id.
func setName(b *snapshot.BackupSet) string {
	if b.Name == "" {
		return fmt.Sprintf("backup set #%d", b.ID)
	}
	return fmt.Sprintf("%q (#%d)", b.Name, b.ID)
}
