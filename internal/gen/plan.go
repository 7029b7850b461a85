package gen

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// Fictitious organisations, as Microsoft's own documentation uses them. One
// carries an ampersand, one a non-ASCII letter, so that text handling is
// exercised too.
var companies = []string{
	"Contoso Ltd", "Fabrikam Inc.", "Northwind Traders", "Tailspin Toys", "Woodgrove Bank",
	"Adventure Works", "Litware", "Wide World Importers", "Alpine Ski House", "Coho Winery",
	"Proseware", "Lamna Healthcare", "Trey Research", "Fourth Coffee", "Margie's Travel",
	"Blue Yonder Airlines", "Graphic Design Institute", "Humongous Insurance", "Lucerne Publishing",
	"VanArsdel Ltd.", "Wingtip Toys", "Relecloud", "City Power & Light", "Tailwind Traders",
	"Southridge Video", "Nod Publishers", "A. Datum Corporation", "Consolidated Messenger",
	"First Up Consultants", "Bellows College", "Café Zürich Holding",
}

type entry struct{ name, typ string }

var (
	items = [...]entry{
		{"Windows 11 security baseline", "deviceConfiguration"},
		{"BitLocker encryption", "deviceConfiguration"},
		{"Wi-Fi corporate profile", "deviceConfiguration"},
		{"VPN always-on profile", "deviceConfiguration"},
		{"Require device compliance", "compliancePolicy"},
		{"iOS minimum OS version", "compliancePolicy"},
		{"Android Enterprise password", "compliancePolicy"},
		{"Defender for Endpoint onboarding", "settingsCatalog"},
		{"Edge browser hardening", "settingsCatalog"},
		{"OneDrive known folder move", "settingsCatalog"},
		{"Windows Update ring: Broad", "windowsUpdateRing"},
		{"Company Portal branding", "appProtectionPolicy"},
	}
	foundations = []entry{
		{"Scope tag: EU", "scopeTag"},
		{"Scope tag: Helpdesk", "scopeTag"},
		{"Filter: corporate devices", "assignmentFilter"},
		{"Filter: Windows 11 only", "assignmentFilter"},
	}
	groups    = []string{"All devices", "All users", "Finance laptops", "Kiosk devices", "Pilot ring", "Sales iPhones"}
	skipWhy   = map[string]string{"groupAssignment": "Group not found in target tenant", "assignmentFilter": "Assignment filter missing in target tenant", "scopeTag": "Scope tag already exists"}
	failWhy   = []string{"Graph API returned 400 Bad Request", "Conflicting policy exists", "Request throttled; retries exhausted"}
	freshness = []int{24, 24, 24, 24, 12, 48, 72}
)

// depth says how far to plan a tenant: each collection needs only what it
// writes and what that rests on.
type depth int

const (
	planTenant      depth = iota // id, name, freshness
	planBackupSets               // and its backup sets
	planRestoreRuns              // and its restore runs, operations and evidence
	planResults                  // and each run's result entries and counts
)

// counters hand out ids in input order, the same in every pass.
type counters struct{ backup, run, op, evidence int64 }

type tenantPlan struct {
	id    int64
	name  string
	fresh int
	sets  []setPlan
	runs  []runPlan
}

type setPlan struct {
	id                 int64
	name, status       string
	started, completed time.Time
	items, failed      int
}

type runPlan struct {
	id            int64
	set           int64 // 0: no backup set
	status        string
	dry           bool
	created, done time.Time // done zero: completed_at null
	op            *opPlan
	entries       []result // items, then foundations, then assignments
	summaryOnly   bool     // counts, but no result entries listed
	counts        string   // "": no counts; else "full" or "partial"
	previewed     int      // a dry run's scope: counts.total only
	nonApplied    bool
	evidence      []evidencePlan
}

// result is one result entry: an item, foundation or assignment of the
// lists above, by index.
type result struct {
	group   byte // 'i' items, 'f' foundations, 'a' assignments
	index   int
	outcome string
	message string
}

func (e result) name() string {
	switch e.group {
	case 'i':
		return items[e.index].name
	case 'f':
		return foundations[e.index].name
	}
	return groups[e.index]
}

func (e result) typ() string {
	switch e.group {
	case 'i':
		return items[e.index].typ
	case 'f':
		return foundations[e.index].typ
	}
	return "groupAssignment"
}

