package site_test

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/internal/site"
)

func snapshotAt(at string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(`{"schema_version":1,"generated_at":"` + at + `","name":"P"}`)}
}

// A series folder is published as SERIES.STEM, listed under its series in
// generated_at order (compared as instants, whatever the file names say);
// a rejected snapshot of the series comes last.
func TestFixtureSourceSeries(t *testing.T) {
	src, err := site.NewFixtureSource(fstest.MapFS{
		"demo.json":             snapshotAt("2026-04-09T01:00:00Z"),
		"series/north/b.json":   snapshotAt("2026-04-08T23:30:00Z"),
		"series/north/a.json":   snapshotAt("2026-04-09T01:00:00+02:00"),
		"series/north/bad.json": &fstest.MapFile{Data: []byte(`not json`)},
		"series/south/x.json":   snapshotAt("2026-04-01T00:00:00Z"),
	})
	require.NoError(t, err)
	var got []app.CatalogEntry
	for _, e := range src.Catalog().Entries {
		if e.Series != "" {
			got = append(got, e)
		}
	}
	assert.Equal(t, []app.CatalogEntry{
		{Name: "north.a", Title: "P", Group: app.SeriesGroup, Series: "north", GeneratedAt: "2026-04-09T01:00:00+02:00"},
		{Name: "north.b", Title: "P", Group: app.SeriesGroup, Series: "north", GeneratedAt: "2026-04-08T23:30:00Z"},
		{Name: "north.bad", Title: "", Group: app.SeriesGroup, Series: "north"},
		{Name: "south.x", Title: "P", Group: app.SeriesGroup, Series: "south", GeneratedAt: "2026-04-01T00:00:00Z"},
	}, got)
	b, err := src.Snapshot("north.b")
	require.NoError(t, err)
	assert.Contains(t, string(b), "23:30")
}

// Names that no page address could carry unambiguously are refused at
// start-up, with the file named.
func TestFixtureSourceSeriesNames(t *testing.T) {
	tests := []struct {
		name string
		fs   fstest.MapFS
		want string
	}{
		{"a dot in the series name", fstest.MapFS{"series/a.b/c.json": snapshotAt("2026-04-01T00:00:00Z")}, "series/a.b"},
		{"the user's own files", fstest.MapFS{"series/local/c.json": snapshotAt("2026-04-01T00:00:00Z")}, "reserved"},
		{"a name taken twice", fstest.MapFS{"n.c.json": snapshotAt("2026-04-01T00:00:00Z"), "series/n/c.json": snapshotAt("2026-04-01T00:00:00Z")}, `two snapshots named "n.c"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := site.NewFixtureSource(tt.fs)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
