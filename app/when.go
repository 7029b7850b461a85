package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
)

// Every page writes an instant the same way: to the minute, in UTC, saying
// so. Snapshots carry their own offsets; one zone keeps rows comparable at
// a glance. The exact instant, as the snapshot wrote it, is in datetime.
const stampLayout = "2006-01-02 15:04 UTC"

func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// timeEl is an instant as people read it, in a <time> element.
func timeEl(t time.Time) app.UI {
	return el.Time().Attr("datetime", t.Format(time.RFC3339)).Text(stamp(t))
}

// ageBefore says how long before the snapshot was generated an instant
// was: "3 h before this snapshot". There is no clock: an age is always
// against the snapshot's generated_at, so the page says the same thing
// whenever it is read. Units are whole and rounded down, so an age never
// reads younger than it is: minutes under an hour, hours under two days,
// then days.
func ageBefore(t, generatedAt time.Time) string {
	d := generatedAt.Sub(t)
	rel := "before"
	if d < 0 {
		d, rel = -d, "after"
	}
	var n int64
	var unit string
	switch {
	case d == 0:
		return "at the time of this snapshot"
	case d < time.Minute:
		return "less than a minute " + rel + " this snapshot"
	case d < time.Hour:
		n, unit = int64(d/time.Minute), "min"
	case d < 48*time.Hour:
		n, unit = int64(d/time.Hour), "h"
	default:
		n, unit = int64(d/(24*time.Hour)), "days"
	}
	return fmt.Sprintf("%d%s%s %s this snapshot", n, nbsp, unit, rel)
}

// nbsp keeps a number with its unit when a line wraps ("24 h").
const nbsp = "\u00a0"

// generatedAt is the instant the view's snapshot was generated; the zero
// time when it cannot be read, which only a rejected snapshot has.
func (v *View) generatedAt() time.Time {
	if v.Checked != nil && v.Checked.Snapshot != nil {
		return v.Checked.Snapshot.GeneratedAt
	}
	if v.Portfolio != nil {
		t, _ := time.Parse(time.RFC3339Nano, v.Portfolio.GeneratedAt)
		return t
	}
	return time.Time{}
}

// duration says how long a backup took, from started_at to completed_at:
// "45 s", "12 min", "2 h 5 min". Absent or inconsistent times give "".
func duration(start, end *time.Time) string {
	if start == nil || end == nil || end.Before(*start) {
		return ""
	}
	d := end.Sub(*start)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", int64(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int64(d/time.Minute))
	case d%time.Hour < time.Minute:
		return fmt.Sprintf("%d h", int64(d/time.Hour))
	}
	return fmt.Sprintf("%d h %d min", int64(d/time.Hour), int64(d%time.Hour/time.Minute))
}