// appendID writes the entry's id: cfg-N, fnd-N or asg-N.
func (e result) appendID(b []byte) []byte {
	switch e.group {
	case 'i':
		b = append(b, "\"cfg-"...)
	case 'f':
		b = append(b, "\"fnd-"...)
	default:
		b = append(b, "\"asg-"...)
	}
	b = strconv.AppendInt(b, int64(e.index+1), 10)
	return append(b, '"')
}

type opPlan struct {
	id                int64
	status, outcome   string
	started, finished time.Time // finished zero: still going
}

type evidencePlan struct {
	id       int64
	status   string
	captured time.Time
	expires  time.Time // zero: never expires
}

// plan draws tenant t, as deep as d, from streams of its own and takes its
// ids from ids. Result entries come from a stream apart, so that planning
// without them draws everything else the same.
func plan(o Options, t int, d depth, ids *counters) tenantPlan {
	rng := rand.New(rand.NewPCG(mix(o.Seed, uint64(t)), mix(o.Seed, uint64(t)^1<<63)))
	p := tenantPlan{id: int64(t + 1), name: companies[t%len(companies)]}
	if t >= len(companies) {
		p.name += " " + strconv.Itoa(t/len(companies)+1)
	}
	p.fresh = freshness[rng.IntN(len(freshness))]
	if d >= planBackupSets {
		planBackups(rng, &p, ids)
	}
	if d >= planRestoreRuns {
		var res *rand.Rand
		if d >= planResults {
			res = rand.New(rand.NewPCG(mix(o.Seed^0x5eed, uint64(t)), uint64(t)))
		}
		planRuns(rng, res, &p, o.RunsPerTenant, ids)
	}
	return p
}

// mix is SplitMix64's finaliser: neighbouring tenants get unrelated streams.
func mix(seed, n uint64) uint64 {
	z := seed + n*0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// ago is an instant between lo and hi hours before now, to the second.
func ago(rng *rand.Rand, lo, hi float64) time.Time {
	h := lo + rng.Float64()*(hi-lo)
	return now.Add(-time.Duration(h * float64(time.Hour))).Truncate(time.Second)
}

func minutes(rng *rand.Rand, lo, hi int) time.Duration {
	return time.Duration(lo+rng.IntN(hi-lo+1)) * time.Minute
}

// lastNight is when the nightly backup job last started: 22:00 UTC.
var lastNight = time.Date(2026, 4, 8, 22, 0, 0, 0, time.UTC)

// planBackups writes up to two weeks of nightly backup history; the latest
// night's fate decides the posture (docs/rules.md §1), in proportions an MSP would
// recognise.
func planBackups(rng *rand.Rand, p *tenantPlan, ids *counters) {
	night := func(daysAgo int) time.Time { // a night's start, jittered per set
		return lastNight.AddDate(0, 0, -daysAgo).Add(minutes(rng, 0, 20))
	}
	fate := rng.IntN(100)
	switch {
	case fate < 3: // just onboarded: no backup set at all
		return
	case fate < 5: // every attempt failed so far
		for k := 2 + rng.IntN(3); k >= 0; k-- {
			p.sets = append(p.sets, newSet(rng, ids, "Nightly", "failed", night(k)))
		}
		return
	}
	nights := 3 + rng.IntN(12)
	last := 0
	if fate < 15 { // the job stopped: the latest night is older than the freshness window
		last = p.fresh/24 + 1 + rng.IntN(8)
	}
	for k := last + nights - 1; k >= last; k-- {
		s := newSet(rng, ids, "Nightly", "completed", night(k))
		if k == last {
			switch {
			case fate < 15:
			case fate < 22: // an on-demand retry after it failed
				p.sets = append(p.sets, s)
				s = newSet(rng, ids, "On-demand", "failed", s.completed.Add(minutes(rng, 1, 15)))
			case fate < 28:
				s.status = "partial"
				s.failed = 1 + rng.IntN(9)
			case fate < 34:
				s.failed = 1 + rng.IntN(4)
			}
		}
		p.sets = append(p.sets, s)
	}
	if rng.IntN(10) == 0 { // an on-demand backup still running
		ids.backup++
		p.sets = append(p.sets, setPlan{id: ids.backup, name: "On-demand", status: "running", started: now.Add(-minutes(rng, 1, 15))})
	}
}

func newSet(rng *rand.Rand, ids *counters, name, status string, start time.Time) setPlan {
	ids.backup++
	s := setPlan{id: ids.backup, name: name, status: status, started: start, completed: start.Add(minutes(rng, 2, 40))}
	if s.completed.After(now) { // never in the future: it would look fresh forever
		s.completed = now.Truncate(time.Minute)
	}
	if status != "failed" {
		s.items = 150 + rng.IntN(500)
	}
	return s
}

// Kinds of restore run, with the weights a busy portfolio shows.
const (
	kindPreview = iota
	kindPreExecution
	kindQueued
	kindRunning
	kindFailed
	kindFailedNoOperation
	kindCancelledEarly
	kindCancelledMidway
	kindPartial
	kindFollowUp
	kindCompleted
	kindCompletedNoOperation
)

var kindWeights = []int{
	kindPreview: 12, kindPreExecution: 5, kindQueued: 2, kindRunning: 3,
	kindFailed: 7, kindFailedNoOperation: 1, kindCancelledEarly: 2, kindCancelledMidway: 2,
	kindPartial: 10, kindFollowUp: 10, kindCompleted: 42, kindCompletedNoOperation: 4,
}

var kindTotal = func() (n int) {
	for _, w := range kindWeights {
		n += w
	}
	return n
}()

func pickKind(rng *rand.Rand) int {
	r := rng.IntN(kindTotal)
	for k, w := range kindWeights {
		if r < w {
			return k
		}
		r -= w
	}
	return kindCompleted
}

func planRuns(rng, res *rand.Rand, p *tenantPlan, n int, ids *counters) {
	// Restores happen within the retained backup history, or the last month
	// for a tenant without any.
	span := 24 * 30.0
	if len(p.sets) > 0 {
		span = max(now.Sub(p.sets[0].started).Hours(), 5)
	}
	kinds := make([]int, n)
	created := make([]time.Time, n)
	for j := range n {
		kinds[j] = pickKind(rng)
		if kinds[j] == kindQueued || kinds[j] == kindRunning {
			created[j] = ago(rng, 0.1, 3) // in flight: started recently
		} else {
			created[j] = ago(rng, 4, span)
		}
	}
	// Ids grow with creation time, as a database sequence gives them.
	order := make([]int, n)
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return created[a].Compare(created[b]) })
	p.runs = make([]runPlan, 0, n)
	for _, j := range order {
		p.runs = append(p.runs, planRun(rng, res, p, kinds[j], created[j], ids))
	}
}

