// Package site wires the app for the server: the go-app handler that
// prerenders pages, the snapshots from a fixtures folder, the embedded web
// assets, and the HTTP rules (methods, headers, status codes). serve uses it
// directly; build uses it to generate the static site.
package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/tenantatlas/tenantatlas/app"
)

// FixtureSource serves the snapshots of a folder laid out like fixtures/:
// NAME.json at its root, scenarios/NAME.json, invalid/NAME.json, and
// series/SERIES/STEM.json. A snapshot's address name is its file name without
// .json, or SERIES.STEM for a series, so names must be unique across them.
type FixtureSource struct {
	fsys  fs.FS
	paths map[string]string
	cat   app.Catalog
}

var groups = []struct{ dir, group string }{{".", "Demo"}, {"scenarios", "Scenarios"}, {"invalid", "Invalid examples"}}

// seriesName is a folder of series/: no dot, so that SERIES.STEM reads one way.
var seriesName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$`)

// snapshotName is what the page routes accept as {snap} (app/routes.go).
var snapshotName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

// NewFixtureSource indexes the snapshots of fsys.
func NewFixtureSource(fsys fs.FS) (*FixtureSource, error) {
	s := &FixtureSource{fsys: fsys, paths: map[string]string{}}
	for _, g := range groups {
		files, err := jsonFiles(fsys, g.dir)
		if err != nil {
			return nil, err
		}
		if err := s.add(fsys, files, g.group, ""); err != nil {
			return nil, err
		}
	}
	dirs, err := subfolders(fsys, "series")
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		series := path.Base(d)
		if !seriesName.MatchString(series) {
			return nil, fmt.Errorf("%s: a series name has letters, digits, '_' and '-' only, starting with a letter or digit", d)
		}
		files, err := jsonFiles(fsys, d)
		if err != nil {
			return nil, err
		}
		if err := s.add(fsys, files, app.SeriesGroup, series); err != nil {
			return nil, err
		}
	}
	if len(s.paths) == 0 {
		return nil, fmt.Errorf("no snapshot (*.json) found")
	}
	return s, nil
}

// jsonFiles lists the *.json files of dir, sorted. Unlike fs.Glob, which
// skips a folder it cannot read, it stops at one: a symbolic link out of the
// --fixtures folder (which an os.Root refuses) is named at start-up, never
// skipped silently. Any other symbolic link of dir must lead somewhere
// readable too.
func jsonFiles(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) && dir != "." {
		return nil, nil // scenarios/ and invalid/ are optional
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	var files []string
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			if _, err := fs.Stat(fsys, p); err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
		}
		if dir == "." && (e.Name() == "scenarios" || e.Name() == "invalid" || e.Name() == "series") {
			continue // listed as groups of their own
		}
		if path.Ext(e.Name()) == ".json" {
			files = append(files, p)
		}
	}
	sort.Strings(files)
	return files, nil
}

// add indexes files of one group; series names a series ("" for none),
// whose snapshots are named SERIES.STEM and listed in generated_at order.
func (s *FixtureSource) add(fsys fs.FS, files []string, group, series string) error {
	start := len(s.cat.Entries)
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".json")
		if series != "" {
			name = series + "." + name
		}
		if !snapshotName.MatchString(name) {
			// The name is the address's {snap}; the routes accept only these.
			return fmt.Errorf("%s: a snapshot name has letters, digits, '.', '_' and '-' only, starting with a letter or digit", f)
		}
		if name == app.LocalSnapshot || name == "catalog" || strings.HasPrefix(name, app.LocalSnapshot+".") {
			return fmt.Errorf("%s: the snapshot name %q is reserved", f, name)
		}
		if prev, dup := s.paths[name]; dup {
			return fmt.Errorf("%s and %s: two snapshots named %q", prev, f, name)
		}
		// Read now, so that a file that cannot be read (a symbolic link
		// out of the folder, which an os.Root refuses) stops the server
		// at start-up with its name, not a visitor later.
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		s.paths[name] = f
		e := app.CatalogEntry{Name: name, Title: title(b, f, group), Group: group, Series: series}
		if series != "" {
			e.GeneratedAt = generatedAt(b)
		}
		s.cat.Entries = append(s.cat.Entries, e)
	}
	app.SortSeries(s.cat.Entries[start:])
	return nil
}

// generatedAt is the snapshot's generated_at, read loosely: a series lists
// its snapshots in that order. A snapshot without one (rejected) is "".
func generatedAt(b []byte) string {
	var doc struct {
		GeneratedAt string `json:"generated_at"`
	}
	if json.Unmarshal(b, &doc) != nil {
		return ""
	}
	return doc.GeneratedAt
}

// title is the snapshot's own "name", read loosely: an invalid example may
// not even be JSON.
func title(b []byte, file, group string) string {
	var doc struct {
		Name string `json:"name"`
	}
	if json.Unmarshal(b, &doc) == nil && doc.Name != "" {
		return doc.Name
	}
	if group == "Invalid examples" {
		return "rejected or with record errors: " + strings.TrimSuffix(path.Base(file), ".json")
	}
	return ""
}

// Snapshot returns the bytes of the named snapshot.
func (s *FixtureSource) Snapshot(name string) ([]byte, error) {
	p, ok := s.paths[name]
	if !ok {
		return nil, app.ErrNoSnapshot
	}
	return fs.ReadFile(s.fsys, p)
}

// Open opens the named snapshot's file, for serving it as it is: streamed,
// so that many requests for a large snapshot do not each hold it whole.
func (s *FixtureSource) Open(name string) (fs.File, error) {
	p, ok := s.paths[name]
	if !ok {
		return nil, app.ErrNoSnapshot
	}
	return s.fsys.Open(p)
}

// Catalog lists the snapshots for the snapshots page.
func (s *FixtureSource) Catalog() app.Catalog { return s.cat }

// Names lists every snapshot name, sorted.
func (s *FixtureSource) Names() []string {
	names := make([]string, 0, len(s.paths))
	for n := range s.paths {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// subfolders lists the folders of dir, sorted; none when dir does not exist.
// Like jsonFiles, it stops at an entry it cannot follow rather than skip it.
func subfolders(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	var dirs []string
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		st, err := fs.Stat(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if st.IsDir() {
			dirs = append(dirs, p)
		}
	}
	sort.Strings(dirs)
	return dirs, nil
}
