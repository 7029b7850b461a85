package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/site"
)

// serve without --addr listens on loopback: the flags serve parses, parsed
// with no arguments, give a loopback address, and -help says so. Only
// --addr given on the command line opens serve to the network.
func TestServeDefaultsToLoopback(t *testing.T) {
	var help strings.Builder
	fs, o := serveFlags(&help)
	require.NoError(t, fs.Parse(nil))
	host, port, err := net.SplitHostPort(o.addr)
	require.NoError(t, err)
	ip := net.ParseIP(host)
	require.NotNil(t, ip, "a literal address, not a name that could resolve anywhere: %q", o.addr)
	assert.True(t, ip.IsLoopback(), o.addr)
	assert.NotEqual(t, "0", port, "a fixed port, as the README says")

	fs.Usage()
	assert.Contains(t, help.String(), fmt.Sprintf("(default %q)", o.addr), "-help shows the default")

	fs, o = serveFlags(io.Discard)
	require.NoError(t, fs.Parse([]string{"--addr", "0.0.0.0:9000"}))
	assert.Equal(t, "0.0.0.0:9000", o.addr, "--addr is what opens serve to the network")
}

// A slow or idle client cannot hold the server: every timeout is set.
func TestServeTimeouts(t *testing.T) {
	srv, err := newServer("", "/")
	require.NoError(t, err)
	assert.Positive(t, srv.ReadHeaderTimeout)
	assert.Positive(t, srv.ReadTimeout)
	assert.Positive(t, srv.WriteTimeout)
	assert.Positive(t, srv.IdleTimeout)
	assert.Positive(t, srv.MaxHeaderBytes)
	assert.LessOrEqual(t, srv.MaxHeaderBytes, 1<<20)
}

// rawGet sends request bytes as they are (no client cleans them up) and
// reads the status and body, within a deadline: nothing may hang.
func rawGet(t *testing.T, addr, request string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	_, err = io.WriteString(conn, request)
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err, "%q", request)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// Path tricks, sent raw: each is answered with the status the server gives
// a path it does not serve (404, never a 200 with some file, never a 500),
// and none reads a file outside what the site serves or hangs.
func TestServeRejectsPathTricks(t *testing.T) {
	root := startServe(t, "/")
	addr := strings.TrimSuffix(strings.TrimPrefix(root, "http://"), "/")
	secrets := []string{"module github.com/tenantatlas", "root:x:0:0", "package main", "package web", "//go:embed"}
	tests := []struct {
		target string
		status int
	}{
		// Out of the snapshots folder, dots plain, encoded, or as backslashes.
		{"/snapshots/../../go.mod", 404}, {"/snapshots/..%2f..%2fgo.mod", 404},
		{"/snapshots/%2e%2e/%2e%2e/go.mod", 404}, {"/snapshots/..%5c..%5cgo.mod", 404},
		{"/snapshots/demo/../../go.mod", 404}, {"/snapshots/%2fetc%2fpasswd", 404},
		{"/snapshots/demo.json%00", 404},
		// Out of web/, to the Go source beside the assets.
		{"/web/../embed.go", 404}, {"/web/%2e%2e/embed.go", 404}, {"/web/..%2fembed.go", 404},
		{"/web/embed.go", 404}, {"/web/embed.go%00.css", 404}, {"/web/\\..\\embed.go", 404},
		// Out of the site itself; pages answer with the app's not-found page.
		{"//etc/passwd", 404}, {"/../../../../etc/passwd", 404}, {"/%2e%2e/%2e%2e/etc/passwd", 404},
		{"/s/demo/..%2f..%2f..%2fetc%2fpasswd", 404}, {"http://evil.example/etc/passwd", 404},
		// Overlong paths.
		{"/" + strings.Repeat("a/", 3000), 404}, {"/s/" + strings.Repeat("%2e", 500) + "/", 404},
		// Folders: never listed.
		{"/snapshots/", 404}, {"/snapshots/demo/", 404}, {"/web/", 404}, {"/s/", 404},
	}
	for _, tt := range tests {
		name := tt.target
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(name, func(t *testing.T) {
			status, body := rawGet(t, addr, "GET "+tt.target+" HTTP/1.1\r\nHost: "+addr+"\r\nConnection: close\r\n\r\n")
			assert.Equal(t, tt.status, status)
			for _, s := range secrets {
				assert.NotContains(t, body, s)
			}
			assert.NotRegexp(t, `(?i)<title>Index of|<pre>\s*<a href`, body, "no directory listing")
		})
	}
	// Another site's name in Host changes nothing served.
	status, body := rawGet(t, addr, "GET /snapshots/demo.json HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, `"schema_version"`)
}

// serve sends the very headers deploy/nginx/security-headers.conf sends, on
// every response, errors included: read from the file, they cannot drift.
func TestServeSecurityHeadersMatchNginx(t *testing.T) {
	conf, err := os.ReadFile(filepath.Join("..", "..", "deploy", "nginx", "security-headers.conf"))
	require.NoError(t, err)
	want := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^add_header\s+(\S+)\s+"([^"]*)"\s+always;`).FindAllStringSubmatch(string(conf), -1) {
		want[m[1]] = m[2]
	}
	require.Len(t, want, 6)
	assert.Equal(t, want, site.SecurityHeaders)

	root := startServe(t, "/")
	for _, c := range []struct{ method, path string }{
		{"GET", ""}, {"GET", "s/demo/tenants/1"}, {"GET", "snapshots/demo.json"}, {"GET", "web/styles.css"},
		{"GET", "s/nope/"}, {"GET", "web/nope.css"}, {"POST", "s/demo/"}, {"HEAD", "s/demo/"},
	} {
		code, h, _ := fetch(t, c.method, root+c.path)
		for k, v := range want {
			assert.Equal(t, v, h.Get(k), "%s %s (%d): %s", c.method, c.path, code, k)
		}
	}
}