// planRun plans one run of the given kind; with res, its result entries and
// counts too.
func planRun(rng, res *rand.Rand, p *tenantPlan, kind int, created time.Time, ids *counters) runPlan {
	ids.run++
	r := runPlan{id: ids.run, created: created, set: usableSetBefore(p, created)}
	end := created.Add(minutes(rng, 3, 40))
	opDone := func(outcome string) {
		ids.op++
		r.op = &opPlan{id: ids.op, status: "completed", outcome: outcome, started: created.Add(5 * time.Second), finished: end}
	}
	// results: what the run reports having done, when res is there to draw it.
	results := func(bad string, nBad int) {
		if res == nil {
			return
		}
		r.entries = entries(res, bad, nBad)
		r.counts = countsKind(res)
		r.summaryOnly = r.counts == "full" && res.IntN(3) == 0
	}
	switch kind {
	case kindPreview:
		r.status, r.dry = "previewed", true
		if res != nil {
			r.previewed = 2 + res.IntN(8) // a preview knows its scope, not an outcome
		}
	case kindPreExecution:
		r.status = []string{"draft", "scoped", "checked", "previewed"}[rng.IntN(4)]
	case kindQueued:
		r.status = "queued"
		ids.op++
		r.op = &opPlan{id: ids.op, status: "queued", outcome: "pending"}
	case kindRunning:
		r.status = "running"
		ids.op++
		r.op = &opPlan{id: ids.op, status: "running", outcome: "pending", started: created.Add(5 * time.Second)}
	case kindFailed:
		r.status, r.done = "failed", end
		opDone("failed")
		results("failed", 1+rng.IntN(2))
	case kindFailedNoOperation:
		r.status, r.done = "failed", end
	case kindCancelledEarly:
		r.status, r.done = "cancelled", end
		opDone([]string{"cancelled", "blocked"}[rng.IntN(2)])
	case kindCancelledMidway:
		r.status, r.done = "cancelled", end
		opDone("cancelled")
		results("skipped", 1+rng.IntN(2))
	case kindPartial:
		r.status, r.done = []string{"partial", "completed_with_errors"}[rng.IntN(2)], end
		opDone("partially_succeeded")
		results([]string{"failed", "partial"}[rng.IntN(2)], 1)
	case kindFollowUp:
		r.status, r.done = "completed", end
		opDone("succeeded")
		results("skipped", 1+rng.IntN(2))
		r.nonApplied = res != nil
	case kindCompleted:
		r.status, r.done = "completed", end
		opDone("succeeded")
		results("", 0)
	case kindCompletedNoOperation: // recorded before operation runs were tracked
		r.status, r.done = "completed", end
		results("", 0)
	}
	// Evidence follows an operation that ran, whatever it achieved.
	if r.op != nil && r.op.status == "completed" && r.op.outcome != "blocked" && r.op.outcome != "cancelled" {
		r.evidence = planEvidence(rng, ids, end)
	}
	return r
}

