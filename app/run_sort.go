package app

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// The restore-run list sorts by a column named in the query string
// (?sort=created, ?sort=-created for descending), so that an order can be
// shared, survives a reload, and works in a prerendered page without the
// app: each column head is a plain link.

// runRow is one run of the list: its derived states and its records.
type runRow struct {
	state *domain.RunState
	raw   *snapshot.RestoreRun
	set   *snapshot.BackupSet
	op    *snapshot.OperationRun
}

// runColumn is a sortable column: its query key and how two rows compare.
// A row without the value (a run not completed, without an operation) sorts
// last in either direction: it has nothing to order by.
type runColumn struct {
	key   string
	value func(r runRow) (int64, bool)
}

func optTime(t *time.Time) (int64, bool) {
	if t == nil {
		return 0, false
	}
	return t.UnixNano(), true
}

func optID(id *int64) (int64, bool) {
	if id == nil {
		return 0, false
	}
	return *id, true
}

// attentionOrder ranks attention states from most to least in need.
var attentionOrder = map[domain.AttentionState]int64{
	domain.AttentionFailed: 0, domain.AttentionPartial: 1, domain.AttentionCompletedWithFollowUp: 2,
	domain.AttentionCompleted: 3, domain.AttentionNotExecuted: 4,
}

var runColumns = []runColumn{
	{"id", func(r runRow) (int64, bool) { return r.state.ID, true }},
	{"attention", func(r runRow) (int64, bool) { return attentionOrder[r.state.Attention.State], true }},
	{"created", func(r runRow) (int64, bool) { return r.raw.CreatedAt.UnixNano(), true }},
	{"completed", func(r runRow) (int64, bool) { return optTime(r.raw.CompletedAt) }},
	{"dry_run", func(r runRow) (int64, bool) {
		if r.raw.IsDryRun {
			return 1, true
		}
		return 0, true
	}},
	{"backup_set", func(r runRow) (int64, bool) { return optID(r.raw.BackupSetID) }},
	{"operation", func(r runRow) (int64, bool) { return optID(r.raw.OperationRunID) }},
}

// runSort is the list's order: a column key and its direction.
type runSort struct {
	key  string
	desc bool
}

// readRunSort reads ?sort= strictly: an unknown value is the default order
// (by run id), and is never echoed.
func readRunSort(q url.Values) runSort {
	v := q.Get("sort")
	s := runSort{key: strings.TrimPrefix(v, "-"), desc: strings.HasPrefix(v, "-")}
	for _, c := range runColumns {
		if c.key == s.key {
			return s
		}
	}
	return runSort{key: "id"}
}

func (s runSort) String() string {
	if s.desc {
		return "-" + s.key
	}
	return s.key
}

// sortRuns orders rows by s; ties keep ascending run id.
func sortRuns(rows []runRow, s runSort) {
	var col runColumn
	for _, c := range runColumns {
		if c.key == s.key {
			col = c
		}
	}
	slices.SortStableFunc(rows, func(a, b runRow) int {
		va, oka := col.value(a)
		vb, okb := col.value(b)
		switch {
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		case va != vb:
			if s.desc {
				return cmp.Compare(vb, va)
			}
			return cmp.Compare(va, vb)
		}
		return cmp.Compare(a.state.ID, b.state.ID)
	})
}

// sortHead is a column head that sorts by key: a link to the same list
// ordered by it (ascending, or descending when it already is ascending),
// with keep (the rest of the query, only values the page knows). aria-sort
// says the current order.
func sortHead(path string, keep url.Values, cur runSort, key, label string) app.UI {
	next := runSort{key: key}
	th := el.Th().Attr("scope", "col").DataSet("sort-key", key)
	mark := ""
	if cur.key == key {
		next.desc = !cur.desc
		if cur.desc {
			th = th.Attr("aria-sort", "descending")
			mark = " ▼"
		} else {
			th = th.Attr("aria-sort", "ascending")
			mark = " ▲"
		}
	}
	nq := url.Values{}
	for k, v := range keep {
		nq[k] = v
	}
	nq.Set("sort", next.String())
	return th.Body(
		el.A().Attr("href", link(path+"?"+nq.Encode())).Body(
			app.Text(label),
			el.Span().Attr("aria-hidden", "true").Text(mark),
		),
	)
}
