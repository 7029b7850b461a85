package site

import (
	"bytes"
	"html"

	"github.com/tenantatlas/tenantatlas/app"
)

// snapshotPreload is the address of the file app.wasm reads first for the
// page at rel (relative to the base), as app's BrowserSource asks for it:
// the snapshot, or a sharded one's index. "" for a page that reads none
// (the snapshots page, the user's own file, an address that names nothing).
// The page names it in a <link rel="preload">, so that the browser fetches
// it while app.wasm downloads and compiles, and the app, once started,
// finds it there (docs/performance.md, "Takeover and the service worker").
func (s *Server) snapshotPreload(rel string) string {
	a := app.ParseAddress(rel, nil)
	if !a.Known() || a.Snap == "" || app.IsLocal(a.Snap) || !s.src.has(a.Snap) {
		return ""
	}
	if s.isSharded(a.Snap) {
		return s.base + "snapshots/" + a.Snap + "/index.json"
	}
	return s.base + "snapshots/" + a.Snap + ".json"
}

// preloadFix names href in a preload link at the end of the page's <head>.
// As fetch() asks for it (mode cors, credentials same-origin), or the
// browser would fetch it twice.
func preloadFix(page []byte, href string) []byte {
	end := bytes.Index(page, []byte("</head>"))
	if href == "" || end < 0 {
		return page
	}
	link := `<link rel="preload" href="` + html.EscapeString(href) + `" as="fetch" crossorigin="anonymous">` + "\n  "
	out := make([]byte, 0, len(page)+len(link))
	out = append(out, page[:end]...)
	out = append(out, link...)
	return append(out, page[end:]...)
}

// has reports whether the source holds a snapshot named name.
func (s *FixtureSource) has(name string) bool {
	_, ok := s.paths[name]
	return ok
}
