package app

import (
	"errors"

	"github.com/tenantatlas/tenantatlas/change"
)

// changesInfo is what the changes page of a snapshot compares: OLD is the
// snapshot before it in its series, or the one ?from= names; NEW is the
// page's own. The diff itself is package change's.
type changesInfo struct {
	// From names OLD; "" when there is none (no-previous).
	From string
	// Asked is true when ?from= chose OLD.
	Asked bool
	// Unknown is true when ?from= names no snapshot (its value is not
	// shown back).
	Unknown  bool
	FromView *View
	Diff     *change.Diff
	Err      error
	// Choices are the snapshots ?from= may name, for the page's form.
	Choices []CatalogEntry
}

// errParts is a side published in parts, whose runs the site does not hold
// in one file.
var errParts = errors.New("this snapshot is published in parts (one file per tenant); its changes are compared with the command line: tenantatlas diff")

// loadChanges finds OLD and compares it with v.
func loadChanges(a Address, v *View, s *seriesInfo) *changesInfo {
	c := &changesInfo{}
	c.Choices = changeChoices(a.Snap)
	if from, asked := a.Query["from"]; asked && len(from) > 0 && from[0] != "" {
		c.Asked = true
		if !validSnapName(from[0]) {
			c.Unknown = true
			return c
		}
		c.From = from[0]
	} else {
		c.From = s.Previous()
	}
	if c.From == "" {
		return c
	}
	old, err := loadView(Address{Kind: pageChanges, Snap: c.From})
	if errors.Is(err, ErrNoSnapshot) {
		c.Unknown, c.From = true, ""
		return c
	}
	c.FromView = old
	switch {
	case err != nil:
		c.Err = err
	case old.Res == nil || v.Res == nil:
		c.Err = errParts
	default:
		c.Diff, c.Err = change.Compare(old.Res, v.Res)
	}
	return c
}

// changeChoices are the snapshots a changes page may compare with: the
// site's, and the user's own files when the page is of one of them.
func changeChoices(snap string) []CatalogEntry {
	var out []CatalogEntry
	if IsLocal(snap) {
		out = append(out, localCatalog().Entries...)
	}
	if c, err := loadCatalog(); err == nil {
		out = append(out, c.Entries...)
	}
	return out
}
