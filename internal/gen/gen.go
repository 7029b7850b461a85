// Package gen writes synthetic, valid snapshots of realistic shape for load
// tests, benchmarks and property tests. The output depends only on Options:
// the same seed always gives the same bytes.
package gen

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"
)

// GeneratedAt is the fixed "now" of every generated snapshot: no clock.
const GeneratedAt = "2026-04-09T01:19:36+02:00"

// Options shape a generated snapshot.
type Options struct {
	Tenants       int
	RunsPerTenant int
	Seed          uint64
}

var (
	companies = []string{"Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Adventure Works", "Litware", "Wide World", "Alpine Ski", "Coho", "Proseware", "Lamna", "Trey", "Fourth Coffee", "Margie's Travel", "Blue Yonder", "Graphic Design", "Humongous", "Lucerne", "VanArsdel"}
	suffixes  = []string{"Ltd", "Inc.", "GmbH", "AG", "Group", "Holdings", "Traders", "Bank", "Healthcare", "Research"}
	items     = []struct{ name, typ string }{
		{"Windows 11 security baseline", "deviceConfiguration"},
		{"BitLocker encryption", "deviceConfiguration"},
		{"Wi-Fi corporate profile", "deviceConfiguration"},
		{"Require device compliance", "compliancePolicy"},
		{"iOS minimum OS version", "compliancePolicy"},
		{"Defender for Endpoint onboarding", "settingsCatalog"},
		{"Edge browser hardening", "settingsCatalog"},
		{"OneDrive known folder move", "settingsCatalog"},
	}
	foundations = []struct{ name, typ string }{
		{"Scope tag: EU", "scopeTag"},
		{"Scope tag: Helpdesk", "scopeTag"},
		{"Filter: corporate devices", "assignmentFilter"},
	}
	assignments = []string{"All devices", "All users", "Finance laptops", "Kiosk devices", "Pilot ring"}
)

