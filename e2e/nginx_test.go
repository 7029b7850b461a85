package e2e

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const brotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

// nginxServer is an nginx serving one built site on a loopback port.
type nginxServer struct {
	URL    string // e.g. http://127.0.0.1:41234/atlas/
	cmd    *exec.Cmd
	exited <-chan struct{} // closed once nginx has ended
	log    string          // the access log, one request a line

	stopOnce sync.Once
}

// request is one line of the access log.
type request struct {
	Method, URI string
	Status      int
	Bytes       int64  // the body as sent (compressed, when it was)
	BodyIn      string // the request's Content-Length, "-" when it had none
}

// Requests are the requests nginx answered so far, in order: what the
// browser fetched, and what it did not.
func (s *nginxServer) Requests(t testing.TB) []request {
	t.Helper()
	b, err := os.ReadFile(s.log)
	require.NoError(t, err)
	var out []request
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if line == "" {
			continue
		}
		var r request
		// A line that does not parse is a request no check would see.
		var proto string
		_, err := fmt.Sscanf(line, "%s %s %s %d %d %s", &r.Method, &r.URI, &proto, &r.Status, &r.Bytes, &r.BodyIn)
		require.NoError(t, err, "access log line %q", line)
		out = append(out, r)
	}
	return out
}

// startNginx serves siteDir at basePath ("/" or "/atlas/") with
// deploy/nginx/tenantatlas.conf, exactly as an operator would, and stops it
// when the test ends.
func startNginx(t testing.TB, siteDir, basePath string) *nginxServer {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"tenantatlas.conf", "security-headers.conf"} {
		b, err := os.ReadFile(filepath.Join("..", "deploy", "nginx", name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}

	// The base path is a folder under root holding the site.
	root := filepath.Join(dir, "root")
	mount := filepath.Join(root, strings.Trim(basePath, "/"))
	require.NoError(t, os.MkdirAll(filepath.Dir(mount), 0o755))
	if strings.Trim(basePath, "/") == "" {
		root = siteDir
	} else {
		abs, err := filepath.Abs(siteDir)
		require.NoError(t, err)
		require.NoError(t, os.Symlink(abs, mount))
	}

	port := freePort(t)
	var load, brotli string
	if _, err := os.Stat(brotliModule); err == nil {
		load, brotli = "load_module "+brotliModule+";", "brotli_static on;"
	}
	// daemon off and master_process off: nginx is one process, a direct
	// child of the test binary, which startChild ties to the binary's life.
	// (With a master, a master killed leaves its workers serving.) One
	// process also never drops to an unprivileged user that could not read
	// the test's private temporary folders.
	conf := fmt.Sprintf(`%s
daemon off;
master_process off;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events {}
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	# $request is the request line as the client sent it: $request_method
	# reads GET once error_page has redirected a POST to 404.html.
	log_format requests '$request $status $body_bytes_sent $content_length';
	access_log %[2]s/access.log requests;
	client_body_temp_path %[2]s/tmp; proxy_temp_path %[2]s/tmp; fastcgi_temp_path %[2]s/tmp;
	uwsgi_temp_path %[2]s/tmp; scgi_temp_path %[2]s/tmp;
	sendfile on;
	server {
		listen 127.0.0.1:%[3]d;
		root %[4]s;
		set $tenantatlas_base %[5]s;
		%[6]s
		include %[2]s/tenantatlas.conf;
	}
}
`, load, dir, port, root, basePath, brotli)
	confPath := filepath.Join(dir, "nginx.conf")
	require.NoError(t, os.WriteFile(confPath, []byte(conf), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "tmp"), 0o755))

	cmd := exec.Command("nginx", "-c", confPath, "-p", dir)
	// nginx reports to error.log; it must not inherit the test's output, or
	// were it to outlive the test it would hold that open.
	s := &nginxServer{URL: fmt.Sprintf("http://127.0.0.1:%d%s", port, basePath), cmd: cmd, log: filepath.Join(dir, "access.log")}
	exited, err := startChild(cmd)
	require.NoError(t, err)
	s.exited = exited
	t.Cleanup(func() {
		s.stop(t)
		if t.Failed() {
			if b, err := os.ReadFile(filepath.Join(dir, "error.log")); err == nil && len(b) > 0 {
				t.Logf("nginx error.log:\n%s", b)
			}
		}
	})

	waitServing(t, s.URL, s.exited)
	return s
}

// stop stops nginx, once: SIGQUIT, its graceful stop, then SIGKILL if it
// has not stopped within a bound.
func (s *nginxServer) stop(t testing.TB) {
	s.stopOnce.Do(func() {
		_ = s.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-s.exited:
		case <-time.After(5 * time.Second):
			_ = s.cmd.Process.Kill()
			<-s.exited
		}
	})
}

// startChild starts cmd so that it dies with the test binary, however the
// binary ends (a panic, go test's timeout, a kill): cleanup functions run
// only when the binary ends normally. On Linux the kernel sends the child
// SIGKILL when the thread that started it exits (Pdeathsig), so it is
// started from a goroutine locked to its thread, which waits for it there
// and so keeps that thread alive as long as the child (go.dev/issue/27505).
// exited closes once the child has ended and been waited for.
func startChild(cmd *exec.Cmd) (exited <-chan struct{}, err error) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	setParentDeathSignal(cmd.SysProcAttr)
	started := make(chan error, 1)
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		_ = cmd.Wait()
		close(done)
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return done, nil
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitListening polls until the server at url answers; bounded, so a
// broken configuration fails the test instead of hanging it.
func waitListening(t testing.TB, url string) {
	t.Helper()
	waitServing(t, url, nil)
}

// waitServing is waitListening for a server the test started: it gives up
// at once when the server has exited (exited is closed).
func waitServing(t testing.TB, url string, exited <-chan struct{}) {
	t.Helper()
	client := &http.Client{Timeout: time.Second}
	for deadline := time.Now().Add(stepBound); time.Now().Before(deadline); {
		if resp, err := client.Get(url); err == nil {
			resp.Body.Close()
			return
		}
		select {
		case <-exited:
			t.Fatalf("nginx exited before it answered at %s", url)
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("nginx did not answer at %s", url)
}
