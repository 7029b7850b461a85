package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/tenantatlas/tenantatlas/app/el"
)

// homeIntro tells a first-time visitor what tenantatlas does and why, and
// leads to the demo. The copy claims no more than the pages do.
func homeIntro(c Catalog) app.UI {
	demo := ""
	for _, e := range c.Entries {
		if e.Group == "Demo" {
			demo = e.Name
			break
		}
	}
	return el.Section().Class("intro").DataSet("testid", "intro").Attr("aria-labelledby", "intro-title").Body(
		el.H1().ID("intro-title").Text("What do your backup and restore records support?"),
		el.P().Text("tenantatlas reads a snapshot of what a tenant-management backend recorded (backup sets, restore runs, operations, evidence) and says for each tenant how current its backup inputs are, how its latest executed restore ended, and what needs a look."),
		el.P().Text("Why: a dashboard that turns “a backup ran” into “all is well” hides the gaps an operator has to act on. Here every state says what it rests on and what it does not show: a preview is not an execution, an execution is not proof, and a backup is not a restore."),
		app.If(demo != "", func() app.UI {
			return el.P().Class("intro__next").Body(
				el.A().Class("button").Attr("href", link("/s/"+demo+"/")).DataSet("testid", "open-demo").Text("Open the demo portfolio"),
				el.Span().Class("muted").Text(" Fictional tenants; together they reach every state the pages show."),
			)
		}),
	)
}

// scenarioTables names the rule table each scenario exercises, by the
// prefix of its file name; a scenario without a known prefix is listed
// under records and isolation.
var scenarioTables = []struct{ prefix, title string }{
	{"backup-", "Backup health"},
	{"attention-", "Restore result attention"},
	{"overview-", "Recovery evidence overview"},
	{"result-", "Restore result state"},
	{"counts-", "Result summary counts"},
	{"viewer-", "Viewer access"},
	{"", "Records and isolation"},
}

// scenarioGroups lists the scenarios under the rule table they exercise,
// in the order of the rules.
func scenarioGroups(entries []CatalogEntry) app.UI {
	byTable := make([][]CatalogEntry, len(scenarioTables))
	for _, e := range entries {
		for i, t := range scenarioTables {
			if strings.HasPrefix(e.Name, t.prefix) {
				byTable[i] = append(byTable[i], e)
				break
			}
		}
	}
	return el.Div().Class("scenario-groups").Body(app.Range(scenarioTables).Slice(func(i int) app.UI {
		list := byTable[i]
		if len(list) == 0 {
			return app.Text("")
		}
		return el.Div().Class("scenario-group").DataSet("testid", "scenario-group").DataSet("table", scenarioTables[i].title).Body(
			el.H3().Text(scenarioTables[i].title),
			snapshotList(list),
		)
	}))
}

func snapshotList(entries []CatalogEntry) app.UI {
	return el.Ul().Class("snapshot-list").Body(app.Range(entries).Slice(func(j int) app.UI {
		e := entries[j]
		return el.Li().Body(el.A().Attr("href", link("/s/"+e.Name+"/")).Text(e.Name), el.Span().Class("muted").Text(" — "+e.Title))
	}))
}