// A --fixtures folder cannot be escaped through a symbolic link: serve (and
// build) refuse to start, naming the file; a link within the folder is fine.
func TestServeFixturesCannotBeEscaped(t *testing.T) {
	demo, err := os.ReadFile(fixture("demo.json"))
	require.NoError(t, err)
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.json"), demo, 0o644))

	tests := []struct {
		name, link, target string
		wantErr            string
	}{
		{"link to a file outside", "escape.json", filepath.Join(outside, "secret.json"), "escape.json"},
		{"relative link out", "up.json", filepath.Join("..", filepath.Base(outside), "secret.json"), "up.json"},
		// Listing a linked folder fails under os.Root: it stops start-up too.
		{"link to a folder outside", "scenarios", outside, "scenarios"},
		{"link within the folder", "alias.json", "demo.json", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(filepath.Dir(outside), "fixtures-"+strings.ReplaceAll(tt.name, " ", "-"))
			require.NoError(t, os.MkdirAll(dir, 0o755))
			t.Cleanup(func() { os.RemoveAll(dir) })
			require.NoError(t, os.WriteFile(filepath.Join(dir, "demo.json"), demo, 0o644))
			require.NoError(t, os.Symlink(tt.target, filepath.Join(dir, tt.link)))

			srv, err := newServer(dir, "/")
			if tt.wantErr == "" {
				require.NoError(t, err)
				rec := httptest.NewRecorder()
				srv.Handler.ServeHTTP(rec, httptest.NewRequest("GET", "/snapshots/secret.json", nil))
				assert.Equal(t, 404, rec.Code, "nothing outside the folder is served")
				assert.NotContains(t, rec.Body.String(), "schema_version")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)

			code, _, stderr := runCLI(t, "", "build", "--out", filepath.Join(t.TempDir(), "dist"), "--fixtures", dir)
			assert.Equal(t, exitRejected, code, "build refuses too")
			assert.Contains(t, stderr, tt.wantErr)
		})
	}
}

// Without restore.view no restore record reaches any page of the snapshot,
// prerendered: no run id, no run link, no run state, none of its words.
func TestServeCapabilitiesHideRecords(t *testing.T) {
	root := startServe(t, "/")
	tests := []struct {
		snap    string
		pages   []string
		leaking []string
	}{
		{"viewer-no-restore", []string{"s/viewer-no-restore/", "s/viewer-no-restore/tenants/1", "s/viewer-no-restore/tenants/1/restore-runs",
			"s/viewer-no-restore/tenants/1/restore-runs/100", "s/viewer-no-restore/tenants/1/backup-sets"},
			[]string{"#100", "Run #", "restore-runs/100", "data-run-id", "restore-result", "restore-run-row", "Review failure details"}},
		{"viewer-no-backup", []string{"s/viewer-no-backup/", "s/viewer-no-backup/tenants/1", "s/viewer-no-backup/tenants/1/backup-sets"},
			[]string{"backup-set-row", "Nightly"}},
	}
	// What the page shows: its title and its body. (og:url repeats the
	// address the visitor asked for, whatever it names.)
	shown := regexp.MustCompile(`(?s)<title>.*?</title>|<body.*</body>`)
	for _, tt := range tests {
		for _, p := range tt.pages {
			code, _, html := fetch(t, "GET", root+p)
			require.Equal(t, 200, code, p)
			for _, part := range shown.FindAllString(html, -1) {
				for _, l := range tt.leaking {
					assertNoSubstring(t, part, l, fmt.Sprintf("%s shows %q", p, l))
				}
			}
		}
	}
	// Without restore.view a run that exists and one that does not answer alike.
	existing, _, _ := fetch(t, "GET", root+"s/viewer-no-restore/tenants/1/restore-runs/100")
	missing, _, _ := fetch(t, "GET", root+"s/viewer-no-restore/tenants/1/restore-runs/987654")
	assert.Equal(t, existing, missing)
}
