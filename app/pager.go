package app

import (
	"net/url"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/tenantatlas/tenantatlas/app/el"
)

// pageSize bounds the rows a list puts in the page, whatever the portfolio's
// size: the DOM, and the time to render it, stay the same for 50 tenants or
// 50,000.
const pageSize = 100

// pageSpan is the part of a list one page shows.
type pageSpan struct {
	page, pages int // from 1
	from, to    int // rows[from:to]
}

// paginate places page (from 1, clamped to the pages there are) in a list
// of n rows.
func paginate(n, page int) pageSpan {
	pages := max(1, (n+pageSize-1)/pageSize)
	page = min(max(page, 1), pages)
	from := (page - 1) * pageSize
	return pageSpan{page: page, pages: pages, from: from, to: min(from+pageSize, n)}
}

// pager links to the previous and next pages of a list, keeping the rest of
// the query (filter, search, sort); nothing when the list fits one page.
func pager(snap string, query url.Values, s pageSpan, n int) app.UI {
	if s.pages <= 1 {
		return app.Text("")
	}
	to := func(page int) string {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		q.Del("page")
		if page > 1 {
			q.Set("page", strconv.Itoa(page))
		}
		href := "/s/" + snap + "/"
		if enc := q.Encode(); enc != "" {
			href += "?" + enc
		}
		return link(href)
	}
	step := func(page int, label, rel string) app.UI {
		if page < 1 || page > s.pages {
			return el.Span().Class("pager__step pager__step--none").Attr("aria-hidden", "true").Text(label)
		}
		return el.A().Class("pager__step").Attr("href", to(page)).Attr("rel", rel).DataSet("testid", "pager-"+rel).Text(label)
	}
	return el.Nav().Class("pager").Attr("aria-label", "Pages of tenants").DataSet("testid", "pager").Body(
		step(s.page-1, "← Previous", "prev"),
		el.Span().Attr("aria-current", "page").Textf("Tenants %d–%d of %d (page %d of %d)", s.from+1, s.to, n, s.page, s.pages),
		step(s.page+1, "Next →", "next"),
	)
}
