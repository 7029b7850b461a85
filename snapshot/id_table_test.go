package snapshot

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Both of idTable's forms, the slice for compact ids and the map for the
// rest, must find the same holders in the same order.
func TestIDTableFindsHoldersInInputOrder(t *testing.T) {
	tests := []struct {
		name     string
		ids      []int64
		wantDups []int64
	}{
		{"unique compact", []int64{1, 2, 3}, nil},
		{"unique sparse", []int64{1 << 40, 7, 1 << 50}, nil},
		{"duplicates compact", []int64{2, 1, 2, 3, 1, 2}, []int64{2, 1}},
		{"duplicates sparse", []int64{1 << 40, 5, 1 << 40, 5, 1 << 40}, []int64{1 << 40, 5}},
		{"none", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			maxID := int64(0)
			for _, id := range tt.ids {
				maxID = max(maxID, id)
			}
			tab := newIDTable(len(tt.ids), maxID)
			want := map[int64][]*recordMeta{}
			for i, id := range tt.ids {
				m := &recordMeta{index: i}
				tab.add(id, m)
				want[id] = append(want[id], m)
			}
			assert.Equal(t, tt.wantDups, tab.dups)
			for id, holders := range want {
				assert.Equal(t, holders, tab.holders(id, nil), "id %d", id)
			}
			for _, absent := range []int64{0, -1, maxID + 1, 1 << 45} {
				require.NotContains(t, want, absent)
				assert.Empty(t, tab.holders(absent, nil), "id %d", absent)
			}
		})
	}
}

// Which form a table takes: compact ids in a slice, others in a map.
func TestIDTableChoosesItsForm(t *testing.T) {
	assert.NotNil(t, newIDTable(100_000, 100_000).dense)
	assert.NotNil(t, newIDTable(10, 1024).dense)
	assert.Nil(t, newIDTable(10, 1<<40).dense)
	assert.NotNil(t, newIDTable(10, 1<<40).sparse)
}
