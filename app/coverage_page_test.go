package app

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/coverage"
	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// TestCoveragePageAgreesWithCoverage renders the coverage page of every
// shipped snapshot, at the root and under a base path, and checks each row's
// markers and example links against coverage.Compute of the same snapshot.
func TestCoveragePageAgreesWithCoverage(t *testing.T) {
	src := fixtureSource(t)
	for _, base := range []string{"/", "/atlas/"} {
		s := newSite(t, src, base)
		checked := 0
		for name, b := range src {
			c, res := resolve(t, b)
			page := s.get("/s/" + name + "/coverage")
			if c.Rejected() {
				assert.Len(t, tags(page, "snapshot-error"), 1, name)
				assert.Empty(t, tags(page, "coverage-row"), name)
				continue
			}
			require.True(t, ready(page), name)
			phrase, claim := domain.ContainsForbiddenClaim(text(page))
			assert.False(t, claim, "%s says %q", name, phrase)
			rep := coverage.Compute(res)
			rows := tags(page, "coverage-row")
			require.Len(t, rows, rep.Total, name)
			canRestore := domain.NewPortfolio(c, res).Can(snapshot.CapRestoreView)
			missing := text(element(page, "coverage-missing"))
			for i, want := range rep.Rows {
				tag := rows[i]
				assert.Equal(t, want.Table, attr(tag, "data-table"), "%s row %d", name, i)
				assert.Equal(t, want.State, attr(tag, "data-state"), "%s row %d", name, i)
				assert.Equal(t, strconv.Itoa(want.Count), attr(tag, "data-count"), "%s row %d", name, i)
				if want.Reason != nil {
					assert.Equal(t, *want.Reason, attr(tag, "data-reason"))
				}
				row := rowAt(page, tag)
				if want.Count == 0 {
					assert.Contains(t, row, "Not reached", "%s %s", name, keyText(want))
					assert.Contains(t, missing, keyText(want), name)
					continue
				}
				hrefs := attrs(row, "coverage-example", "href")
				if !canRestore && strings.Contains(want.Examples[0], "/restore-runs") {
					assert.Empty(t, hrefs, "%s: no link to a restore record without restore.view", name)
					continue
				}
				want := want.Examples
				for k := range want {
					want[k] = s.href("s/" + name + "/" + want[k])
				}
				assert.Equal(t, want, hrefs, name)
			}
			total := tags(page, "coverage-total")[0]
			assert.Equal(t, strconv.Itoa(rep.Reached), attr(total, "data-reached"))
			assert.Equal(t, strconv.Itoa(rep.Total), attr(total, "data-total"))
			checked++
		}
		assert.Greater(t, checked, 40)
	}
}

// rowAt is the table row that starts with tag.
func rowAt(page, tag string) string {
	start := strings.Index(page, tag)
	end := strings.Index(page[start:], "</tr>")
	return page[start : start+end]
}

// TestCoverageLinks: every example link of the demo's coverage page opens a
// page that exists and shows the state the row names.
func TestCoverageLinks(t *testing.T) {
	src := fixtureSource(t)
	s := newSite(t, src, "/")
	page := s.get("/s/demo/coverage")
	assert.Contains(t, text(element(page, "coverage-missing")), "Every state key is reached")
	links := 0
	for _, tag := range tags(page, "coverage-row") {
		row := rowAt(page, tag)
		for _, href := range attrs(row, "coverage-example", "href") {
			target := s.get(href)
			links++
			switch table, state := attr(tag, "data-table"), attr(tag, "data-state"); table {
			case coverage.TableBackupPosture:
				assert.Contains(t, tags(target, "backup-health")[0], fmt.Sprintf(`data-state="%s"`, state), href)
			case coverage.TableOverviewState:
				assert.Contains(t, tags(target, "recovery-evidence")[0], fmt.Sprintf(`data-state="%s"`, state), href)
			case coverage.TableResultState:
				assert.Contains(t, tags(target, "restore-result")[0], fmt.Sprintf(`data-state="%s"`, state), href)
			case coverage.TableNeedsAttention:
				assert.Contains(t, attrs(target, "needs-attention-item", "data-kind"), state, href)
			case coverage.TableContinuityReason:
				assert.Equal(t, state, attr(tags(target, "continuity-banner")[0], "data-reason"), href)
			case coverage.TableDataStatus:
				if state == string(domain.DataInvalid) {
					assert.Len(t, tags(target, "tenant-invalid"), 1, href)
				} else {
					assert.Len(t, tags(target, "backup-health"), 1, href)
				}
			default:
				assert.True(t, ready(target), href)
			}
		}
	}
	assert.Greater(t, links, 100)
}

// TestPortfolioLinksToCoverage: the portfolio links to the QA map. Download
// CSV needs the app, so the prerendered page does not offer it (the browser
// test clicks it).
func TestPortfolioLinksToCoverage(t *testing.T) {
	s := newSite(t, fixtureSource(t), "/atlas/")
	page := s.get("/s/demo/")
	assert.Equal(t, []string{"/atlas/s/demo/coverage"}, attrs(page, "coverage-link", "href"))
	assert.Empty(t, tags(page, "download-csv"))
}

// TestCoverageOfShardedSnapshot: the index of a sharded snapshot has no
// restore runs, so the page says to run the CLI rather than count wrong.
func TestCoverageOfShardedSnapshot(t *testing.T) {
	src := fixtureSource(t)
	s := newSite(t, newShardedSource(t, memSource{"demo": src["demo"]}), "/")
	page := s.get("/s/demo/coverage")
	assert.Empty(t, tags(page, "coverage-row"))
	assert.Len(t, tags(page, "coverage-unavailable"), 1)
	assert.Contains(t, text(page), "tenantatlas coverage")
}
