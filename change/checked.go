package change

import (
	"runtime"
	"sync"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// CompareChecked is Compare of two checked snapshots, resolving each tenant
// of both sides as it is compared: a side's states are never held whole,
// only each worker's tenant at a time, so two large snapshots are diffed in
// about the memory and the time of resolving both (the explanations, which
// a diff never shows, are left out). Tenants are independent work and are
// compared on every core.
func CompareChecked(old, new *snapshot.Checked) (*Diff, error) {
	d, err := Compare(domain.ResolveHeader(old), domain.ResolveHeader(new))
	if err != nil {
		return d, err
	}
	ro, rn := domain.NewResolver(old).WithoutWhy(), domain.NewResolver(new).WithoutWhy()
	// The tenants of both sides, merged by id: -1 where a side lacks one.
	type match struct{ o, n int }
	var ms []match
	for i, j := 0, 0; i < ro.Len() || j < rn.Len(); {
		switch {
		case j == rn.Len() || (i < ro.Len() && ro.TenantID(i) < rn.TenantID(j)):
			ms = append(ms, match{i, -1})
			i++
		case i == ro.Len() || rn.TenantID(j) < ro.TenantID(i):
			ms = append(ms, match{-1, j})
			j++
		default:
			ms = append(ms, match{i, j})
			i++
			j++
		}
	}
	d.Tenants = make([]TenantChange, len(ms))
	workers := min(runtime.GOMAXPROCS(0), len(ms))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// A worker's run states are kept in one buffer a side, reused
			// from tenant to tenant: a change copies what it keeps.
			var bufO, bufN []domain.RunState
			for k := w; k < len(ms); k += workers {
				var o, n *domain.TenantState
				if m := ms[k]; m.o >= 0 {
					t := ro.TenantReusing(m.o, bufO)
					bufO, o = grown(bufO, t.RestoreRuns), &t
				}
				if m := ms[k]; m.n >= 0 {
					t := rn.TenantReusing(m.n, bufN)
					bufN, n = grown(bufN, t.RestoreRuns), &t
				}
				d.Tenants[k] = CompareTenant(o, n)
			}
		})
	}
	wg.Wait()
	for k := range d.Tenants {
		d.Summary.count(&d.Tenants[k])
	}
	return d, nil
}

func grown(buf, runs []domain.RunState) []domain.RunState {
	if cap(runs) > cap(buf) {
		return runs
	}
	return buf
}
