package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/app/el"
)

func TestAgeBefore(t *testing.T) {
	gen, err := time.Parse(time.RFC3339, "2026-04-09T01:19:36+02:00")
	require.NoError(t, err)
	tests := []struct {
		before time.Duration
		want   string
	}{
		{0, "at the time of this snapshot"},
		{time.Second, "less than a minute before this snapshot"},
		{59 * time.Second, "less than a minute before this snapshot"},
		{time.Minute, "1\u00a0min before this snapshot"},
		{59*time.Minute + 59*time.Second, "59\u00a0min before this snapshot"},
		{time.Hour, "1\u00a0h before this snapshot"},
		{3*time.Hour + 59*time.Minute, "3\u00a0h before this snapshot"},
		{24 * time.Hour, "24\u00a0h before this snapshot"},
		{48*time.Hour - time.Second, "47\u00a0h before this snapshot"},
		{48 * time.Hour, "2\u00a0days before this snapshot"},
		{41*24*time.Hour + 23*time.Hour, "41\u00a0days before this snapshot"},
		{-30 * time.Second, "less than a minute after this snapshot"},
		{-5 * time.Hour, "5\u00a0h after this snapshot"},
		{-72 * time.Hour, "3\u00a0days after this snapshot"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ageBefore(gen.Add(-tt.before), gen), "%s before", tt.before)
	}
}

// Offsets do not change an age: instants are compared, not wall clocks.
func TestAgeBeforeAcrossOffsets(t *testing.T) {
	gen, err := time.Parse(time.RFC3339, "2026-04-09T01:19:36+02:00")
	require.NoError(t, err)
	t0, err := time.Parse(time.RFC3339, "2026-04-08T19:19:36-01:00") // 20:19:36Z, 3 h earlier
	require.NoError(t, err)
	assert.Equal(t, "3\u00a0h before this snapshot", ageBefore(t0, gen))
}

// One format on every page, in UTC and saying so; the exact instant as the
// snapshot wrote it in datetime.
func TestTimeElement(t *testing.T) {
	at, err := time.Parse(time.RFC3339, "2026-04-09T01:19:36+02:00")
	require.NoError(t, err)
	assert.Equal(t, "2026-04-08 23:19 UTC", stamp(at))
	match(t, timeEl(at), el.Time().Attr("datetime", "2026-04-09T01:19:36+02:00").Text("2026-04-08 23:19 UTC"))
}

func TestDuration(t *testing.T) {
	start, err := time.Parse(time.RFC3339, "2026-04-08T22:00:00Z")
	require.NoError(t, err)
	at := func(d time.Duration) *time.Time { v := start.Add(d); return &v }
	tests := []struct {
		start, end *time.Time
		want       string
	}{
		{&start, at(0), "0 s"},
		{&start, at(45 * time.Second), "45 s"},
		{&start, at(12*time.Minute + 59*time.Second), "12 min"},
		{&start, at(2 * time.Hour), "2 h"},
		{&start, at(2*time.Hour + 5*time.Minute), "2 h 5 min"},
		{&start, at(-time.Minute), ""}, // completed before it started: not a duration
		{nil, at(time.Minute), ""},
		{&start, nil, ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, duration(tt.start, tt.end), "%v → %v", tt.start, tt.end)
	}
}
