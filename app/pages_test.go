package app

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/fixtures"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// These tests render every page the way the server prerenders it: go-app's
// own Handler, with the page's address relative to the base path, and the
// resulting HTML compared with what the domain derives for the same bytes.

// memSource serves snapshots from memory: the shipped fixtures by their base
// name, plus any hand-built ones.
type memSource map[string][]byte

func (m memSource) Snapshot(name string) ([]byte, error) {
	b, ok := m[name]
	if !ok {
		return nil, ErrNoSnapshot
	}
	return b, nil
}

func fixtureSource(t testing.TB) memSource {
	t.Helper()
	src := memSource{}
	for _, pattern := range []string{"*.json", "scenarios/*.json", "invalid/*.json"} {
		files, err := fs.Glob(fixtures.FS, pattern)
		require.NoError(t, err)
		for _, f := range files {
			b, err := fs.ReadFile(fixtures.FS, f)
			require.NoError(t, err)
			src[strings.TrimSuffix(path.Base(f), ".json")] = b
		}
	}
	return src
}

// site is go-app's handler over src under base, as `serve` wires it.
type site struct {
	t    *testing.T
	base string // "/" or "/atlas/"
	h    *goapp.Handler
}

func newSite(t *testing.T, src Source, base string) *site {
	t.Helper()
	Routes()
	Configure(src, Catalog{}, base)
	t.Cleanup(func() { Configure(nil, Catalog{}, "/") })
	h := &goapp.Handler{Title: "tenantatlas", Styles: []string{"/web/styles.css"}, Resources: Resources(base, nil)}
	return &site{t: t, base: base, h: h}
}

// get prerenders the page at rel, an address relative to the base.
func (s *site) get(rel string) string {
	s.t.Helper()
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, rel, nil))
	require.Equal(s.t, http.StatusOK, rec.Code, rel)
	return rec.Body.String()
}

// href is the address a page links to for rel ("s/demo/tenants/1").
func (s *site) href(rel string) string { return s.base + rel }

// tags returns every start tag carrying data-testid="id".
func tags(page, id string) []string {
	return regexp.MustCompile(`<[a-z0-9]+\s[^>]*data-testid="`+regexp.QuoteMeta(id)+`"[^>]*>`).FindAllString(page, -1)
}

