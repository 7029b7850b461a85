package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// The dashboard's cards say how old the records behind them are, counted
// back from the snapshot's generated_at, with the exact instant beside it.
// They name only records the viewer may see: ts is already redacted for
// the viewer (domain.ForViewer), so a hidden record has no id to look up.

// backupAge is the backup card's line: when the latest usable backup
// completed, against the tenant's freshness window.
func backupAge(v *View, ts *domain.TenantState, recs *tenantRecords) app.UI {
	window := "window " + strconv.FormatInt(freshnessHours(recs), 10) + nbsp + "h"
	p := el.P().Class("age").DataSet("testid", "backup-age")
	var set *snapshot.BackupSet
	if id := ts.BackupHealth.LatestUsableBackupSetID; id != nil {
		for _, b := range recs.BackupSets {
			if b.ID == *id {
				set = b
			}
		}
	}
	switch {
	case set != nil && set.CompletedAt != nil:
		return p.Body(
			app.Text("Latest backup "+ageBefore(*set.CompletedAt, v.generatedAt())+"; "+window+". Completed "),
			timeEl(*set.CompletedAt),
		)
	case !v.Can(snapshot.CapBackupView):
		return p.Text("Freshness " + window + "; backup times are not shown without backup.view.")
	}
	return p.Text("No usable backup in this snapshot; " + window + ".")
}

// freshnessHours is the tenant's backup_freshness_hours (24 unless set).
func freshnessHours(recs *tenantRecords) int64 {
	if recs != nil && recs.Tenant != nil && recs.Tenant.FreshnessHours > 0 {
		return recs.Tenant.FreshnessHours
	}
	return 24
}

// restoreAge is the recovery card's line: when the latest executed (that
// is, relevant) restore run happened, as docs/rules.md §3 places it.
func restoreAge(v *View, ts *domain.TenantState, recs *tenantRecords) app.UI {
	p := el.P().Class("age").DataSet("testid", "restore-age")
	id := ts.RecoveryEvidence.LatestRelevantRestoreRunID
	if !v.Can(snapshot.CapRestoreView) {
		return app.Text("")
	}
	if id == nil || recs.Runs[*id] == nil {
		return p.Text("No executed restore in this snapshot.")
	}
	r := recs.Runs[*id]
	if r.CompletedAt == nil {
		return p.Body(
			app.Text("Latest executed restore created "+ageBefore(r.CreatedAt, v.generatedAt())+"; it has no completion time. Created "),
			timeEl(r.CreatedAt),
		)
	}
	return p.Body(
		app.Text("Latest executed restore "+ageBefore(*r.CompletedAt, v.generatedAt())+". Completed "),
		timeEl(*r.CompletedAt),
	)
}
