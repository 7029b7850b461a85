package app

import (
	"net/url"
	"strconv"
	"strings"
)

// Page kinds, one per address of docs/interfaces.md.
type pageKind int

const (
	pageSnapshots pageKind = iota
	pagePortfolio
	pageTenant
	pageRestoreRuns
	pageRestoreRun
	pageBackupSets
	pageChanges
	pageCoverage
	pageUnknown
)

// Address is a page address taken apart: {base}s/{snap}/tenants/{id}/... The
// base path is removed before parsing.
type Address struct {
	Kind   pageKind
	Snap   string
	Tenant int64
	Run    int64
	Query  url.Values
}

// ParseAddress reads a path relative to the base ("/s/demo/tenants/1"). It
// reads the path by hand: as regular expressions, compiling the nine of
// them was a part of app.wasm's start (docs/performance.md, "Takeover and
// the service worker"); TestParseAddressAgreesWithRegexps holds it to them.
func ParseAddress(path string, query url.Values) Address {
	a := Address{Kind: pageUnknown, Query: query}
	if query == nil {
		a.Query = url.Values{}
	}
	if path == "/" || path == "" {
		a.Kind = pageSnapshots
		return a
	}
	rest, ok := strings.CutPrefix(path, "/s/")
	if !ok {
		return a
	}
	snap, rest, more := strings.Cut(rest, "/")
	if !validSnapName(snap) {
		return a
	}
	kind, tenant, run := pageUnknown, int64(0), int64(0)
	switch {
	case !more || rest == "":
		kind = pagePortfolio
	case rest == "changes":
		kind = pageChanges
	case rest == "coverage":
		kind = pageCoverage
	case strings.HasPrefix(rest, "tenants/"):
		id, tail, more := strings.Cut(strings.TrimPrefix(rest, "tenants/"), "/")
		if tenant, ok = recordID(id); !ok {
			return a
		}
		switch {
		case !more:
			kind = pageTenant
		case tail == "restore-runs":
			kind = pageRestoreRuns
		case tail == "backup-sets":
			kind = pageBackupSets
		case strings.HasPrefix(tail, "restore-runs/"):
			if run, ok = recordID(strings.TrimPrefix(tail, "restore-runs/")); ok {
				kind = pageRestoreRun
			}
		}
	}
	if kind != pageUnknown {
		a.Kind, a.Snap, a.Tenant, a.Run = kind, snap, tenant, run
	}
	return a
}

// validSnapName reports whether s may name a snapshot: a letter or digit,
// then up to 99 letters, digits, dots, underscores and hyphens.
func validSnapName(s string) bool {
	if len(s) == 0 || len(s) > 100 || !isAlnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// recordID reads an id of an address: any int64 of 1 to 19 digits (up to
// 9223372036854775807); a number past it names no record, and the address
// no page.
func recordID(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 19 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// Known reports whether the address names a page at all.
func (a Address) Known() bool { return a.Kind != pageUnknown }

// IsScriptOrResource reports whether a path relative to the base is one of
// go-app's own files rather than a page.
func IsScriptOrResource(rel string) bool {
	switch rel {
	case "/app.js", "/wasm_exec.js", "/app-worker.js", "/manifest.webmanifest", "/app.css":
		return true
	}
	return false
}
