package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/gen"
)

// Local files opened in the browser (docs/performance.md, "Local files"):
// measured here, never asserted. Each load opens a generated snapshot on the
// site's snapshots page in a Chromium of its own, and, in the same browser,
// alternately before or after it, the same file read and given to JSON.parse
// on a plain page: the least a page can do with the file.

// localMarks records, from the document's start: the longest main-thread
// task, when the file input changed, when the local portfolio was first
// ready, and app.wasm's memory (go-app keeps its instance to itself).
const localMarks = `window.__local = {long: []};
if (PerformanceObserver.supportedEntryTypes.includes("longtask")) {
	new PerformanceObserver(l => { for (const e of l.getEntries()) window.__local.long.push([e.startTime, e.duration]); }).observe({type: "longtask", buffered: true});
}
document.addEventListener("change", e => { if (e.target.type === "file") window.__local.opened = performance.now(); }, true);
new MutationObserver(() => {
	const m = window.__local;
	if (m.opened && !m.ready && location.pathname.endsWith("/s/local/") &&
		document.querySelector('main[data-ready="true"] [data-testid="tenant-row"]')) m.ready = performance.now();
	if (m.opened && !m.progress && document.querySelector('[role="progressbar"], progress')) m.progress = performance.now();
}).observe(document, {subtree: true, childList: true, attributes: true});
const instantiate = WebAssembly.instantiateStreaming;
if (instantiate) WebAssembly.instantiateStreaming = async (...a) => {
	const r = await instantiate(...a);
	window.__local.mem = r.instance.exports.mem;
	return r;
};`

// localOpen is one file opened, in milliseconds from the input's change.
type localOpen struct {
	Ready    float64 // the portfolio ready
	LongTask float64 // the longest main-thread task meanwhile
	WasmMB   float64 // app.wasm's linear memory at the end
	JSHeapMB float64
	// When the app started reading the file, had checked it and had
	// resolved it (its performance marks; -1 without them).
	Read, Decoded, Checked, Resolved float64
	LongPhase                        string // the phase the longest task began in
}

const readLocalOpen = `(() => {
	const m = window.__local;
	const at = name => (performance.getEntriesByName("tenantatlas:local-" + name).pop()?.startTime ?? m.opened - 1) - m.opened;
	const tasks = m.long.filter(([s, d]) => s + d >= m.opened);
	const long = tasks.reduce((x, [, d]) => Math.max(x, d), 0);
	// The phase the longest task began in: the last mark before it.
	const longest = tasks.find(([, d]) => d === long);
	const phase = !longest ? "" : ["read", "decoded", "checked", "resolved"].filter(n => at(n) + m.opened <= longest[0]).pop() ?? "before reading";
	return JSON.stringify({Ready: m.ready - m.opened, LongTask: long,
		WasmMB: m.mem ? m.mem.buffer.byteLength / 1048576 : -1,
		JSHeapMB: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : -1,
		LongPhase: phase, Read: at("read"), Decoded: at("decoded"), Checked: at("checked"), Resolved: at("resolved")});
})()`

// jsonParsePage is the reference: a page that reads the file as text and
// parses it, nothing else. Its listener is added through the debugger
// protocol: the site's policy allows no inline script.
const jsonParsePage = `<!doctype html><html lang="en"><title>JSON.parse</title><input type="file" id="f" aria-label="file">`

const jsonParseListener = `document.getElementById("f").addEventListener("change", async e => {
	const t0 = performance.now();
	const v = JSON.parse(await e.target.files[0].text());
	window.__parsed = {ms: performance.now() - t0, members: Object.keys(v).length};
}); true`

// localSizes are the files measured: about 1, 10 and 50 MB.
var localSizes = []struct {
	name string
	opt  gen.Options
}{
	{"1MB", gen.Options{Tenants: 100, RunsPerTenant: 16, Seed: 1}},
	{"10MB", gen.Options{Tenants: 1000, RunsPerTenant: 16, Seed: 1}},
	{"50MB", gen.Options{Tenants: 1000, RunsPerTenant: 80, Seed: 1}},
}

