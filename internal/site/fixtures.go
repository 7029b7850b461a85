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
// NAME.json at its root, scenarios/NAME.json and invalid/NAME.json. A
// snapshot's address name is its file name without .json, so names must be
// unique across the three.
type FixtureSource struct {
	fsys  fs.FS
	paths map[string]string
	cat   app.Catalog
}

var groups = []struct{ dir, group string }{{".", "Demo"}, {"scenarios", "Scenarios"}, {"invalid", "Invalid examples"}}

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
		for _, f := range files {
			name := strings.TrimSuffix(path.Base(f), ".json")
			if !snapshotName.MatchString(name) {
				// The name is the address's {snap}; the routes accept only these.
				return nil, fmt.Errorf("%s: a snapshot name has letters, digits, '.', '_' and '-' only, starting with a letter or digit", f)
			}
			if name == app.LocalSnapshot || name == "catalog" {
				return nil, fmt.Errorf("%s: the snapshot name %q is reserved", f, name)
			}
			if prev, dup := s.paths[name]; dup {
				return nil, fmt.Errorf("%s and %s: two snapshots named %q", prev, f, name)
			}
			// Read now, so that a file that cannot be read (a symbolic link
			// out of the folder, which an os.Root refuses) stops the server
			// at start-up with its name, not a visitor later.
			b, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			s.paths[name] = f
			s.cat.Entries = append(s.cat.Entries, app.CatalogEntry{Name: name, Title: title(b, f, g.group), Group: g.group})
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
		if dir == "." && (e.Name() == "scenarios" || e.Name() == "invalid") {
			continue // listed as groups of their own
		}
		if path.Ext(e.Name()) == ".json" {
			files = append(files, p)
		}
	}
	sort.Strings(files)
	return files, nil
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
