package site

import (
	"fmt"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/domain"
)

// Pages lists every page of every snapshot of src, relative to the base:
// the snapshots page, each portfolio, and for each tenant its dashboard,
// restore runs, backup sets and every run. A rejected snapshot has only its
// portfolio address, which shows the errors.
func Pages(src *FixtureSource) ([]string, error) {
	pages := []string{"/"}
	for _, name := range src.Names() {
		pages = append(pages, "/s/"+name+"/")
		v, err := app.ViewFor(app.Address{Snap: name})
		if err != nil {
			return nil, fmt.Errorf("snapshot %s: %w", name, err)
		}
		if v.Rejected() {
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
