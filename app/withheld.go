package app

import (
	"encoding/json"
	"fmt"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// A snapshot whose viewer lacks a capability (docs/rules.md §7) is never
// published as the backend wrote it: anyone could read the records from the
// file that no page shows. It is published sharded, and each tenant's file
// holds only the records the viewer may see, beside the tenant's states
// derived from all of them, precomputed and redacted as the pages show them
// (as index.json already holds each portfolio row):
//
//	{"state": {TenantState}, "records": {a snapshot with this tenant and the visible collections}}
//
// Which collections each capability opens:
//
//	backup.view   backup_sets
//	restore.view  restore_runs, operation_runs (a run's proof), evidence_snapshots
//	evidence.view evidence_snapshots

// WithheldTenantFile is a tenant's file of a snapshot whose viewer lacks a
// capability.
type WithheldTenantFile struct {
	State   *domain.TenantState `json:"state"`
	Records json.RawMessage     `json:"records"`
}

// Withholds reports whether the viewer lacks a capability, so that the
// snapshot's records are published withheld.
func Withholds(p *domain.Portfolio) bool {
	return p != nil && len(withheldCollections(p)) > 0
}

// withheldCollections are the collections p's viewer may not see.
func withheldCollections(p *domain.Portfolio) []string {
	var out []string
	if !p.Can(snapshot.CapBackupView) {
		out = append(out, "backup_sets")
	}
	if !p.Can(snapshot.CapRestoreView) {
		out = append(out, "restore_runs", "operation_runs", "evidence_snapshots")
	} else if !p.Can(snapshot.CapEvidenceView) {
		out = append(out, "evidence_snapshots")
	}
	return out
}

// WithholdShards returns sh as it may be published: unchanged when the
// viewer holds every capability, else with each tenant's file in the
// withheld form, its state taken from res (the whole snapshot's resolution)
// and redacted as the pages redact it.
func WithholdShards(sh *domain.Shards, res *domain.Resolution) (*domain.Shards, error) {
	drop := withheldCollections(sh.Index)
	if len(drop) == 0 {
		return sh, nil
	}
	states := make(map[int64]*domain.TenantState, len(res.Tenants))
	for i := range res.Tenants {
		states[res.Tenants[i].TenantID] = &res.Tenants[i]
	}
	out := &domain.Shards{Index: sh.Index, Tenants: make([]snapshot.TenantShard, 0, len(sh.Tenants))}
	for _, t := range sh.Tenants {
		ts, ok := states[t.ID]
		if !ok {
			return nil, fmt.Errorf("tenant %d has a file but no state", t.ID)
		}
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(t.Snapshot, &doc); err != nil {
			return nil, fmt.Errorf("tenant %d: %w", t.ID, err)
		}
		for _, c := range drop {
			delete(doc, c)
		}
		records, err := json.Marshal(doc)
		if err != nil {
			return nil, err
		}
		state := domain.ForViewer(ts, sh.Index.Can)
		b, err := json.Marshal(WithheldTenantFile{State: state, Records: records})
		if err != nil {
			return nil, err
		}
		out.Tenants = append(out.Tenants, snapshot.TenantShard{ID: t.ID, Snapshot: append(b, '\n')})
	}
	return out, nil
}

// newWithheldTenantView is a valid tenant's view from its file in the
// withheld form: the records the viewer may see, and the states as
// published. What the records alone would derive is not used: they lack
// what the states rest on.
func newWithheldTenantView(name string, index *View, id int64, file []byte) (*View, error) {
	var f WithheldTenantFile
	if err := json.Unmarshal(file, &f); err != nil || f.State == nil || len(f.Records) == 0 {
		return nil, fmt.Errorf("the file of tenant %d cannot be read: publish the snapshot again", id)
	}
	if f.State.TenantID != id || f.State.DataStatus != domain.DataValid || f.State.BackupHealth == nil || f.State.RecoveryEvidence == nil {
		return nil, fmt.Errorf("the file of tenant %d does not match the snapshot's index.json: publish the snapshot again", id)
	}
	v := NewView(name, f.Records)
	if _, recs, ok := v.Tenant(id); !ok || recs == nil || v.Checked.Snapshot == nil {
		return nil, fmt.Errorf("the file of tenant %d does not match the snapshot's index.json: publish the snapshot again", id)
	}
	v.Res = &domain.Resolution{Tenants: []domain.TenantState{*f.State}}
	v.tenants = map[int64]*domain.TenantState{id: &v.Res.Tenants[0]}
	v.problems = index.problems
	v.Portfolio = index.Portfolio
	return v, nil
}