// usableSetBefore is the latest completed or partial set finished before t.
func usableSetBefore(p *tenantPlan, t time.Time) int64 {
	var id int64
	for _, s := range p.sets {
		if (s.status == "completed" || s.status == "partial") && s.completed.Before(t) {
			id = s.id
		}
	}
	return id
}

// entries draws distinct items, perhaps a foundation and a group
// assignment, all applied but the last nBad, which get outcome bad.
func entries(rng *rand.Rand, bad string, nBad int) []result {
	out := make([]result, 0, 5)
	var pick [len(items)]int
	for k := range pick {
		pick[k] = k
	}
	for k := range 1 + rng.IntN(2) { // a partial Fisher-Yates shuffle
		j := k + rng.IntN(len(pick)-k)
		pick[k], pick[j] = pick[j], pick[k]
		out = append(out, result{group: 'i', index: pick[k], outcome: "applied"})
	}
	if rng.IntN(3) == 0 {
		out = append(out, result{group: 'f', index: rng.IntN(len(foundations)), outcome: "applied"})
	}
	if rng.IntN(3) == 0 {
		out = append(out, result{group: 'a', index: rng.IntN(len(groups)), outcome: "applied"})
	}
	for k := len(out) - 1; k >= 0 && nBad > 0; k-- {
		out[k].outcome = bad
		switch bad {
		case "skipped":
			out[k].message = cmp.Or(skipWhy[out[k].typ()], "Setting not supported on this platform")
		case "failed", "partial":
			out[k].message = failWhy[rng.IntN(len(failWhy))]
		}
		nBad--
	}
	return out
}

// countsKind: most backends report every count, some only a total and what
// was applied, some none at all (absent is unknown, never zero).
func countsKind(rng *rand.Rand) string {
	switch r := rng.IntN(10); {
	case r < 6:
		return "full"
	case r < 8:
		return "partial"
	default:
		return ""
	}
}

// planEvidence: most finished operations leave an evidence snapshot; some
// expire, some are superseded by a later capture, some never became active.
func planEvidence(rng *rand.Rand, ids *counters, end time.Time) []evidencePlan {
	captured := end.Add(minutes(rng, 2, 15))
	next := func(status string, at time.Time) evidencePlan {
		ids.evidence++
		return evidencePlan{id: ids.evidence, status: status, captured: at}
	}
	switch r := rng.IntN(20); {
	case r < 6:
		return nil
	case r < 12:
		return []evidencePlan{next("active", captured)}
	case r < 14: // active, with an expiry still ahead
		e := next("active", captured)
		e.expires = now.Add(time.Duration(24*(1+rng.IntN(90))) * time.Hour)
		return []evidencePlan{e}
	case r < 15: // active in name, but its expiry has passed
		e := next("active", captured)
		e.expires = captured.Add(now.Sub(captured) / 2).Truncate(time.Second)
		return []evidencePlan{e}
	case r < 16:
		return []evidencePlan{next("expired", captured)}
	case r < 18: // recaptured later; the first one superseded
		return []evidencePlan{next("superseded", captured), next("active", captured.Add(now.Sub(captured)/3).Truncate(time.Second))}
	case r < 19:
		return []evidencePlan{next("pending", captured)}
	default:
		return []evidencePlan{next("failed", captured)}
	}
}

// Rendering. Records are compact, one a line: a 100,000-run portfolio stays
// well under the default 64 MiB limit.