// attr reads one attribute of a start tag ("" when absent).
func attr(tag, name string) string {
	m := regexp.MustCompile(`\s` + regexp.QuoteMeta(name) + `="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

func attrs(page, id, name string) []string {
	out := []string{}
	for _, tag := range tags(page, id) {
		out = append(out, attr(tag, name))
	}
	return out
}

// element returns the whole element (start tag to its end tag) of the first
// tag with data-testid="id", for elements that do not nest their own kind.
func element(page, id string) string {
	tag := tags(page, id)
	if len(tag) == 0 {
		return ""
	}
	start := strings.Index(page, tag[0])
	name := regexp.MustCompile(`^<([a-z0-9]+)`).FindStringSubmatch(tag[0])[1]
	end := strings.Index(page[start:], "</"+name+">")
	if end < 0 {
		return page[start:]
	}
	return page[start : start+end+len(name)+3]
}

var markup = regexp.MustCompile(`(?s)<head>.*?</head>|<script.*?</script>|<[^>]+>`)

// text is what a person reads in a page or fragment.
func text(fragment string) string {
	return strings.Join(strings.Fields(html.UnescapeString(markup.ReplaceAllString(fragment, " "))), " ")
}

// mainTag is the page's <main> start tag.
func mainTag(page string) string { return regexp.MustCompile(`<main\b[^>]*>`).FindString(page) }

// ready reports whether <main> carries data-ready (go-app writes the value
// "true" as a bare attribute; the site's server restores the value).
func ready(page string) bool {
	return regexp.MustCompile(`\sdata-ready[\s>=]`).MatchString(mainTag(page))
}

func resolve(t *testing.T, b []byte) (*snapshot.Checked, *domain.Resolution) {
	t.Helper()
	c := snapshot.Check(bytes.NewReader(b), snapshot.Limits{})
	return c, domain.Resolve(c)
}

// TestPagesAgreeWithTheDomain renders every page of every valid fixture, at
// the root and under a base path, and checks each marker, claim boundary,
// action and link against domain.Resolve of the same snapshot.
func TestPagesAgreeWithTheDomain(t *testing.T) {
	src := fixtureSource(t)
	for _, base := range []string{"/", "/atlas/"} {
		s := newSite(t, src, base)
		for name, b := range src {
			c, res := resolve(t, b)
			if c.Rejected() {
				continue
			}
			canRestore, canBackup := c.Snapshot.Can(snapshot.CapRestoreView), c.Snapshot.Can(snapshot.CapBackupView)
			t.Run(strings.Trim(base, "/")+"/"+name, func(t *testing.T) {
				page := s.get("/s/" + name + "/")
				assert.True(t, ready(page), "portfolio ready")
				assert.Len(t, tags(page, "tenant-row"), len(res.Tenants))
				for _, ts := range res.Tenants {
					tp := fmt.Sprintf("s/%s/tenants/%d", name, ts.TenantID)
					page := s.get("/" + tp)
					assert.True(t, ready(page), tp)
					if ts.DataStatus != domain.DataValid {
						assert.Len(t, tags(page, "tenant-invalid"), 1, tp)
						assert.Empty(t, tags(page, "backup-health"), "nothing derived for a quarantined tenant")
						assert.Empty(t, tags(page, "recovery-evidence"))
						continue
					}
					checkTenantPage(t, s, name, tp, page, ts)

					runs := s.get("/" + tp + "/restore-runs")
					if !canRestore {
						assert.Len(t, tags(runs, "access-missing"), 1, tp)
						assert.Empty(t, tags(runs, "restore-run-row"))
					} else {
						assert.Len(t, tags(runs, "restore-run-row"), len(ts.RestoreRuns))
						assert.Empty(t, tags(runs, "continuity-banner"), "no banner without a reason")
					}
					sets := s.get("/" + tp + "/backup-sets")
					assert.Equal(t, !canBackup, len(tags(sets, "access-missing")) == 1, tp+"/backup-sets")

					for _, r := range ts.RestoreRuns {
						rp := fmt.Sprintf("/%s/restore-runs/%d", tp, r.ID)
						page := s.get(rp)
						if !canRestore {
							assert.Len(t, tags(page, "access-missing"), 1, rp)
							assert.Empty(t, tags(page, "restore-result"), rp)
							assert.Empty(t, tags(page, "diagnostics"), rp)
							continue
						}
						checkRunPage(t, page, rp, r, c.Snapshot.Can(snapshot.CapEvidenceView))
					}
				}
			})
		}
	}
}

func checkTenantPage(t *testing.T, s *site, snap, tp, page string, ts domain.TenantState) {
	t.Helper()
	assert.Equal(t, []string{string(ts.BackupHealth.Posture)}, attrs(page, "backup-health", "data-state"), tp)
	assert.Equal(t, []string{string(ts.RecoveryEvidence.OverviewState)}, attrs(page, "recovery-evidence", "data-state"), tp)

	// Each card carries its claim boundary, never empty.
	backup, recovery := element(page, "backup-health"), element(page, "recovery-evidence")
	assert.Equal(t, []string{text(ts.BackupHealth.PositiveClaimBoundary)}, boundaries(backup), tp)
	assert.Equal(t, []string{text(ts.RecoveryEvidence.ClaimBoundary)}, boundaries(recovery), tp)
	assert.NotEmpty(t, ts.RecoveryEvidence.ClaimBoundary)
	assert.Contains(t, text(backup), "Why this state?")
	assert.Contains(t, text(recovery), "Why this state?")

	checkAction(t, s, snap, page, "recovery-action", ts.RecoveryEvidence.Action)
	checkAction(t, s, snap, page, "backup-action", ts.BackupHealth.PrimaryActionTarget)

	// Needs Attention: the domain's entries, in its order, each linking to
	// the exact run or list.
	var kinds []string
	for _, it := range ts.NeedsAttention {
		kinds = append(kinds, string(it.Kind))
	}
	assert.Equal(t, append([]string{}, kinds...), attrs(page, "needs-attention-item", "data-kind"), tp)
	items := regexp.MustCompile(`(?s)<li [^>]*data-testid="needs-attention-item".*?</li>`).FindAllString(page, -1)
	require.Len(t, items, len(ts.NeedsAttention))
	for i, it := range ts.NeedsAttention {
		if it.Disabled {
			assert.NotContains(t, items[i], "<a ", tp)
			assert.Contains(t, text(items[i]), text(it.HelperText), tp)
			continue
		}
		contains(t, items[i], `href="`+html.EscapeString(s.href("s/"+snap+"/"+it.URL))+`"`, tp)
	}
}

func boundaries(card string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<p [^>]*data-testid="claim-boundary"[^>]*>(.*?)</p>`).FindAllStringSubmatch(card, -1) {
		out = append(out, text(m[1]))
	}
	return out
}

