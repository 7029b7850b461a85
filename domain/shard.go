package domain

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Shards is a snapshot split for a large portfolio (docs/snapshot-format.md): the
// portfolio, published as index.json, and each tenant's own records as a
// snapshot of their own, published as tenants/{id}.json. The app reads the
// index for the portfolio and one tenant's file for that tenant's pages.
type Shards struct {
	Index   *Portfolio
	Tenants []snapshot.TenantShard // ascending id
}

// ErrRejected is returned for a snapshot that cannot be split because
// nothing may be rendered from it.
var ErrRejected = errors.New("the snapshot is rejected")

// Shard checks a snapshot and splits it. Each record goes, byte for byte, to
// the file of the tenant it names; a record that names no known tenant is in
// no file, and the index's errors name it, so nothing is lost. Because every
// derived state depends on one tenant's records only (docs/rules.md), the file of
// a tenant that is valid resolves to the same states as the whole snapshot
// (the JSON paths of its explanations are those of the file). A tenant can
// also be quarantined by what only the whole shows, such as a record id
// another tenant uses too: its status and errors are read from the index.
func Shard(r io.Reader, lim snapshot.Limits) (*Shards, *snapshot.Checked, error) {
	max := lim.MaxBytes
	if max <= 0 {
		max = snapshot.DefaultMaxBytes
	}
	// One byte more than the limit, so that Check reports the size itself.
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, nil, err
	}
	c := snapshot.Check(bytes.NewReader(data), lim)
	if c.Rejected() {
		return nil, c, fmt.Errorf("%w: %s", ErrRejected, c.Problems[0])
	}
	index := NewPortfolio(c, Resolve(c))
	ids := make([]int64, len(index.Tenants))
	for i, t := range index.Tenants {
		ids[i] = t.ID
	}
	files, err := snapshot.SplitTenants(data, ids)
	if err != nil {
		return nil, c, err
	}
	return &Shards{Index: index, Tenants: files}, c, nil
}
