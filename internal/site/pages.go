package site

import (
	"fmt"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/domain"
)

// Pages lists every page to prerender, relative to the base: the snapshots
// page, each portfolio, and for each tenant its dashboard, restore runs,
// backup sets and every run. A rejected snapshot has only its portfolio
// address, which shows the errors; every other has its coverage page too. A
// sharded snapshot, which is large, has its portfolio and coverage page
// (which says to run the CLI) prerendered only (one sharded to withhold
// records, which may be small, is prerendered whole): hundreds of thousands of files would make
// the site slow to build and to publish, and its other pages are rendered in
// the browser from the index and the tenant's file (404.html boots the app).
// A snapshot of a series also has its changes page since the snapshot before
// it; changes since any other (?from=) are rendered in the browser.
func (s *Server) Pages() ([]string, error) {
	pages := []string{"/"}
	inSeries := map[string]bool{}
	for _, e := range s.src.Catalog().Entries {
		inSeries[e.Name] = e.Series != ""
	}
	for _, name := range s.src.Names() {
		pages = append(pages, "/s/"+name+"/")
		if inSeries[name] && !s.isSharded(name) {
			pages = append(pages, "/s/"+name+"/changes")
		}
		v, err := app.ViewFor(app.ParseAddress("/s/"+name+"/", nil))
		if err != nil {
			return nil, fmt.Errorf("snapshot %s: %w", name, err)
		}
		if v.Rejected() {
			continue
		}
		pages = append(pages, "/s/"+name+"/coverage")
		if s.large(name) {
			continue
		}
		for _, ts := range v.Res.Tenants {
			t := fmt.Sprintf("/s/%s/tenants/%d", name, ts.TenantID)
			pages = append(pages, t, t+"/restore-runs", t+"/backup-sets")
			if ts.DataStatus != domain.DataValid {
				continue
			}
			for _, r := range ts.RestoreRuns {
				pages = append(pages, fmt.Sprintf("%s/restore-runs/%d", t, r.ID))
			}
		}
	}
	return pages, nil
}
