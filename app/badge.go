package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/tenantatlas/tenantatlas/app/el"
)

// badge shows a state in words, with a tone for the eye (postureTone and
// the like; "" is neutral).
func badge(t, words string) app.UI {
	if t == "" {
		t = "neutral"
	}
	return el.Span().Class("badge badge--" + t).Text(words)
}
