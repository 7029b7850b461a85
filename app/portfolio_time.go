package app

import (
	"cmp"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/domain"
)

// The portfolio's time and need: how old each tenant's latest backup and
// latest relevant restore are, counted back from the snapshot's
// generated_at, and how many Needs Attention entries it has.

// portfolioLine names the snapshot's time and size.
func portfolioLine(v *View, tenants int) app.UI {
	gen := v.generatedAt()
	return el.P().Class("muted").DataSet("testid", "snapshot-line").Body(
		app.Textf("%d tenants. Ages are counted back from when this snapshot was generated: ", tenants),
		generatedEl(v, gen),
	)
}

// rowAge is an age on a line of its own, with the exact instant; nothing
// when there is no instant.
func rowAge(t *time.Time, gen time.Time, extra string) app.UI {
	if t == nil {
		return app.Text("")
	}
	return el.Span().Class("row-age").Body(
		app.Text(ageBefore(*t, gen)+extra+" "),
		el.Span().Class("row-age__at").Body(timeEl(*t)),
	)
}

// latestBackup is the portfolio's cell for the latest usable backup.
func latestBackup(r domain.PortfolioRow, windowHours int64, gen time.Time, canBackup bool) app.UI {
	window := "; window " + strconv.FormatInt(max(windowHours, 1), 10) + nbsp + "h"
	switch {
	case !canBackup:
		return el.Span().Class("muted").Text("Not shown: backup.view is missing")
	case r.LatestBackupAt == nil:
		return el.Span().Class("muted").Text("No usable backup")
	}
	return rowAge(r.LatestBackupAt, gen, window)
}

// needCount says a count of Needs Attention entries; none reads as a dash
// for the eye and "none" for a screen reader.
func needCount(n int) app.UI {
	if n == 0 {
		return el.Span().Class("muted").Body(el.Span().Attr("aria-hidden", "true").Text("–"), el.Span().Class("visually-hidden").Text("none"))
	}
	return el.Strong().Text(strconv.Itoa(n))
}

// compareNeed orders tenants by need: invalid data first (nothing can be
// said of them), then more Needs Attention entries, then the worse backup
// posture and recovery overview; 0 leaves the order to the name.
func compareNeed(a, b domain.PortfolioTenant, key func(domain.PortfolioTenant) (int, int)) int {
	ia, ib := a.Row.DataStatus != domain.DataValid, b.Row.DataStatus != domain.DataValid
	if ia != ib {
		if ia {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(b.Row.NeedsAttention, a.Row.NeedsAttention); c != 0 {
		return c
	}
	ba, oa := key(a)
	bb, ob := key(b)
	if c := cmp.Compare(ba+oa, bb+ob); c != 0 {
		return c
	}
	return cmp.Compare(ba, bb)
}