// Write streams a snapshot to w.
func Write(w io.Writer, o Options) error {
	now, _ := time.Parse(time.RFC3339, GeneratedAt)
	g := &generator{o: o, now: now.UTC(), rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))}
	for i := 0; i < o.Tenants; i++ {
		g.tenant(i)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, "{\n  \"schema_version\": 1,\n  \"generated_at\": %q,\n  \"name\": \"Generated portfolio (seed %d, %d tenants)\",\n", GeneratedAt, o.Seed, o.Tenants)
	for i, part := range []struct {
		name string
		buf  *bytes.Buffer
	}{{"tenants", &g.tenants}, {"backup_sets", &g.backups}, {"restore_runs", &g.runs}, {"operation_runs", &g.ops}, {"evidence_snapshots", &g.evidence}} {
		body := bytes.TrimSuffix(part.buf.Bytes(), []byte(",\n"))
		fmt.Fprintf(bw, "  %q: [\n%s\n  ]", part.name, body)
		if i < 4 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

type generator struct {
	o                                     Options
	now                                   time.Time
	rng                                   *rand.Rand
	tenants, backups, runs, ops, evidence bytes.Buffer
	nextBackup, nextRun, nextOp, nextEv   int64
}

func (g *generator) ts(t time.Time) string { return strconv.Quote(t.UTC().Format(time.RFC3339)) }

// ago is a time between lo and hi hours before now.
func (g *generator) ago(lo, hi float64) time.Time {
	h := lo + g.rng.Float64()*(hi-lo)
	return g.now.Add(-time.Duration(h * float64(time.Hour))).Truncate(time.Second)
}

func (g *generator) tenant(i int) {
	id := int64(i + 1)
	name := fmt.Sprintf("%s %s %d", companies[i%len(companies)], suffixes[(i/len(companies))%len(suffixes)], id)
	fresh := []int{24, 24, 24, 48, 72}[g.rng.IntN(5)]
	fmt.Fprintf(&g.tenants, "    {\"id\": %d, \"name\": %q, \"backup_freshness_hours\": %d},\n", id, name, fresh)

	// Backup history: nightly sets, the latest one of varied fate.
	n := 2 + g.rng.IntN(4)
	var setIDs []int64
	for j := 0; j < n; j++ {
		g.nextBackup++
		bid := g.nextBackup
		setIDs = append(setIDs, bid)
		end := g.ago(float64(24*(n-j-1))+1, float64(24*(n-j-1))+20)
		if j == n-1 && g.rng.IntN(5) == 0 {
			end = g.ago(float64(fresh)+2, float64(fresh)+100) // stale
		}
		status, failed := "completed", 0
		switch r := g.rng.IntN(20); {
		case r == 0:
			status = "failed"
		case r == 1:
			status = "partial"
		case r == 2:
			failed = 1 + g.rng.IntN(5)
		}
		count := 200 + g.rng.IntN(400)
		fmt.Fprintf(&g.backups, "    {\"id\": %d, \"tenant_id\": %d, \"name\": \"Nightly\", \"status\": %q, \"started_at\": %s, \"completed_at\": %s, \"item_count\": %d, \"failed_item_count\": %d},\n",
			bid, id, status, g.ts(end.Add(-4*time.Minute)), g.ts(end), count, failed)
	}

	for j := 0; j < g.o.RunsPerTenant; j++ {
		g.run(id, setIDs[g.rng.IntN(len(setIDs))])
	}
}

// run writes one restore run of a realistic kind, with its operation and
// evidence where the kind has them.
func (g *generator) run(tenant, set int64) {
	g.nextRun++
	id := g.nextRun
	created := g.ago(2, 24*60)
	completed := created.Add(time.Duration(3+g.rng.IntN(20)) * time.Minute)
	kind := g.rng.IntN(100)
	var status, opStatus, opOutcome string
	dry := false
	outcomes := []string{"applied", "applied", "applied"}
	switch {
	case kind < 10:
		status, dry = "previewed", true
	case kind < 14:
		status = []string{"draft", "scoped", "checked", "previewed"}[g.rng.IntN(4)]
	case kind < 17:
		status, opStatus, opOutcome = "running", "running", "pending"
	case kind < 25:
		status, opStatus, opOutcome = "failed", "completed", "failed"
		outcomes = []string{"failed", "applied", "skipped"}
	case kind < 27:
		status, opStatus, opOutcome = "cancelled", "completed", "cancelled"
		outcomes = nil
	case kind < 37:
		status, opStatus, opOutcome = "partial", "completed", "partially_succeeded"
		outcomes = []string{"applied", "partial", "failed"}
	case kind < 47:
		status, opStatus, opOutcome = "completed", "completed", "succeeded"
		outcomes = []string{"applied", "applied", "skipped"}
	default:
		status, opStatus, opOutcome = "completed", "completed", "succeeded"
	}

	fmt.Fprintf(&g.runs, "    {\"id\": %d, \"tenant_id\": %d, \"backup_set_id\": %d, \"status\": %q, \"is_dry_run\": %t, \"created_at\": %s",
		id, tenant, set, status, dry, g.ts(created))
	finished := status == "completed" || status == "partial" || status == "failed" || status == "cancelled"
	if finished {
		fmt.Fprintf(&g.runs, ", \"completed_at\": %s", g.ts(completed))
	} else {
		g.runs.WriteString(", \"completed_at\": null")
	}
	var opID int64
	if opStatus != "" {
		g.nextOp++
		opID = g.nextOp
		fmt.Fprintf(&g.runs, ", \"operation_run_id\": %d", opID)
		end := "null"
		if opStatus == "completed" {
			end = g.ts(completed)
		}
		fmt.Fprintf(&g.ops, "    {\"id\": %d, \"tenant_id\": %d, \"type\": \"restore.execute\", \"status\": %q, \"outcome\": %q, \"started_at\": %s, \"completed_at\": %s},\n",
			opID, tenant, opStatus, opOutcome, g.ts(created.Add(5*time.Second)), end)
		if opStatus == "completed" && g.rng.IntN(10) < 6 {
			g.nextEv++
			st := []string{"active", "active", "active", "superseded", "expired", "pending"}[g.rng.IntN(6)]
			exp := "null"
			if g.rng.IntN(3) == 0 {
				exp = g.ts(completed.Add(time.Duration(24*(1+g.rng.IntN(60))) * time.Hour))
			}
			fmt.Fprintf(&g.evidence, "    {\"id\": %d, \"tenant_id\": %d, \"operation_run_id\": %d, \"status\": %q, \"captured_at\": %s, \"expires_at\": %s},\n",
				g.nextEv, tenant, opID, st, g.ts(completed.Add(4*time.Minute)), exp)
		}
	}

	if len(outcomes) > 0 {
		g.runs.WriteString(", \"results\": {\"items\": [")
		counts := map[string]int{}
		for k, oc := range outcomes {
			it := items[g.rng.IntN(len(items))]
			if k > 0 {
				g.runs.WriteString(", ")
			}
			fmt.Fprintf(&g.runs, "{\"id\": \"cfg-%d-%d\", \"name\": %q, \"type\": %q, \"outcome\": %q}", id, k, it.name, it.typ, oc)
			counts[oc]++
		}
		f := foundations[g.rng.IntN(len(foundations))]
		fmt.Fprintf(&g.runs, "], \"foundations\": [{\"id\": \"fnd-%d\", \"name\": %q, \"type\": %q, \"outcome\": \"applied\"}]", id, f.name, f.typ)
		counts["applied"]++
		fmt.Fprintf(&g.runs, ", \"assignments\": [{\"id\": \"asg-%d\", \"name\": %q, \"type\": \"groupAssignment\", \"outcome\": \"applied\"}]}", id, assignments[g.rng.IntN(len(assignments))])
		counts["applied"]++
		// Counts are sometimes absent, as real backends leave them out.
		if g.rng.IntN(4) > 0 {
			total := 0
			for _, v := range counts {
				total += v
			}
			fmt.Fprintf(&g.runs, ", \"metadata\": {\"counts\": {\"total\": %d", total)
			for _, k := range []string{"applied", "partial", "failed", "skipped"} {
				if counts[k] > 0 {
					fmt.Fprintf(&g.runs, ", %q: %d", k, counts[k])
				}
			}
			g.runs.WriteString("}, \"scope_basis\": \"selected_items\"}")
		}
	}
	g.runs.WriteString("},\n")
}
