package app

import (
	"fmt"

	"github.com/tenantatlas/tenantatlas/domain"
	"github.com/tenantatlas/tenantatlas/internal/indexjson"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// A sharded snapshot (docs/snapshot-format.md) is read in two parts: its
// index.json for the portfolio and for each tenant's status and errors, and
// one tenant's file for that tenant's pages.

// newIndexView reads a sharded snapshot's index.json. The view has the
// portfolio, and each tenant's name and data status; a quarantined tenant's
// page needs nothing more, since it shows only the index's errors. The
// index is read by internal/indexjson, not encoding/json, whose reflection
// was most of the time a large portfolio took to appear.
func newIndexView(name string, data []byte) (*View, error) {
	p, err := indexjson.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("the snapshot's index.json cannot be read: %w", err)
	}
	if p.Tenants == nil {
		return nil, fmt.Errorf("the snapshot's index.json has no tenants")
	}
	v := &View{Name: name, Portfolio: p, cost: int64(len(data)), tenants: map[int64]*domain.TenantState{}, records: map[int64]*tenantRecords{}, problems: map[int64]snapshot.Problems{}}
	for _, t := range p.Tenants {
		v.tenants[t.ID] = &domain.TenantState{TenantID: t.ID, Name: t.Name, DataStatus: t.Row.DataStatus}
		v.records[t.ID] = &tenantRecords{Tenant: &snapshot.Tenant{ID: t.ID, Name: t.Name, FreshnessHours: t.BackupFreshnessHours}}
	}
	for _, pr := range p.Errors {
		if pr.TenantID != nil {
			v.problems[*pr.TenantID] = append(v.problems[*pr.TenantID], pr)
		}
	}
	return v, nil
}

// tenantRow is tenant id's entry of the index, if it has one.
func (v *View) tenantRow(id int64) (domain.PortfolioTenant, bool) {
	if v.Portfolio != nil {
		for _, t := range v.Portfolio.Tenants {
			if t.ID == id {
				return t, true
			}
		}
	}
	return domain.PortfolioTenant{}, false
}

// newTenantView is a valid tenant's view, from its own file; the snapshot's
// header (name, viewer) stays the index's.
func newTenantView(name string, index *View, id int64, file []byte) (*View, error) {
	if Withholds(index.Portfolio) {
		return newWithheldTenantView(name, index, id, file)
	}
	v := NewView(name, file)
	ts, _, ok := v.Tenant(id)
	if v.Rejected() || !ok || ts.DataStatus != domain.DataValid || len(v.Res.Tenants) != 1 {
		// The index says the tenant is valid; a file that disagrees was not
		// written with it, and nothing is derived from it.
		return nil, fmt.Errorf("the file of tenant %d does not match the snapshot's index.json: publish the snapshot again", id)
	}
	v.Portfolio = index.Portfolio
	return v, nil
}
