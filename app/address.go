package app

import (
	"net/url"
	"regexp"
	"strconv"
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

var (
	snapName    = `([A-Za-z0-9][A-Za-z0-9._-]{0,99})`
	rePortfolio = regexp.MustCompile(`^/s/` + snapName + `/?$`)
	reTenant    = regexp.MustCompile(`^/s/` + snapName + `/tenants/([0-9]{1,19})$`)
	reRuns      = regexp.MustCompile(`^/s/` + snapName + `/tenants/([0-9]{1,19})/restore-runs$`)
	reRun       = regexp.MustCompile(`^/s/` + snapName + `/tenants/([0-9]{1,19})/restore-runs/([0-9]{1,19})$`)
	reBackups   = regexp.MustCompile(`^/s/` + snapName + `/tenants/([0-9]{1,19})/backup-sets$`)
	reChanges   = regexp.MustCompile(`^/s/` + snapName + `/changes$`)
	reSnapName  = regexp.MustCompile(`^` + snapName + `$`)
	reCoverage  = regexp.MustCompile(`^/s/` + snapName + `/coverage$`)
)

// ParseAddress reads a path relative to the base ("/s/demo/tenants/1").
func ParseAddress(path string, query url.Values) Address {
	// An id is any positive int64, up to 9223372036854775807 (19 digits);
	// a number past it names no record, and the address no page.
	bad := false
	id := func(s string) int64 {
		v, err := strconv.ParseInt(s, 10, 64)
		bad = bad || err != nil
		return v
	}
	a := Address{Kind: pageUnknown, Query: query}
	if query == nil {
		a.Query = url.Values{}
	}
	switch {
	case path == "/" || path == "":
		a.Kind = pageSnapshots
	case rePortfolio.MatchString(path):
		m := rePortfolio.FindStringSubmatch(path)
		a.Kind, a.Snap = pagePortfolio, m[1]
	case reTenant.MatchString(path):
		m := reTenant.FindStringSubmatch(path)
		a.Kind, a.Snap, a.Tenant = pageTenant, m[1], id(m[2])
	case reRuns.MatchString(path):
		m := reRuns.FindStringSubmatch(path)
		a.Kind, a.Snap, a.Tenant = pageRestoreRuns, m[1], id(m[2])
	case reRun.MatchString(path):
		m := reRun.FindStringSubmatch(path)
		a.Kind, a.Snap, a.Tenant, a.Run = pageRestoreRun, m[1], id(m[2]), id(m[3])
	case reBackups.MatchString(path):
		m := reBackups.FindStringSubmatch(path)
		a.Kind, a.Snap, a.Tenant = pageBackupSets, m[1], id(m[2])
	case reChanges.MatchString(path):
		m := reChanges.FindStringSubmatch(path)
		a.Kind, a.Snap = pageChanges, m[1]
	case reCoverage.MatchString(path):
		a.Kind, a.Snap = pageCoverage, reCoverage.FindStringSubmatch(path)[1]
	}
	if bad {
		a = Address{Kind: pageUnknown, Query: a.Query}
	}
	return a
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