// writeGenerated writes a generated snapshot into dir and returns its path
// and size.
func writeGenerated(t testing.TB, dir, name string, o gen.Options) (string, int64) {
	t.Helper()
	path := filepath.Join(dir, name+".json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, gen.Write(f, o))
	require.NoError(t, f.Close())
	st, err := os.Stat(path)
	require.NoError(t, err)
	return path, st.Size()
}

// BenchmarkBrowserLocalFile: a local file opened → its portfolio ready,
// against JSON.parse of the same file in the same browser; the longest
// main-thread task meanwhile; and the renderer's peak memory, app.wasm's
// memory and the JS heap, each against the file's size.
func BenchmarkBrowserLocalFile(b *testing.B) {
	chromium := requireTools(b)
	dist := builtSite(b, "/")
	require.NoError(b, os.MkdirAll(filepath.Join(dist, "perf"), 0o755))
	require.NoError(b, os.WriteFile(filepath.Join(dist, "perf", "json-parse.html"), []byte(jsonParsePage), 0o644))
	srv := startNginx(b, dist, "/")
	dir := b.TempDir()

	for _, sz := range localSizes {
		file, size := writeGenerated(b, dir, sz.name, sz.opt)
		mb := float64(size) / 1048576
		b.Run(sz.name, func(b *testing.B) {
			var ours, parse, long, renderer, growth, wasm, heap, read, decoded, checked, resolved []float64
			i := 0
			for b.Loop() {
				ctx := newBrowser(b, chromium)
				measureParse := func() {
					run(b, ctx, chromedp.Navigate(srv.URL+"perf/json-parse.html"), evalAction(jsonParseListener),
						chromedp.SetUploadFiles(chromedp.CSS("#f"), []string{file}), until(`!!window.__parsed`))
					ms, err := strconv.ParseFloat(evalString(b, ctx, `String(window.__parsed.ms)`), 64)
					require.NoError(b, err)
					parse = append(parse, ms)
				}
				if i%2 == 1 {
					measureParse()
				}
				o, before, peak := openLocal(b, ctx, srv.URL, file)
				ours, long = append(ours, o.Ready), append(long, o.LongTask)
				read, decoded = append(read, o.Read), append(decoded, o.Decoded)
				b.Logf("%s: the longest task (%.0f ms) began after the mark %q", sz.name, o.LongTask, o.LongPhase)
				checked, resolved = append(checked, o.Checked), append(resolved, o.Resolved)
				renderer, growth = append(renderer, peak/mb), append(growth, (peak-before)/mb)
				wasm, heap = append(wasm, o.WasmMB/mb), append(heap, o.JSHeapMB/mb)
				if i%2 == 0 {
					measureParse()
				}
				closeBrowser(ctx)
				i++
			}
			b.ReportMetric(median(ours), "ms-ready")
			b.ReportMetric(median(parse), "ms-json-parse")
			b.ReportMetric(median(ours)/median(parse), "x-json-parse")
			b.ReportMetric(median(long), "ms-longest-task")
			// Where the time went: until the app read the file's first
			// chunk, had decoded its last, had checked it, and resolved it
			// (each from the input's change).
			b.ReportMetric(median(read), "ms-to-read-start")
			b.ReportMetric(median(decoded), "ms-to-decoded")
			b.ReportMetric(median(checked), "ms-to-checked")
			b.ReportMetric(median(resolved), "ms-to-resolved")
			b.ReportMetric(median(renderer), "x-file-renderer-peak")
			b.ReportMetric(median(growth), "x-file-renderer-growth")
			b.ReportMetric(median(wasm), "x-file-wasm-memory")
			b.ReportMetric(median(heap), "x-file-js-heap")
			b.ReportMetric(mb, "MiB-file")
		})
	}
}

// openLocal opens file on the site's snapshots page and waits for its
// portfolio; it returns the figures and the renderer's peak memory in MiB
// before the file was opened and after (-1 where /proc cannot tell): the
// app and its compiled app.wasm weigh the same whatever the file.
func openLocal(b *testing.B, ctx context.Context, siteURL, file string) (o localOpen, before, after float64) {
	b.Helper()
	inject := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: localMarks})
		return err
	})
	run(b, ctx, inject, chromedp.Navigate(siteURL), waitApp())
	before = rendererPeakMiB(ctx)
	// Under a loaded machine a 50 MB file has taken minutes: run's bound
	// is for a step of a test.
	tctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	require.NoError(b, chromedp.Do(tctx, chromedp.SetUploadFiles(chromedp.CSS("#snapshot-file"), []string{file}), until(`window.__local.ready > 0`)))
	require.NoError(b, json.Unmarshal([]byte(evalString(b, ctx, readLocalOpen)), &o))
	return o, before, rendererPeakMiB(ctx)
}

// evalAction evaluates a script as a step of run.
func evalAction(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](expr)(ctx, tg)
		return err
	})
}

// rendererPeakMiB is the largest peak resident size (VmHWM) of the
// browser's renderer processes: the page's, the one that read the file.
func rendererPeakMiB(ctx context.Context) float64 {
	c := chromedp.FromContext(ctx)
	if c == nil || c.Browser == nil || c.Browser.Process() == nil {
		return -1
	}
	browser := c.Browser.Process().Pid
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return -1
	}
	peak := -1.0
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || !descends(pid, browser) {
			continue
		}
		cmd, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		if err != nil || !strings.Contains(string(cmd), "--type=renderer") {
			continue
		}
		if kb := procStatus(pid, "VmHWM"); float64(kb)/1024 > peak {
			peak = float64(kb) / 1024
		}
	}
	return peak
}

// descends reports whether pid is a descendant of ancestor.
func descends(pid, ancestor int) bool {
	for i := 0; i < 16 && pid > 1; i++ {
		ppid := procStatus(pid, "PPid")
		if ppid == int64(ancestor) {
			return true
		}
		pid = int(ppid)
	}
	return false
}

// procStatus reads a number from /proc/pid/status (kB for sizes), -1 if absent.
func procStatus(pid int, field string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return -1
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), field+":"); ok {
			n, err := strconv.ParseInt(strings.Fields(rest)[0], 10, 64)
			if err != nil {
				return -1
			}
			return n
		}
	}
	return -1
}
