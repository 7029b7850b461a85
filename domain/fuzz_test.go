package domain_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantatlas/tenantatlas/domain"

	"github.com/tenantatlas/tenantatlas/internal/gen"
	"github.com/tenantatlas/tenantatlas/snapshot"
)

// Fuzzing: `make fuzz` runs each target for FUZZTIME; `go test` runs their
// seeds (every shipped fixture, valid and invalid) as ordinary tests.

// fuzzLimits keep each input cheap, and are what the checks hold Check to.
var fuzzLimits = snapshot.Limits{MaxBytes: 1 << 16, MaxDepth: 16}

var knownCodes = map[string]bool{
	snapshot.CodeSyntax: true, snapshot.CodeTrailingData: true, snapshot.CodeNotObject: true, snapshot.CodeDuplicateMember: true,
	snapshot.CodeUnknownMember: true, snapshot.CodeWrongType: true, snapshot.CodeMissing: true, snapshot.CodeNull: true,
	snapshot.CodeBadEnum: true, snapshot.CodeOutOfRange: true, snapshot.CodeBadTimestamp: true, snapshot.CodeFutureTimestamp: true,
	snapshot.CodeBadVersion: true, snapshot.CodeDuplicateID: true, snapshot.CodeUnknownTenant: true, snapshot.CodeMissingRef: true,
	snapshot.CodeCrossTenantRef: true, snapshot.CodeInconsistent: true, snapshot.CodeTooLarge: true, snapshot.CodeTooDeep: true,
	snapshot.CodeTooLong: true, snapshot.CodeNUL: true,
}

// seedFixtures adds every shipped snapshot and a small generated one.
func seedFixtures(f *testing.F) {
	root := filepath.Join("..", "fixtures")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			if b, err := os.ReadFile(p); err == nil && len(b) <= int(fuzzLimits.MaxBytes) {
				f.Add(b)
			}
		}
		return err
	})
	var buf bytes.Buffer
	if err := gen.Write(&buf, gen.Options{Tenants: 3, RunsPerTenant: 4, Seed: 7}); err == nil {
		f.Add(buf.Bytes())
	}
}

// FuzzCheck: decoding and validation of any bytes never panic, and every
// problem is well formed: a known code and reach, a path (but for the
// document itself), a message; a rejected snapshot has a problem that
// rejects it; problems are capped.
func FuzzCheck(f *testing.F) {
	seedFixtures(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkProblems(t, snapshot.Check(bytes.NewReader(data), fuzzLimits))
	})
}

// checkProblems holds a Checked to what every problem list must be.
func checkProblems(t *testing.T, c *snapshot.Checked) {
	t.Helper()
	if len(c.Problems) > snapshot.MaxProblems {
		t.Fatalf("%d problems, over the cap", len(c.Problems))
	}
	rejecting := false
	for _, p := range c.Problems {
		if !knownCodes[p.Code] || p.Message == "" {
			t.Fatalf("malformed problem %+v", p)
		}
		switch p.Reach {
		case snapshot.ReachSnapshot:
			rejecting = true
		case snapshot.ReachTenant:
			// (A rejected snapshot quarantines nobody: nothing is rendered.)
			if p.TenantID == nil || !c.Rejected() && !c.Quarantined[*p.TenantID] {
				t.Fatalf("quarantining problem without its tenant quarantined: %+v", p)
			}
			if p.Path == "" {
				t.Fatalf("a record's problem without a path: %+v", p)
			}
		case snapshot.ReachRecord:
			if p.Path == "" {
				t.Fatalf("a record's problem without a path: %+v", p)
			}
		default:
			t.Fatalf("unknown reach %+v", p)
		}
	}
	// A problem that rejects the snapshot is listed first, whatever the cap.
	if c.Rejected() != rejecting || rejecting && c.Problems[0].Reach != snapshot.ReachSnapshot {
		t.Fatalf("rejected=%v but a rejecting problem=%v: %v", c.Rejected(), rejecting, c.Problems)
	}
}

// FuzzResolve: a snapshot that is not rejected always resolves, without
// panic: every tenant once, in ascending id, every valid tenant's runs all
// there; no text makes a docs/rules.md §6 claim; every no_recent_issues_visible
// carries its boundary; and the output is JSON.
func FuzzResolve(f *testing.F) {
	seedFixtures(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c := snapshot.Check(bytes.NewReader(data), fuzzLimits)
		if !c.Rejected() {
			checkResolution(t, data, c, domain.Resolve(c))
		}
	})
}

// checkResolution holds a resolution to what it must always be.
func checkResolution(t *testing.T, data []byte, c *snapshot.Checked, res *domain.Resolution) {
	t.Helper()
	if len(res.Tenants) != len(c.Snapshot.Tenants) {
		t.Fatalf("%d tenants resolved of %d", len(res.Tenants), len(c.Snapshot.Tenants))
	}
	runs := map[int64]int{}
	for _, r := range c.Snapshot.RestoreRuns {
		runs[r.TenantID]++
	}
	for i, ts := range res.Tenants {
		if i > 0 && res.Tenants[i-1].TenantID >= ts.TenantID {
			t.Fatalf("tenants out of order at %d", i)
		}
		if ts.DataStatus == domain.DataValid && len(ts.RestoreRuns) != runs[ts.TenantID] {
			t.Fatalf("tenant %d: %d runs resolved of %d", ts.TenantID, len(ts.RestoreRuns), runs[ts.TenantID])
		}
		if ev := ts.RecoveryEvidence; ev != nil && ev.OverviewState == domain.OverviewNoRecentIssuesVisible && !saysRecoveryNotProven(ev.ClaimBoundary) {
			t.Fatalf("tenant %d: no_recent_issues_visible without its boundary: %q", ts.TenantID, ev.ClaimBoundary)
		}
	}
	if _, err := json.Marshal(res); err != nil {
		t.Fatal(err)
	}
	for _, ts := range res.Tenants {
		walkStrings(reflect.ValueOf(ts), func(s string) {
			if phrase, found := domain.ContainsForbiddenClaim(s); found && !inputSays(data, phrase) {
				t.Fatalf("tenant %d: %q claims %q", ts.TenantID, s, phrase)
			}
		})
	}
}

// inputSays reports whether the snapshot itself carries phrase (a name or
// message is repeated as given): only our own copy is held to docs/rules.md §6.
func inputSays(data []byte, phrase string) bool {
	return bytes.Contains(bytes.ToLower(data), []byte(strings.ToLower(phrase)))
}
