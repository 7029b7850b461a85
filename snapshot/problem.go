package snapshot

import (
	"fmt"
	"strings"
)

// Reach is how far a problem's effect extends (docs/snapshot-format.md, "Errors and
// how far they reach").
type Reach string

const (
	// ReachSnapshot rejects the whole snapshot: nothing is rendered from it.
	ReachSnapshot Reach = "snapshot_rejected"
	// ReachRecord reports a record that belongs to no tenant; nothing else is affected.
	ReachRecord Reach = "record_orphaned"
	// ReachTenant quarantines the record's tenant: listed as invalid, nothing derived.
	ReachTenant Reach = "tenant_quarantined"
)

// Problem is one thing wrong with a snapshot. It is a value, not a Go error:
// the edge (CLI, page) decides how to show it.
type Problem struct {
	// Path is the JSON path of what is wrong, e.g. restore_runs[3].status;
	// empty for the document itself.
	Path string `json:"path"`
	// TenantID is the tenant the problem belongs to, nil when it has none.
	TenantID *int64 `json:"tenant_id"`
	// Code is a stable key for the kind of problem (e.g. "unknown_member").
	Code string `json:"code"`
	// Message is a sentence a person can act on.
	Message string `json:"message"`
	Reach   Reach  `json:"reach"`
}

// String renders the problem the way go vet does: "PATH: message".
func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Problem codes. Stable: tests, fixtures and other programs rely on them.
const (
	CodeSyntax          = "syntax"           // not JSON, truncated, invalid UTF-8
	CodeTrailingData    = "trailing_data"    // something after the document
	CodeNotObject       = "not_object"       // the top level (or a record) is not an object
	CodeDuplicateMember = "duplicate_member" // an object repeats a member name
	CodeUnknownMember   = "unknown_member"   // a member the format does not define
	CodeWrongType       = "wrong_type"       // e.g. a string where an integer belongs
	CodeMissing         = "missing"          // a required member is absent
	CodeNull            = "null_not_allowed" // null where the field is not nullable
	CodeBadEnum         = "unknown_value"    // a value outside the field's enum
	CodeOutOfRange      = "out_of_range"     // a number outside its bounds
	CodeBadTimestamp    = "bad_timestamp"    // not an RFC 3339 instant with an offset
	CodeFutureTimestamp = "future_timestamp" // more than 5 minutes after generated_at
	CodeBadVersion      = "unsupported_version"
	CodeDuplicateID     = "duplicate_id"      // two records of one collection share an id
	CodeUnknownTenant   = "unknown_tenant"    // tenant_id missing or names no tenant
	CodeMissingRef      = "missing_reference" // a reference to a record that does not exist
	CodeCrossTenantRef  = "cross_tenant_reference"
	CodeInconsistent    = "inconsistent"  // fields that contradict each other
	CodeTooLarge        = "too_large"     // the document is over the size limit
	CodeTooDeep         = "too_deep"      // nesting over the limit
	CodeTooLong         = "too_long"      // a string over its length limit
	CodeNUL             = "nul_character" // a string holding U+0000 (written \u0000)
)

// Problems is every problem found in one snapshot.
type Problems []Problem

// enumMessage builds the message for a value outside an enum.
func enumMessage(what, got string, allowed []string) string {
	return fmt.Sprintf("unknown %s %q; expected one of %s", what, got, strings.Join(allowed, ", "))
}
