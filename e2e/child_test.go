package e2e

import (
	"bytes"
	"encoding/json"

	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dyingChildren names the file where TestDieWithChildrenRunning, run as a
// helper, writes what it started.
const dyingChildren = "TENANTATLAS_E2E_DYING_CHILDREN"

// started is what the helper had running when it died.
type started struct {
	NginxPid, ChromiumPid int
	NginxAddr             string
}

// A test binary that dies (a panic, go test's timeout) leaves no nginx and
// no Chromium running: its cleanup functions never run, so each child is
// tied to the binary's life itself. This test runs the test binary again,
// as a helper that starts both and dies of a panic, then looks for them.
func TestChildrenDieWithTheTestBinary(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("SKIPPED: the parent-death signal is Linux's")
	}
	browserTest(t)
	out := filepath.Join(t.TempDir(), "started.json")
	cmd := exec.Command(os.Args[0], "-test.run=^TestDieWithChildrenRunning$", "-test.count=1", "-test.timeout=2m")
	cmd.Env = append(os.Environ(), dyingChildren+"="+out)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	err := cmd.Run()
	require.Error(t, err, "the helper panics:\n%s", output.String())
	require.Contains(t, output.String(), "panic: dying with nginx and chromium running", "the helper died as meant:\n%s", output.String())

	b, err := os.ReadFile(out)
	require.NoError(t, err, "the helper wrote what it started:\n%s", output.String())
	var s started
	require.NoError(t, json.Unmarshal(b, &s))
	require.Positive(t, s.NginxPid)
	require.Positive(t, s.ChromiumPid)

	// The kernel sends the signal as the binary exits; the processes may
	// take a moment to go. Bounded: a process still there fails the test.
	gone := func() bool { return !alive(s.NginxPid) && !alive(s.ChromiumPid) && !listening(s.NginxAddr) }
	for deadline := time.Now().Add(10 * time.Second); !gone() && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	assert.False(t, alive(s.NginxPid), "nginx (pid %d) outlived the test binary", s.NginxPid)
	assert.False(t, listening(s.NginxAddr), "something still listens on nginx's address %s", s.NginxAddr)
	assert.False(t, alive(s.ChromiumPid), "chromium (pid %d) outlived the test binary", s.ChromiumPid)
}

// TestDieWithChildrenRunning is TestChildrenDieWithTheTestBinary's helper:
// run by it, it starts nginx and the shared Chromium, says which, and
// dies. Otherwise it does nothing.
func TestDieWithChildrenRunning(t *testing.T) {
	out := os.Getenv(dyingChildren)
	if out == "" {
		t.Skip("a helper of TestChildrenDieWithTheTestBinary")
	}
	chromium := requireTools(t)
	srv := startNginx(t, writeTinySite(t), "/")
	ctx := newBrowser(t, chromium)
	run(t, ctx, chromedp.Navigate(srv.URL))
	shared.Lock()
	chromiumPid := chromedp.FromContext(shared.ctx).Browser.Process().Pid
	shared.Unlock()
	b, err := json.Marshal(started{NginxPid: srv.cmd.Process.Pid, ChromiumPid: chromiumPid, NginxAddr: strings.TrimSuffix(strings.TrimPrefix(srv.URL, "http://"), "/")})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(out, b, 0o644))
	// A panic outside the test's goroutine, as go test's timeout is: the
	// binary ends at once, and no cleanup runs. (A panic in the test's own
	// goroutine would run the cleanups, which stop nginx and the browser.)
	go func() { panic("dying with nginx and chromium running") }()
	select {}
}

// alive reports whether pid is a process that has not ended: a zombie (it
// ended, and no one has reaped it yet) is not alive.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// The state follows the command's name, which is in parentheses.
	fields := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
}

// listening reports whether something accepts connections at addr.
func listening(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}