// checkAction: an enabled action is a link to the domain's target under the
// base path; a disabled one is a disabled control with its helper text.
func checkAction(t *testing.T, s *site, snap, page, id string, a domain.Action) {
	t.Helper()
	tag := tags(page, id)
	require.Len(t, tag, 1, id)
	if a.Disabled {
		assert.Regexp(t, `^<button\s`, tag[0])
		assert.Regexp(t, `\sdisabled[\s>=]`, tag[0])
		help := attr(tag[0], "aria-describedby")
		require.NotEmpty(t, help, "the helper text is tied to the control")
		helper := regexp.MustCompile(`<span [^>]*id="` + help + `"[^>]*>([^<]*)</span>`).FindStringSubmatch(page)
		require.NotNil(t, helper)
		assert.Equal(t, text(a.HelperText), text(helper[1]))
		assert.NotEmpty(t, a.HelperText)
		return
	}
	assert.Regexp(t, `^<a\s`, tag[0])
	assert.Equal(t, s.href("s/"+snap+"/"+a.URL), attr(tag[0], "href"))
}

func checkRunPage(t *testing.T, page, rp string, r domain.RunState, canEvidence bool) {
	t.Helper()
	assert.True(t, ready(page), rp)
	assert.Equal(t, []string{string(r.Result.State)}, attrs(page, "restore-result", "data-state"), rp)
	decision := element(page, "restore-result")
	for _, s := range []string{r.Result.StatusLabel, r.Result.Reason, r.Result.Impact, r.Result.PrimaryNextAction, "Why this state?"} {
		assert.Contains(t, text(decision), text(s), rp)
	}
	assert.Equal(t, []string{string(r.Result.OperationProofState)}, attrs(page, "operation-proof", "data-state"), rp)
	assert.Equal(t, []string{string(r.Result.PostRunEvidenceState)}, attrs(page, "post-run-evidence", "data-state"), rp)

	// Only the counts the snapshot has: as many entries as non-nil counts.
	summary := element(page, "result-summary")
	if c := r.Result.ResultSummary.Counts; c != nil {
		n := 0
		for _, v := range []*int64{c.Total, c.Applied, c.Partial, c.Failed, c.Skipped, c.NonApplied} {
			if v != nil {
				n++
			}
		}
		assert.Equal(t, n, strings.Count(summary, "data-count="), rp)
	} else {
		assert.Equal(t, text(r.Result.ResultSummary.Text), text(summary), rp)
	}

	diag := tags(page, "diagnostics")
	require.Len(t, diag, 1, rp)
	assert.Regexp(t, `^<details\s`, diag[0])
	assert.NotRegexp(t, `\sopen[\s>=]`, diag[0], "diagnostics are collapsed when the page loads")
	// The decision comes first: nothing of the diagnostics precedes it.
	assert.Less(t, strings.Index(page, `data-testid="restore-result"`), strings.Index(page, `data-testid="diagnostics"`))
	if !canEvidence {
		assert.Contains(t, text(element(page, "diagnostics")), "evidence.view")
		assert.NotContains(t, text(element(page, "diagnostics")), "Evidence snapshot #")
	}
}

