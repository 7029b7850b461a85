package snapshot

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The issues kept are exactly the first MaxProblems of all of them, those
// that reject first, each kind in input order (issues of one place in the
// order found), however many come and in whatever order, and however they
// are split between lists that are merged.
func TestIssuesKeepTheFirst(t *testing.T) {
	tests := []struct {
		name    string
		n       int
		places  int64
		rejects int // one issue in rejects is a rejecting one
		ordered bool
	}{
		{"few", 10, 100, 3, false},
		{"exactly the cap", MaxProblems, 1 << 20, 0, false},
		{"one past the cap", MaxProblems + 1, 1 << 20, 0, true},
		{"many in input order", 20 * MaxProblems, 1 << 20, 0, true},
		{"many in any order", 20 * MaxProblems, 1 << 20, 50, false},
		{"many at few places", 20 * MaxProblems, 30, 7, false},
		{"rejecting past the cap", 5 * MaxProblems, 1 << 20, 1, true},
		{"only rejecting", 3 * MaxProblems, 1 << 20, 1, false},
	}
	for _, tt := range tests {
		for seed := range uint64(5) {
			t.Run(fmt.Sprintf("%s/seed %d", tt.name, seed), func(t *testing.T) {
				r := rand.New(rand.NewPCG(seed, 3))
				all := make([]issue, tt.n)
				for i := range all {
					all[i] = issue{offset: r.Int64N(tt.places), msg: fmt.Sprint(i), reject: tt.rejects > 0 && r.IntN(tt.rejects) == 0}
					if !all[i].reject {
						all[i].rec = &recordMeta{coll: collRuns, offset: all[i].offset}
					}
				}
				if tt.ordered {
					slices.SortStableFunc(all, func(a, b issue) int { return cmp.Compare(a.offset, b.offset) })
				}
				// Merged as the workers' batches are: split in runs.
				s := newIssues(nil)
				for start := 0; start < len(all); {
					end := min(len(all), start+1+r.IntN(3*MaxProblems))
					part := newIssues(s)
					for _, is := range all[start:end] {
						if part.wants(is.rejects(), is.place()) {
							part.add(is)
						}
					}
					s.take(part)
					start = end
				}
				got, omitted := s.sorted()

				want := slices.Clone(all)
				slices.SortStableFunc(want, func(a, b issue) int {
					if a.rejects() != b.rejects() {
						if a.rejects() {
							return -1
						}
						return 1
					}
					return cmp.Compare(a.place(), b.place())
				})
				want = want[:min(len(want), MaxProblems)]
				assert.Equal(t, msgs(want), msgs(got))
				assert.Equal(t, len(all)-len(want), omitted)
			})
		}
	}
}

func msgs(l []issue) []string {
	out := make([]string, len(l))
	for i, is := range l {
		out[i] = is.msg
	}
	return out
}
