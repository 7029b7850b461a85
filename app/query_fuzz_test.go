package app

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/domain"
)

// FuzzRestoreRunsQuery: whatever query string reaches the restore-run list,
// the page renders (status 200, data-ready), shows the continuity banner
// only for a known reason (docs/rules.md §5), never echoes what it does not know,
// and makes no docs/rules.md §6 claim. The portfolio's query is read strictly too.
func FuzzRestoreRunsQuery(f *testing.F) {
	for _, seed := range []string{
		"", "recovery_posture_reason=no_history", "recovery_posture_reason=partial", "recovery_posture_reason=failed",
		"recovery_posture_reason=completed_with_follow_up", "recovery_posture_reason=no_recent_issues_visible",
		"recovery_posture_reason=<script>alert(1)</script>", "recovery_posture_reason=%22onmouseover%3D", "recovery_posture_reason=partial&recovery_posture_reason=failed",
		"a=%ZZ", "page=-1&sort=x&q=%00", "q=" + strings.Repeat("a", 99) + "%C3%A9", "q=%FF", "recovery_posture_reason=" + strings.Repeat("x", 500),
	} {
		f.Add(seed)
	}
	Routes()
	Configure(fixtureSource(f), Catalog{}, "/")
	f.Cleanup(func() { Configure(nil, Catalog{}, "/") })
	h := &goapp.Handler{Title: "tenantatlas", Resources: Resources("/", nil)}

	render := func(raw string) (int, string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/s/demo/tenants/5/restore-runs", nil)
		req.URL.RawQuery = raw
		h.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	_, plain := render("")

	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := url.ParseQuery(raw) // as the page reads it: what parses

		pq := readPortfolioQuery(q)
		if pq.page < 1 || len(pq.q) > maxSearch || !utf8.ValidString(pq.q) {
			t.Fatalf("portfolio query out of bounds: %+v", pq)
		}

		code, page := render(raw)
		if code != http.StatusOK || !ready(page) {
			t.Fatalf("status %d, ready %v", code, ready(page))
		}
		reason := q.Get("recovery_posture_reason")
		_, known := domain.ParseContinuityReason(reason)
		if banner := len(tags(page, "continuity-banner")) > 0; banner != known {
			t.Fatalf("reason %q: banner %v, known %v", reason, banner, known)
		}
		if !known && len(reason) > 2 && !strings.Contains(plain, reason) && strings.Contains(page, reason) {
			t.Fatalf("unknown reason %q echoed into the page", reason)
		}
		if phrase, found := domain.ContainsForbiddenClaim(text(page)); found {
			t.Fatalf("the page claims %q", phrase)
		}
	})
}
