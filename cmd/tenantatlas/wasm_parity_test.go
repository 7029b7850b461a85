package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/gen"
)

// The WebAssembly build of the CLI, run under Node with Go's own wasm_exec,
// gives byte for byte the resolve output of the native build: the browser's
// resolver is the CLI's.
func TestWASMAndNativeResolveAlike(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI twice")
	}
	if _, err := exec.LookPath("node"); err != nil {
		if os.Getenv("REQUIRE_BROWSER") == "1" {
			t.Fatal("REQUIRE_BROWSER=1: node is needed to run the WebAssembly build")
		}
		t.Skip("SKIPPED: node not found; the WebAssembly build was not compared with the native one")
	}
	dir := t.TempDir()
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	native, wasm := filepath.Join(dir, "tenantatlas"), filepath.Join(dir, "tenantatlas.wasm")
	build := func(out string, env ...string) {
		cmd := exec.Command(goBin, "build", "-o", out, ".")
		cmd.Env = append(os.Environ(), env...)
		b, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", b)
	}
	build(native)
	build(wasm, "GOOS=js", "GOARCH=wasm")
	wasmExec := filepath.Join(runtime.GOROOT(), "lib", "wasm", "go_js_wasm_exec")

	inputs := []string{fixture("demo.json"), fixture("scenarios", "isolation-quarantine.json"), fixture("invalid", "restore-status-complete.json"), fixture("invalid", "not-json.json")}
	for seed := uint64(1); seed <= 3; seed++ {
		f := filepath.Join(dir, "gen-"+strconv.FormatUint(seed, 10)+".json")
		var buf bytes.Buffer
		require.NoError(t, gen.Write(&buf, gen.Options{Tenants: 30, RunsPerTenant: 12, Seed: seed}))
		require.NoError(t, os.WriteFile(f, buf.Bytes(), 0o644))
		inputs = append(inputs, f)
	}
	for _, in := range inputs {
		for _, args := range [][]string{{"resolve", in}, {"resolve", "--explain", in}} {
			wantOut, wantCode := runProgram(t, exec.Command(native, args...))
			gotOut, gotCode := runProgram(t, exec.Command(wasmExec, append([]string{wasm}, args...)...))
			require.NotEmpty(t, wantOut, in)
			assert.Equal(t, wantCode, gotCode, "%v", args)
			assert.True(t, bytes.Equal(wantOut, gotOut), "%v: the outputs differ", args)
		}
	}
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
