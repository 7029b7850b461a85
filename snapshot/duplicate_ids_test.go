package snapshot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// An id used k times gives k problems, each naming a few of the other
// holders and counting the rest. Regression (the fuzz seed
// testdata/fuzz/FuzzCheck/duplicate-id-500-copies): every message named
// every other holder, so messages and the time to build them grew as k².
// The bound on each message's
// length is what fails if that returns; no clock is read.
func TestDuplicateIDMessagesStayShort(t *testing.T) {
	const named = 3 // other holders each message names
	for _, k := range []int{2, 3, 4, 5, 3000} {
		t.Run(fmt.Sprintf("%d copies", k), func(t *testing.T) {
			recs := make([]string, k)
			for i := range recs {
				recs[i] = `{"id":7,"tenant_id":1,"status":"queued"}`
			}
			c := checkString(head+`"tenants":[{"id":1,"name":"A"}],"backup_sets":[`+strings.Join(recs, ",")+`]}`, snapshot.Limits{})
			require.False(t, c.Rejected(), "%v", c.Problems)
			require.Equal(t, k, len(c.Problems)+c.Omitted, "one problem per holder")
			assert.True(t, c.Quarantined[1])

			others := min(k-1, named)
			for _, p := range c.Problems {
				assert.Equal(t, snapshot.CodeDuplicateID, p.Code)
				_, list, found := strings.Cut(p.Message, "also used by ")
				require.True(t, found, "%s: %.200s", p.Path, p.Message)
				list, _, _ = strings.Cut(list, " and ")
				holders := strings.Split(list, ", ")
				assert.Equal(t, others, len(holders), "holders named by %s", p.Path)
				assert.NotContains(t, holders, strings.TrimSuffix(p.Path, ".id"), "a record does not name itself")
				if more := k - 1 - others; more > 0 {
					assert.Contains(t, p.Message, fmt.Sprintf(" and %d more", more))
				} else {
					assert.NotContains(t, p.Message, "more")
				}
				assert.LessOrEqual(t, len(p.Message), 160, "a message's length does not grow with k")
			}
		})
	}
}
