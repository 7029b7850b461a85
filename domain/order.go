package domain

import (
	"fmt"
	"strconv"
	"time"
)

// later reports whether (a, aID) is later than (b, bID): timestamps compare as
// instants, and ties go to the larger id (docs/rules.md, "latest").
func later(a time.Time, aID int64, b time.Time, bID int64) bool {
	if !a.Equal(b) {
		return a.After(b)
	}
	return aID > bID
}

// whenText formats an instant for people: always UTC, to the minute, so that
// the same snapshot reads the same in every time zone.
func whenText(t time.Time) string {
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// durationText formats an age in whole hours and minutes ("27h15m").
func durationText(d time.Duration) string {
	d = d.Round(time.Minute)
	h := int64(d / time.Hour)
	m := int64((d % time.Hour) / time.Minute)
	if m == 0 {
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}

func recordPath(collection string, index int) string {
	return collection + "[" + strconv.Itoa(index) + "]"
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}
