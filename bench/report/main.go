// Command report measures tenantatlas against the least work that could do
// its job, side by side in one run, and writes the figures as Markdown
// (`make bench` runs it; docs/performance.md quotes it). Every
// figure is a ratio to a reference measured in the same run, alternately, so
// that a noisy machine slows both alike. Nothing here is a test: no figure
// fails a build.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/tenantatlas/tenantatlas/internal/gen"
)

func main() {
	out := flag.String("out", "bench/out/report.md", "where to write the report")
	reps := flag.Int("reps", 5, "runs of each command, after a warm-up round")
	sizeOnly := flag.Bool("size-only", false, "measure app.wasm's size only (make size)")
	flag.Parse()
	if err := run(*out, *reps, *sizeOnly); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func run(out string, reps int, sizeOnly bool) error {
	dir, err := os.MkdirTemp("", "tenantatlas-report-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var r strings.Builder
	fmt.Fprintf(&r, "# tenantatlas performance report\n\n%s\n\n", machine())

	if !sizeOnly {
		if err := cliSection(&r, dir, reps); err != nil {
			return err
		}
	}
	fmt.Fprintln(os.Stderr, "measuring app.wasm against go-app's hello app…")
	app, hello, err := sizes(dir)
	if err != nil {
		return err
	}
	ratio := float64(app.brotli) / float64(hello.brotli)
	fmt.Fprintf(&r, "## app.wasm size (make size)\n\nBoth built by `make wasm` (its WASM_FLAGS: debug info stripped, our packages without inlining): app.wasm, and go-app's \"hello\" app (bench/hello); gzip -9 and brotli 11.\n\n")
	fmt.Fprintf(&r, "| | raw | gzip | brotli |\n|---|---:|---:|---:|\n")
	fmt.Fprintf(&r, "| app.wasm | %s | %s | %s |\n| hello | %s | %s | %s |\n", mb(app.raw), mb(app.gzip), mb(app.brotli), mb(hello.raw), mb(hello.gzip), mb(hello.brotli))
	fmt.Fprintf(&r, "| ratio | %.2f× | %.2f× | **%.2f×** |\n\n", float64(app.raw)/float64(hello.raw), float64(app.gzip)/float64(hello.gzip), ratio)
	fmt.Fprintf(&r, "Goal: brotli ≤ 1.15× hello. %s\n", verdict(ratio <= 1.15))

	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(r.String()), 0o644); err != nil {
		return err
	}
	fmt.Print(r.String())
	fmt.Fprintf(os.Stderr, "\nwritten to %s\n", out)
	return nil
}

// cliSection measures `tenantatlas resolve` against the parse floor and jq,
// its memory, and its growth from 10,000 to 100,000 runs.
func cliSection(r *strings.Builder, dir string, reps int) error {
	cli, floor := filepath.Join(dir, "tenantatlas"), filepath.Join(dir, "floor")
	for bin, pkg := range map[string]string{cli: "./cmd/tenantatlas", floor: "./bench/floor"} {
		cmd := exec.Command("go", "build", "-trimpath", "-o", bin, pkg)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building %s: %w", pkg, err)
		}
	}
	files := map[int]string{}
	sizes := map[int]int64{}
	for _, tenants := range []int{100, 300, 1000} {
		runs := tenants * 100
		f := filepath.Join(dir, fmt.Sprintf("runs-%d.json", runs))
		if err := writeGen(f, gen.Options{Tenants: tenants, RunsPerTenant: 100, Seed: 1}); err != nil {
			return err
		}
		st, _ := os.Stat(f)
		files[runs], sizes[runs] = f, st.Size()
	}
	big := files[100000]
	resolve := func(runs int) command {
		return command{fmt.Sprintf("resolve %d", runs), []string{cli, "resolve", files[runs]}}
	}

	fmt.Fprintln(os.Stderr, "CLI against the parse floor…")
	s, err := sideBySide(reps, resolve(100000), command{"floor", []string{floor, big}}, command{"validate", []string{cli, "validate", big}})
	if err != nil {
		return err
	}
	cliT, floorT, validateT := medianWall(s[0]), medianWall(s[1]), medianWall(s[2])
	floorRatio := cliT.Seconds() / floorT.Seconds()
	memRatio := float64(maxRSS(s[0])) / float64(sizes[100000])

	fmt.Fprintf(r, "## The CLI (make bench)\n\nA `tenantatlas gen` portfolio of 100,000 restore runs (1,000 tenants), %s. Medians of %d runs each, alternating, after a warm-up round.\n\n", mb(int(sizes[100000])), reps)
	fmt.Fprintf(r, "| ratio | tenantatlas | reference | ratio | goal |\n|---|---:|---:|---:|---|\n")
	fmt.Fprintf(r, "| 1. `resolve` vs decoding into structs with encoding/json (bench/floor) | %s | %s | **%.2f×** | ≤ 1.25× %s |\n", ms(cliT), ms(floorT), floorRatio, verdict(floorRatio <= 1.25))
	fmt.Fprintf(r, "| 1a. `validate` (decoding and every check, no resolution, no output) vs the same floor | %s | %s | **%.2f×** | below 1.0× if our JSON reading beats encoding/json %s |\n", ms(validateT), ms(floorT), validateT.Seconds()/floorT.Seconds(), verdict(validateT < floorT))

	if jq, err := exec.LookPath("jq"); err == nil {
		fmt.Fprintln(os.Stderr, "CLI against jq…")
		prog := `[.restore_runs[] | select(.is_dry_run | not)] | group_by(.tenant_id) | map(max_by(.completed_at // .created_at) | {tenant_id, id})`
		s, err := sideBySide(max(3, reps/2), resolve(100000), command{"jq", []string{jq, "-c", prog, big}})
		if err != nil {
			return err
		}
		a, b := medianWall(s[0]), medianWall(s[1])
		fmt.Fprintf(r, "| 2. `resolve` vs jq finding each tenant's latest non-dry-run restore run | %s | %s | **%.1f× faster** | ≥ 5× faster %s |\n", ms(a), ms(b), b.Seconds()/a.Seconds(), verdict(b.Seconds()/a.Seconds() >= 5))
	} else {
		fmt.Fprintf(r, "| 2. `resolve` vs jq | | | skipped: jq is not installed | ≥ 5× faster |\n")
	}
	fmt.Fprintf(r, "| 3. peak resident memory of `resolve` vs the file's size | %s | %s | **%.2f×** | ≤ 3× %s |\n", mb(int(maxRSS(s[0]))), mb(int(sizes[100000])), memRatio, verdict(memRatio <= 3))

	fmt.Fprintln(os.Stderr, "growth from 10,000 to 100,000 runs…")
	g, err := sideBySide(reps, resolve(10000), resolve(30000), resolve(100000))
	if err != nil {
		return err
	}
	per := func(i, runs int) float64 { return float64(medianWall(g[i]).Nanoseconds()) / float64(runs) }
	growth := per(2, 100000) / per(0, 10000)
	fmt.Fprintf(r, "| 4. time per run at 100,000 runs vs at 10,000 | %.0f ns | %.0f ns | **%.2f×** | flat (≤ 1.25×) %s |\n\n", per(2, 100000), per(0, 10000), growth, verdict(growth <= 1.25))
	fmt.Fprintf(r, "Time per run: 10,000 runs %.0f ns, 30,000 runs %.0f ns, 100,000 runs %.0f ns (the whole command, start-up included).\n\n", per(0, 10000), per(1, 30000), per(2, 100000))
	return nil
}

func writeGen(path string, o gen.Options) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := gen.Write(w, o); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// machine names where the figures were measured.
func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("Measured %s on %s, %d CPUs (%s/%s), %s.", time.Now().UTC().Format("2006-01-02"), cpu, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
}

func verdict(ok bool) string {
	if ok {
		return "(met)"
	}
	return "(**not met**)"
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000) }

func mb(n int) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }
