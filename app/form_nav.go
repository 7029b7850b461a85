package app

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// submitInApp handles a GET form's submit in the app: the form's values
// become the address's query and the app's router goes there (history,
// back button and all), so the page is rendered from the view it already
// has instead of a new document and a new start of app.wasm. Prerendered,
// before app.wasm runs or without it, the form is a plain GET form and the
// browser submits it as one; both reach the same address, since an empty
// value and "any" mean no filter either way and are left out here.
func submitInApp(ctx app.Context, e app.Event) {
	form := ctx.JSSrc()
	u, err := url.Parse(form.Get("action").String()) // absolute: the browser resolves it
	if err != nil || u.Host == "" {
		return // the browser submits it as it would without the app
	}
	q := url.Values{}
	elems := form.Get("elements")
	for i := 0; i < elems.Length(); i++ {
		field := elems.Index(i)
		name, value := field.Get("name").String(), field.Get("value").String()
		if name == "" || value == "" || value == anyValue {
			continue
		}
		q.Add(name, value)
	}
	e.PreventDefault()
	u.RawQuery, u.Fragment = q.Encode(), ""
	ctx.NavigateTo(u)
}
