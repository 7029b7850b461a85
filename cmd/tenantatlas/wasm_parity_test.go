package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/gen"
)

// The WebAssembly build of the CLI, run under Node with Go's own wasm_exec,
// gives byte for byte the resolve output and exit status of the native
// CLI: the browser's resolver is the CLI's.
func TestWASMAndNativeResolveAlike(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI for WebAssembly")
	}
	if _, err := exec.LookPath("node"); err != nil {
		if os.Getenv("REQUIRE_BROWSER") == "1" {
			t.Fatal("REQUIRE_BROWSER=1: node is needed to run the WebAssembly build")
		}
		t.Skip("SKIPPED: node not found; the WebAssembly build was not compared with the native one")
	}
	dir := t.TempDir()
	wasm := filepath.Join(dir, "tenantatlas.wasm")
	// Built as `make wasm` builds the app (the Makefile's WASM_FLAGS):
	// the standard library, go-app and our packages compiled for
	// WebAssembly are then in the build cache already, and only what the
	// CLI adds is compiled here.
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-trimpath", "-ldflags=-s -w",
		"-gcflags=github.com/tenantatlas/tenantatlas/...=-l", "-o", wasm, ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", b)
	wasmExec := filepath.Join(runtime.GOROOT(), "lib", "wasm", "go_js_wasm_exec")

	inputs := []string{fixture("demo.json"), fixture("scenarios", "isolation-quarantine.json"), fixture("invalid", "restore-status-complete.json"), fixture("invalid", "not-json.json")}
	for seed := uint64(1); seed <= 3; seed++ {
		f := filepath.Join(dir, "gen-"+strconv.FormatUint(seed, 10)+".json")
		var buf bytes.Buffer
		require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 30, RunsPerTenant: 12, Seed: seed}))
		require.NoError(t, os.WriteFile(f, buf.Bytes(), 0o644))
		inputs = append(inputs, f)
	}
	// Each run starts Node and compiles the module: in parallel, up to
	// go test's -parallel (GOMAXPROCS), they keep every core busy.
	t.Run("runs", func(t *testing.T) {
		for _, in := range inputs {
			for _, args := range [][]string{{"resolve", in}, {"resolve", "--explain", in}} {
				t.Run(strings.Join(args[:len(args)-1], " ")+" "+filepath.Base(in), func(t *testing.T) {
					t.Parallel()
					// The native side is this test binary's own dispatch,
					// which is all main does, with main's arguments.
					var want bytes.Buffer
					wantCode := dispatch(args, strings.NewReader(""), &want, io.Discard)
					gotOut, gotCode := runProgram(t, exec.Command(wasmExec, append([]string{wasm}, args...)...))
					require.NotEmpty(t, want.Bytes(), in)
					assert.Equal(t, wantCode, gotCode, "%v", args)
					assert.True(t, bytes.Equal(want.Bytes(), gotOut), "%v: the outputs differ", args)
				})
			}
		}
	})
}

func runProgram(t *testing.T, cmd *exec.Cmd) ([]byte, int) {
	t.Helper()
	var out bytes.Buffer
	cmd.Stdout = &out
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out.Bytes(), exit.ExitCode()
	}
	require.NoError(t, err)
	return out.Bytes(), 0
}