// TestContinuityBanner: a known reason shows the banner and marks exactly the
// domain's matching runs; any other value shows nothing and is not echoed.
func TestContinuityBanner(t *testing.T) {
	src := fixtureSource(t)
	s := newSite(t, src, "/")
	_, res := resolve(t, src["demo"])
	reasons := domain.ContinuityReasons
	for _, ts := range res.Tenants {
		if ts.DataStatus != domain.DataValid {
			continue
		}
		for _, reason := range reasons {
			rp := fmt.Sprintf("/s/demo/tenants/%d/restore-runs?recovery_posture_reason=%s", ts.TenantID, reason)
			page := s.get(rp)
			banner, ok := domain.Continuity(string(reason), ts)
			require.True(t, ok)
			assert.Equal(t, []string{string(reason)}, attrs(page, "continuity-banner", "data-reason"), rp)
			assert.Equal(t, text(banner.Text), text(element(page, "continuity-banner")), rp)
			var want, got []string
			for _, id := range banner.MatchingRunIDs {
				want = append(want, fmt.Sprint(id))
			}
			for _, tag := range tags(page, "restore-run-row") {
				if attr(tag, "data-marked") != "" {
					got = append(got, attr(tag, "data-run-id"))
				}
			}
			assert.ElementsMatch(t, want, got, rp)
		}
		for _, hostile := range []string{"healthy", "NO_HISTORY", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "no_history%20"} {
			page := s.get(fmt.Sprintf("/s/demo/tenants/%d/restore-runs?recovery_posture_reason=%s", ts.TenantID, hostile))
			assert.Empty(t, tags(page, "continuity-banner"), hostile)
			notContains(t, page, "alert(1)", hostile)
			notContains(t, page, "NO_HISTORY", hostile)
		}
	}
}

