package snapshot

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every name the format defines is found in its slot, and a name that only
// shares a slot with one is not taken for it.
func TestMemberNamesAreFoundInTheirSlots(t *testing.T) {
	n := 0
	for slot, name := range memberNames {
		if name == "" {
			continue
		}
		n++
		assert.Equal(t, slot, nameSlot([]byte(name)), name)
		// Same length, first and last byte: the same slot, another name.
		if len(name) > 2 {
			other := name[:1] + strings.Repeat("x", len(name)-2) + name[len(name)-1:]
			if other != name {
				assert.Equal(t, slot, nameSlot([]byte(other)))
				assert.NotEqual(t, memberNames[nameSlot([]byte(other))], other)
			}
		}
	}
	assert.Equal(t, 41, n, "the format's member names")
}
