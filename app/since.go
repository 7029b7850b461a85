package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/change"
)

// backupSince is since when tenant id's backup posture holds, as of the
// page's snapshot; nil outside a series or when the tenant is not valid in
// this snapshot (then nothing is known of its states here).
func backupSince(s *seriesInfo, id int64) *change.Since {
	if th, valid := s.Tenant(id); valid {
		return th.BackupPosture
	}
	return nil
}

// overviewSince is since when tenant id's recovery overview holds.
func overviewSince(s *seriesInfo, id int64) *change.Since {
	if th, valid := s.Tenant(id); valid {
		return th.OverviewState
	}
	return nil
}

// rowSince is since when a portfolio row, which carries both states, has
// been as it is: the later of the two first_seen_at (both runs end at this
// snapshot, so the pair holds since the later one began). "" outside a
// series.
func rowSince(backup, overview *change.Since) string {
	if backup == nil || overview == nil {
		return ""
	}
	b, errB := time.Parse(time.RFC3339Nano, backup.FirstSeenAt)
	o, errO := time.Parse(time.RFC3339Nano, overview.FirstSeenAt)
	if errB == nil && errO == nil && o.After(b) {
		return overview.FirstSeenAt
	}
	return backup.FirstSeenAt
}

// withSince gives e, the element carrying a state, its children and, after
// the first (the state's name), since when the state holds: in words, and in
// data-since for checks. The words keep the history's honesty: "since
// between A and B" when the snapshot before is known, else "since at least".
func withSince(e app.HTMLElem, since *change.Since, children ...app.UI) app.UI {
	if since == nil || len(children) == 0 {
		return e.Body(children...)
	}
	body := make([]app.UI, 0, len(children)+1)
	body = append(body, children[0], el.Span().Class("since").Text("In this state "+since.Phrase()))
	body = append(body, children[1:]...)
	return e.DataSet("since", since.FirstSeenAt).Body(body...)
}

// changesLink leads from a page of a snapshot to its changes page.
func changesLink(snap string, s *seriesInfo) app.UI {
	words := "Compare with another snapshot"
	if prev := s.Previous(); prev != "" {
		words = "What changed since the previous snapshot (" + prev + ")"
	}
	return el.P().Body(el.A().Attr("href", link("/s/"+snap+"/changes")).DataSet("testid", "changes-link").Text(words))
}