// TestPagesThatShowNoData: addresses that name nothing, a rejected snapshot
// and a quarantined tenant.
func TestPagesThatShowNoData(t *testing.T) {
	src := fixtureSource(t)
	src["hand-rejected"] = []byte(`{"schema_version": 2, "generated_at": "yesterday"`)
	src["two-tenants"] = []byte(`{"schema_version":1,"generated_at":"2026-04-09T01:19:36+02:00",
	"tenants":[{"id":1,"name":"A"},{"id":2,"name":"B"}],
	"restore_runs":[{"id":7,"tenant_id":1,"status":"completed","is_dry_run":false,"created_at":"2026-04-08T10:00:00Z"},
	{"id":9,"tenant_id":2,"status":"completed","is_dry_run":false,"created_at":"2026-04-08T10:00:00Z","surprise":true}]}`)
	s := newSite(t, src, "/atlas/")

	notFound := []string{
		"/s/nope/", "/s/nope/tenants/1",
		"/s/two-tenants/tenants/3", "/s/two-tenants/tenants/3/restore-runs",
		"/s/two-tenants/tenants/1/restore-runs/8",
		"/s/demo/elsewhere", "/s/demo/tenants/1/restore-runs/x",
	}
	for _, p := range notFound {
		page := s.get(p)
		assert.Len(t, tags(page, "not-found"), 1, p)
		assert.True(t, ready(page), p)
		contains(t, page, `href="/atlas/"`, "the way back honours the base path: "+p)
	}

	// A run of another tenant is not found exactly like a missing one: same
	// page, same words, only the number differs.
	other := text(element(s.get("/s/two-tenants/tenants/1/restore-runs/999"), "not-found"))
	missing := text(element(s.get("/s/two-tenants/tenants/1/restore-runs/998"), "not-found"))
	assert.Equal(t, strings.ReplaceAll(other, "999", "N"), strings.ReplaceAll(missing, "998", "N"))

	// A rejected snapshot: every problem listed as text, nothing derived.
	c, _ := resolve(t, src["hand-rejected"])
	require.True(t, c.Rejected())
	for _, p := range []string{"/s/hand-rejected/", "/s/hand-rejected/tenants/1", "/s/hand-rejected/tenants/1/restore-runs/7"} {
		page := s.get(p)
		errBox := element(page, "snapshot-error")
		require.NotEmpty(t, errBox, p)
		for _, prob := range c.Problems {
			assert.Contains(t, text(errBox), text(prob.Message), p)
		}
		assert.Empty(t, tags(page, "tenant-row"))
		assert.Empty(t, tags(page, "backup-health"))
	}

	// A quarantined tenant: its errors, nothing derived, on every page of it.
	for _, p := range []string{"/s/two-tenants/tenants/2", "/s/two-tenants/tenants/2/restore-runs", "/s/two-tenants/tenants/2/backup-sets", "/s/two-tenants/tenants/2/restore-runs/9"} {
		page := s.get(p)
		box := element(page, "tenant-invalid")
		require.NotEmpty(t, box, p)
		assert.Contains(t, text(box), "surprise", "its error is listed")
		for _, id := range []string{"backup-health", "recovery-evidence", "restore-run-row", "restore-result", "needs-attention-item"} {
			assert.Empty(t, tags(page, id), p)
		}
	}
	portfolio := s.get("/s/two-tenants/")
	row := tags(portfolio, "tenant-row")
	require.Len(t, row, 2)
	assert.Equal(t, "invalid", attr(row[1], "data-overview-state"))
	contains(t, portfolio, `href="/atlas/s/two-tenants/tenants/2"`, "listed as invalid, linking to its errors")
}

// TestLocalSnapshotOnTheServer: the user's file is only in their browser, so
// the server prerenders a loading page, never "not found" and never ready.
func TestLocalSnapshotOnTheServer(t *testing.T) {
	s := newSite(t, fixtureSource(t), "/")
	for _, p := range []string{"/s/local/", "/s/local/tenants/1", "/s/local/tenants/1/restore-runs/7"} {
		page := s.get(p)
		assert.False(t, ready(page), p)
		assert.Empty(t, tags(page, "not-found"), p)
		assert.Contains(t, text(page), "Reading the file you opened in this browser", p)
	}
}

// TestWithoutCapabilities: no restore record reaches a page without
// restore.view, no backup set without backup.view, and what links there is
// disabled with helper text.
func TestWithoutCapabilities(t *testing.T) {
	src := fixtureSource(t)
	s := newSite(t, src, "/")

	_, res := resolve(t, src["viewer-no-restore"])
	for _, ts := range res.Tenants {
		portfolio := s.get("/s/viewer-no-restore/")
		assert.NotRegexp(t, `href="[^"]*/restore-runs`, portfolio, "no link into restores")
		assert.Contains(t, text(portfolio), "restore.view")
		page := s.get(fmt.Sprintf("/s/viewer-no-restore/tenants/%d", ts.TenantID))
		assert.NotRegexp(t, `href="[^"]*/restore-runs`, page)
		assert.Regexp(t, `^<button\s`, tags(page, "recovery-action")[0])
		for _, r := range ts.RestoreRuns {
			run := s.get(fmt.Sprintf("/s/viewer-no-restore/tenants/%d/restore-runs/%d", ts.TenantID, r.ID))
			assert.Contains(t, text(element(run, "access-missing")), "restore.view")
			assert.NotContains(t, text(run), r.Result.StatusLabel)
		}
	}

	_, res = resolve(t, src["viewer-no-backup"])
	for _, ts := range res.Tenants {
		page := s.get(fmt.Sprintf("/s/viewer-no-backup/tenants/%d", ts.TenantID))
		assert.Regexp(t, `^<button\s`, tags(page, "backup-action")[0])
		sets := s.get(fmt.Sprintf("/s/viewer-no-backup/tenants/%d/backup-sets", ts.TenantID))
		assert.Contains(t, text(element(sets, "access-missing")), "backup.view")
		assert.Empty(t, tags(sets, "backup-set-row"))
	}
}

