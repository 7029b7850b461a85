package el

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
)

// Each constructor renders the element its name says, with its attributes,
// exactly as go-app's typed constructor of the same name does.
func TestElementsRenderAsGoAppsTypedOnes(t *testing.T) {
	tests := []struct {
		got, want app.UI
	}{
		{A().Attr("href", "/s/demo/").Text("demo"), app.A().Href("/s/demo/").Text("demo")},
		{Button().Attr("type", "button").Attr("disabled", true).Text("Go"), app.Button().Type("button").Disabled(true).Text("Go")},
		{Caption().Text("c"), app.Caption().Text("c")},
		{Code().Text("x"), app.Code().Text("x")},
		{Dd().Text("x"), app.Dd().Text("x")},
		{Details().Attr("open", true).Class("card"), app.Details().Open(true).Class("card")},
		{Div().Class("a b").DataSet("ready", "true"), app.Div().Class("a b").DataSet("ready", "true")},
		{Dl().Body(Dt().Text("k"), Dd().Text("v")), app.Dl().Body(app.Dt().Text("k"), app.Dd().Text("v"))},
		{Footer().Text("f"), app.Footer().Text("f")},
		{Form().Attr("method", "get").Attr("action", "/s/"), app.Form().Method("get").Action("/s/")},
		{H1().Text("h"), app.H1().Text("h")},
		{H2().Text("h"), app.H2().Text("h")},
		{H3().Text("h"), app.H3().Text("h")},
		{Header().Text("h"), app.Header().Text("h")},
		{Input().Attr("type", "search").ID("q").Attr("name", "q").Attr("value", "x"), app.Input().Type("search").ID("q").Name("q").Value("x")},
		{Label().Attr("for", "q").Text("Search"), app.Label().For("q").Text("Search")},
		{Li().Text("i"), app.Li().Text("i")},
		{Main().ID("main"), app.Main().ID("main")},
		{Nav().Aria("label", "Snapshot"), app.Nav().Aria("label", "Snapshot")},
		{Option().Attr("value", "any").Attr("selected", true).Text("Any"), app.Option().Value("any").Selected(true).Text("Any")},
		{P().Text("p"), app.P().Text("p")},
		{Section().Class("card"), app.Section().Class("card")},
		{Select().ID("sort").Attr("name", "sort"), app.Select().ID("sort").Name("sort")},
		{Span().Text("s"), app.Span().Text("s")},
		{Strong().Text("s"), app.Strong().Text("s")},
		{Summary().Text("s"), app.Summary().Text("s")},
		{Table().Body(THead().Body(Tr().Body(Th().Attr("scope", "col").Text("h"))), TBody().Body(Tr().Body(Td().Attr("colspan", 3).Text("d")))),
			app.Table().Body(app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("h"))), app.TBody().Body(app.Tr().Body(app.Td().ColSpan(3).Text("d"))))},
		{Ul().Body(Li().Text("i")), app.Ul().Body(app.Li().Text("i"))},
		{Ol().Body(Li().Text("i")), app.Ol().Body(app.Li().Text("i"))},
		{Figure().Body(Figcaption().Text("c")), app.Figure().Body(app.FigCaption().Text("c"))},
	}
	for _, tt := range tests {
		want := sortedAttributes(app.HTMLString(tt.want))
		assert.Equal(t, want, sortedAttributes(app.HTMLString(tt.got)))
	}
}

var (
	startTag  = regexp.MustCompile(`<([a-z0-9]+)((?:\s[a-z-]+(?:="[^"]*")?)*)>`)
	attribute = regexp.MustCompile(`\s[a-z-]+(?:="[^"]*")?`)
)

// sortedAttributes puts each start tag's attributes in order: go-app writes
// them in map order, which differs from one rendering to the next.
func sortedAttributes(html string) string {
	return startTag.ReplaceAllStringFunc(html, func(tag string) string {
		m := startTag.FindStringSubmatch(tag)
		attrs := attribute.FindAllString(m[2], -1)
		slices.Sort(attrs)
		return "<" + m[1] + strings.Join(attrs, "") + ">"
	})
}
