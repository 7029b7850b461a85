package app

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// snapNameRegexp is a snapshot's name in an address.
const snapNameRegexp = `([A-Za-z0-9][A-Za-z0-9._-]{0,99})`

// addressRegexps are the routes as regexps, compiled once: each holds a
// hundredfold repetition, and compiling them for each of the test's 5,000
// paths was most of the package's test time.
var addressRegexps = []struct {
	kind pageKind
	re   *regexp.Regexp
}{
	{pagePortfolio, regexp.MustCompile(`^/s/` + snapNameRegexp + `/?$`)},
	{pageTenant, regexp.MustCompile(`^/s/` + snapNameRegexp + `/tenants/([0-9]{1,19})$`)},
	{pageRestoreRuns, regexp.MustCompile(`^/s/` + snapNameRegexp + `/tenants/([0-9]{1,19})/restore-runs$`)},
	{pageRestoreRun, regexp.MustCompile(`^/s/` + snapNameRegexp + `/tenants/([0-9]{1,19})/restore-runs/([0-9]{1,19})$`)},
	{pageBackupSets, regexp.MustCompile(`^/s/` + snapNameRegexp + `/tenants/([0-9]{1,19})/backup-sets$`)},
	{pageChanges, regexp.MustCompile(`^/s/` + snapNameRegexp + `/changes$`)},
	{pageCoverage, regexp.MustCompile(`^/s/` + snapNameRegexp + `/coverage$`)},
}

// parseAddressByRegexp is ParseAddress as it was written, with regular
// expressions: the reference the hand-written reader must equal.
func parseAddressByRegexp(path string) Address {
	a := Address{Kind: pageUnknown}
	if path == "/" || path == "" {
		a.Kind = pageSnapshots
		return a
	}
	for _, r := range addressRegexps {
		m := r.re.FindStringSubmatch(path)
		if m == nil {
			continue
		}
		a.Kind, a.Snap = r.kind, m[1]
		for i, id := range m[2:] {
			v, err := strconv.ParseInt(id, 10, 64)
			if err != nil {
				return Address{Kind: pageUnknown}
			}
			if i == 0 {
				a.Tenant = v
			} else {
				a.Run = v
			}
		}
		return a
	}
	return a
}

// The hand-written address reader reads every address as the regular
// expressions did: the addresses of docs/interfaces.md, their edges, and
// generated paths made of their parts.
func TestParseAddressAgreesWithRegexps(t *testing.T) {
	long := strings.Repeat("a", 100)
	paths := []string{
		"", "/", "/s", "/s/", "/s/demo", "/s/demo/", "/s/demo//", "/s/demo/changes", "/s/demo/coverage", "/s/demo/coverage/",
		"/s/demo/tenants", "/s/demo/tenants/", "/s/demo/tenants/5", "/s/demo/tenants/5/", "/s/demo/tenants/05", "/s/demo/tenants/-5",
		"/s/demo/tenants/5/restore-runs", "/s/demo/tenants/5/restore-runs/", "/s/demo/tenants/5/restore-runs/140", "/s/demo/tenants/5/restore-runs/140/",
		"/s/demo/tenants/5/backup-sets", "/s/demo/tenants/5/backup-sets/x", "/s/demo/tenants/9223372036854775807", "/s/demo/tenants/9223372036854775808",
		"/s/demo/tenants/12345678901234567890", "/s/demo/tenants/1/restore-runs/9223372036854775808", "/s/" + long + "/", "/s/" + long + "a/",
		"/s/.demo/", "/s/-demo/", "/s/de mo/", "/s/dé/", "/s/a.b_c-d/tenants/1", "/x/demo/", "//s/demo/", "/s/demo/tenants/1/restore-runs/x",
		"/snapshots/demo.json", "/s/local.2/changes", "/s/demo/tenants/+1", "/s/demo/tenants/1e3", "/s/demo\n/",
	}
	parts := []string{"/", "s", "demo", "tenants", "restore-runs", "backup-sets", "changes", "coverage", "5", "0", "9223372036854775808", "", ".", "a-b", "x y"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for n := rng.IntN(9); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
			if rng.IntN(3) > 0 {
				b.WriteByte('/')
			}
		}
		p := b.String()
		if rng.IntN(2) == 0 {
			p = "/s/" + p
		}
		paths = append(paths, p)
	}
	for _, p := range paths {
		got := ParseAddress(p, nil)
		got.Query = nil
		assert.Equal(t, parseAddressByRegexp(p), got, "%q", p)
	}
}