// TestNoForbiddenClaims: no page says a phrase of docs/rules.md §6 in its own
// copy. Snapshots that carry such a phrase in their own data (shown as
// given) are left out.
func TestNoForbiddenClaims(t *testing.T) {
	src := fixtureSource(t)
	s := newSite(t, src, "/")
	checked := 0
	for name, b := range src {
		if _, found := domain.ContainsForbiddenClaim(string(b)); found {
			continue
		}
		c, res := resolve(t, b)
		pages := []string{"/", "/s/" + name + "/"}
		if !c.Rejected() {
			for _, ts := range res.Tenants {
				tp := fmt.Sprintf("/s/%s/tenants/%d", name, ts.TenantID)
				pages = append(pages, tp, tp+"/restore-runs", tp+"/backup-sets", tp+"/restore-runs?recovery_posture_reason=no_recent_issues_visible")
				for _, r := range ts.RestoreRuns {
					pages = append(pages, fmt.Sprintf("%s/restore-runs/%d", tp, r.ID))
				}
			}
		}
		for _, p := range pages {
			phrase, found := domain.ContainsForbiddenClaim(text(s.get(p)))
			assert.False(t, found, "%s says %q", p, phrase)
			checked++
		}
	}
	assert.Greater(t, checked, 100)
}

// TestPageTitles: the document title names the page, then its tenant and
// snapshot.
func TestPageTitles(t *testing.T) {
	s := newSite(t, fixtureSource(t), "/")
	title := func(p string) string {
		return text(regexp.MustCompile(`<title>[^<]*</title>`).FindString(s.get(p)))
	}
	assert.Equal(t, "Snapshots · tenantatlas", title("/"))
	assert.Equal(t, "Portfolio · Contoso MSP demo · tenantatlas", title("/s/demo/"))
	assert.Equal(t, "Woodgrove Bank · Contoso MSP demo · tenantatlas", title("/s/demo/tenants/5"))
	assert.Equal(t, "Restore run #140 · Woodgrove Bank · Contoso MSP demo · tenantatlas", title("/s/demo/tenants/5/restore-runs/140"))
	assert.Equal(t, "Not found · Contoso MSP demo · tenantatlas", title("/s/demo/tenants/99"))
	assert.Equal(t, "Not found · tenantatlas", title("/s/demo/nowhere"))
}

// TestSnapshotDataIsText: a snapshot's strings reach the page as text, never
// as markup.
func TestSnapshotDataIsText(t *testing.T) {
	src := memSource{"x": []byte(`{"schema_version":1,"generated_at":"2026-04-09T01:19:36+02:00","name":"<img src=x onerror=alert(1)>",
	"tenants":[{"id":1,"name":"<script>alert(2)</script>"}]}`)}
	s := newSite(t, src, "/")
	for _, p := range []string{"/s/x/", "/s/x/tenants/1", "/s/x/tenants/1/backup-sets"} {
		// In the head, the title's og:title attribute holds the names
		// quoted, where < is only text; the body must not have them as markup.
		page := s.get(p)
		page = page[strings.Index(page, "<body>"):]
		notContains(t, page, "<script>alert(2)", p)
		notContains(t, page, "<img src=x", p)
		assert.Contains(t, text(page), "<script>alert(2)</script>", p)
	}
}

// contains and notContains report a short excerpt, not the whole page.
func contains(t *testing.T, page, sub, msg string) {
	t.Helper()
	if !strings.Contains(page, sub) {
		t.Errorf("%s: %q not found (page of %d bytes)", msg, sub, len(page))
	}
}

func notContains(t *testing.T, page, sub, msg string) {
	t.Helper()
	if i := strings.Index(page, sub); i >= 0 {
		t.Errorf("%s: found %q near %q", msg, sub, page[max(0, i-100):min(len(page), i+100)])
	}
}

// TestNoQuoteInPrerenderedAttributes: go-app's server encoder quotes
// attribute values with strconv.Quote, which writes a double quote as \",
// and that ends an HTML attribute. Names and queries with quotes must never
// reach an attribute of a prerendered page.
func TestNoQuoteInPrerenderedAttributes(t *testing.T) {
	src := fixtureSource(t)
	src["quotes"] = []byte(`{"schema_version":1,"generated_at":"2026-04-09T01:19:36+02:00","name":"a\" onload=\"x",
	"tenants":[{"id":1,"name":"b\"><script>x()</script>"}]}`)
	s := newSite(t, src, "/")
	_, res := resolve(t, src["hostile-text"])
	pages := []string{"/s/quotes/", "/s/quotes/tenants/1", "/s/quotes/tenants/1/backup-sets",
		`/s/demo/?q=x%22%20autofocus%20onfocus%3Dalert(1)%20y%3D%22`, "/s/hostile-text/"}
	for _, ts := range res.Tenants {
		pages = append(pages, fmt.Sprintf("/s/hostile-text/tenants/%d", ts.TenantID))
	}
	for _, p := range pages {
		page := s.get(p)
		notContains(t, page, `\"`, p)
	}
	assert.Equal(t, "Tenant 1 · quotes · tenantatlas", text(regexp.MustCompile(`<title>[^<]*</title>`).FindString(s.get("/s/quotes/tenants/1"))))
	// The search still applies, and says so as text.
	page := s.get(`/s/demo/?q=%22`)
	assert.Contains(t, text(page), "have a name containing “\"”")
}

func TestResources(t *testing.T) {
	for _, tt := range []struct{ base, in, want string }{
		{"/", "/", "/"},
		{"/", "/web/styles.css", "/web/styles.css"},
		{"/", "/app.js", "/app.js"},
		{"/atlas/", "/", "/atlas"},
		{"/atlas/", "/web/styles.css", "/atlas/web/styles.css"},
		{"/atlas/", "/web", "/atlas/web"},
		{"/atlas/", "/app.js", "/atlas/app.js"},
		{"/atlas/", "/app-worker.js", "/atlas/app-worker.js"},
		{"/atlas/", "/manifest.webmanifest", "/atlas/manifest.webmanifest"},
		// The app's own links already carry the base path.
		{"/atlas/", "/atlas/s/demo/", "/atlas/s/demo/"},
		{"/atlas/", "#main", "#main"},
		{"/atlas/", "https://example.com/x", "https://example.com/x"},
	} {
		assert.Equal(t, tt.want, Resources(tt.base, nil).Resolve(tt.in), "%s %s", tt.base, tt.in)
	}
	// Assets get the name they are published under; nothing else does.
	hashed := func(name string) string { return "h." + name }
	for _, tt := range []struct{ base, in, want string }{
		{"/", "/web/app.wasm", "/web/h.app.wasm"},
		{"/atlas/", "/web/styles.css", "/atlas/web/h.styles.css"},
		{"/atlas/", "web/icon.svg", "/atlas/web/h.icon.svg"},
		{"/atlas/", "/web", "/atlas/web"},
		{"/atlas/", "/app.js", "/atlas/app.js"},
		{"/atlas/", "/atlas/s/demo/", "/atlas/s/demo/"},
	} {
		assert.Equal(t, tt.want, Resources(tt.base, hashed).Resolve(tt.in), "%s %s", tt.base, tt.in)
	}
}
