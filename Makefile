# tenantatlas: `make run` serves the demo, `make test` runs every test (a
# few minutes), `make check` the depth that costs more (CI runs both; see
# docs/testing.md). Only Go is needed; browser tests skip (and say so)
# without Chromium and nginx, unless REQUIRE_BROWSER=1.

GO        ?= go
ADDR      ?= 127.0.0.1:8000
WASM      := web/app.wasm
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
# The WASM build strips debug info, and compiles our own packages without
# inlining: app.wasm's size is part of the product (docs/performance.md,
# "app.wasm's size"). Inlining copied the domain's small helpers into
# hundreds of call sites, and the browser only ever resolves one snapshot,
# or one tenant of a sharded one. go-app and the standard library are
# compiled as usual.
WASM_FLAGS := -trimpath -ldflags="-s -w" -gcflags='github.com/tenantatlas/tenantatlas/...=-l'
# What `make wasm` builds, and where: bench/report builds go-app's hello app
# the same way through WASM_PKG and WASM.
WASM_PKG  := ./cmd/webapp

.PHONY: all run wasm binary site test test-native test-e2e test-go browser-note test-wasm vet-after-wasm check check-native vet fmt-check fuzz bench size bench-browser clean

# Every go test run names its -timeout: go test's default (10 minutes) was
# where a slow machine failed, far from where the tests are. Each package of
# `make test` is meant to take under 2 minutes on a 2-core machine; 15
# minutes is seven times that, so a machine running several other builds
# at once still passes, and a hang still fails, with every goroutine's
# stack, rather than waiting on CI's own limit. `make check` runs longer,
# and gets more.
TEST_TIMEOUT  ?= 15m
CHECK_TIMEOUT ?= 30m

# The tests write thousands of small files (sites, browser profiles) into
# their temporary folders. On the disk of the machines CI runs on, creating
# a file costs over a millisecond of system time, fifty times what it costs
# in memory (docs/testing.md): where /dev/shm is writable and has a few
# gigabytes free, the TMPDIR of the targets that run tests is there.
# TEST_TMPDIR= keeps the system's.
TEST_TMPDIR ?= $(shell d=/dev/shm; [ -d $$d ] && [ -w $$d ] && [ "$$(df -Pk $$d 2>/dev/null | awk 'NR==2 {print $$4}')" -gt 2097152 ] 2>/dev/null && echo $$d)
test test-native test-e2e test-go test-wasm check check-native fuzz bench bench-browser: export TMPDIR := $(or $(TEST_TMPDIR),$(TMPDIR))

all: binary

# The WebAssembly app: UI and resolver core, from the minimal main in cmd/webapp.
# Written beside, then renamed into place: `make test` vets the native
# packages meanwhile, and web/ embeds whatever is in the folder, so a
# half-written app.wasm must never be there to read.
wasm:
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o $(WASM).tmp $(WASM_PKG)
	mv $(WASM).tmp $(WASM)

# The native binary embeds web/ (so app.wasm must be built first) and fixtures/.
binary: wasm
	$(GO) build -trimpath -o bin/tenantatlas ./cmd/tenantatlas

run: binary
	bin/tenantatlas serve --addr $(ADDR)

# The static site into dist/ (BASE_PATH=/atlas/ for a sub-path); serve it
# with deploy/nginx/.
BASE_PATH ?= /
site: binary
	bin/tenantatlas build --out dist --base-path $(BASE_PATH)

# `make test` overlaps what does not wait on the rest, on any make (-j is
# given inside): app.wasm is built while the domain's WebAssembly tests run
# under Node; go vet follows app.wasm (web/ embeds it: vet then compiles
# the packages as the tests will, and the tests reuse them), and go test's
# own vet, a subset of it, is off after it; then, once the Node tests are
# done too, the browser tests run beside every other package's, both
# starting at once rather than e2e waiting for its turn in the alphabet.
# The Node tests ran beside the browser tests before: both cores were
# already busy, and each took longer than the two one after the other
# (docs/testing.md).
test: fmt-check
	@$(MAKE) --no-print-directory -j3 test-wasm test-e2e test-go TESTS_AFTER="vet-after-wasm test-wasm"

# What test-e2e and test-go wait for: app.wasm (the site embeds it, the
# browser tests load it), and in `make test` go vet and the Node tests as
# well.
TESTS_AFTER ?= wasm
TEST_VET    := $(if $(filter vet-after-wasm,$(TESTS_AFTER)),-vet=off)

vet:
	$(GO) vet ./...

vet-after-wasm: wasm
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# Every package's tests, the browser tests included, in one go test.
test-native:
	$(GO) test -count=1 -timeout $(TEST_TIMEOUT) ./...
	@$(MAKE) --no-print-directory browser-note

# The browser tests run side by side in one Chromium, each in a browser
# context of its own (e2e/doc.go), E2E_PARALLEL at once: a test spends much
# of its time waiting on the browser or nginx, so three keep two cores busy
# without one test's page waiting on the others'.
E2E_PARALLEL ?= 3
test-e2e: $(TESTS_AFTER)
	$(GO) test -count=1 $(TEST_VET) -timeout $(TEST_TIMEOUT) -parallel $(E2E_PARALLEL) ./e2e/
	@$(MAKE) --no-print-directory browser-note

# Every other package's tests.
test-go: $(TESTS_AFTER)
	$(GO) test -count=1 $(TEST_VET) -timeout $(TEST_TIMEOUT) $$($(GO) list ./... | grep -v '/e2e$$')

browser-note:
	@if ! command -v nginx >/dev/null 2>&1 || ! { command -v chromium || command -v chromium-browser || command -v google-chrome; } >/dev/null 2>&1; then \
		echo "NOTE: the browser tests in e2e/ were SKIPPED: they need chromium and nginx (apt-get install chromium nginx-light)"; \
	fi

# The tests of the decoder (snapshot) and the rules (domain) again, compiled
# to WebAssembly and run under Node with Go's own wasm_exec: the browser and
# the CLI are proven to decode and decide alike. -short:
# the property tests check 40 portfolios here, not 1,000 (WebAssembly under
# Node is several times slower; the native run has checked the 1,000).
test-wasm:
	@if command -v node >/dev/null 2>&1; then \
		GOOS=js GOARCH=wasm $(GO) test -count=1 -short -timeout $(TEST_TIMEOUT) -exec="$(WASM_EXEC)" ./snapshot/ ./domain/; \
	elif [ "$$REQUIRE_BROWSER" = "1" ]; then \
		echo "test-wasm: node is required (REQUIRE_BROWSER=1) but was not found"; exit 1; \
	else \
		echo "test-wasm: SKIPPED, node not found: the WebAssembly tests of snapshot and domain did not run"; \
	fi

# Benchmarks: Go benchmarks of decode, validate and resolve at 100, 10,000
# and 100,000 restore runs (saved to bench/out/bench.txt: compare two runs
# with `go run golang.org/x/perf/cmd/benchstat@latest old.txt new.txt`),
# then the report (bench/report): the CLI against the parse floor and jq,
# its memory and growth, and app.wasm's size, as ratios measured side by
# side. Written to bench/out/report.md. Not part of `make test`.
BENCH_COUNT ?= 6
bench:
	@mkdir -p bench/out
	$(GO) test -run '^$$' -timeout 60m -bench 'Decode|Validate|Resolve|Check|EncodingJSON' -benchmem -count $(BENCH_COUNT) ./snapshot/ ./domain/ | tee bench/out/bench.txt
	$(GO) run ./bench/report -out bench/out/report.md
	$(GO) test -run '^$$' -bench 'CompareVersusResolve' -benchtime 3x ./change/ | tee bench/out/diff.txt
	$(GO) test -run '^$$' -bench 'DiffVersusResolve' -benchtime 2x ./cmd/tenantatlas/ | tee -a bench/out/diff.txt

# app.wasm's raw, gzip and brotli size against go-app's hello app.
size:
	$(GO) run ./bench/report -size-only -out bench/out/size.md

# The depth that costs minutes, on top of `make test` (which checks every
# claim too, more quickly): TENANTATLAS_CHECK=1 has the property tests check
# 1,000 generated portfolios each instead of 100, and the browser tests load
# every page of every scenario cold in the browser instead of going from
# page to page inside the running app; then a short fuzzing run. CI runs it
# after `make test`.
# In e2e only the tests that go through navigateInApp change with the
# depth; the others ran as they are in `make test`.
CHECK_E2E ?= AgreesWithCLI|Accessibility|CapabilitiesInTheBrowser|OpenLocalSnapshotFile
check: wasm check-native
	$(MAKE) fuzz FUZZTIME=$(CHECK_FUZZTIME)

check-native:
	TENANTATLAS_CHECK=1 $(GO) test -count=1 -timeout $(CHECK_TIMEOUT) ./snapshot/ ./domain/ ./change/
	TENANTATLAS_CHECK=1 $(GO) test -count=1 -timeout $(CHECK_TIMEOUT) -parallel $(E2E_PARALLEL) -run '$(CHECK_E2E)' ./e2e/

# Fuzzing: each target for FUZZTIME (go test takes one -fuzz target per
# run). Their seeds already run in `make test`; run longer with e.g.
# `make fuzz FUZZTIME=10m`. A failing input is saved under the package's
# testdata/fuzz/ and replays in every later `go test`.
#
# `make check` fuzzes a count, not a duration: with a duration, Go 1.26's
# fuzzing coordinator can fail a target with a bare "context deadline
# exceeded" and no failing input when the time runs out under load
# (go.dev/issue/75804, fixed in Go 1.27); it did so once in CI, on
# FuzzRestoreRunsQuery. 10,000 inputs a target take 3-9 s each on 2 cores.
# The timeout (which go test applies while fuzzing too) is ten minutes more
# than a FUZZTIME duration: Go reads "20s10m" as 10m20s. For a count, ten
# minutes bound a run that takes seconds.
FUZZTIME       ?= 20s
CHECK_FUZZTIME ?= 10000x
FUZZ_TIMEOUT   ?= $(if $(filter %x,$(FUZZTIME)),10m,$(FUZZTIME)10m)
FUZZ := $(GO) test -run '^$$' -timeout $(FUZZ_TIMEOUT) -fuzztime $(FUZZTIME)
fuzz:
	$(FUZZ) -fuzz '^FuzzCheck$$' ./domain/
	$(FUZZ) -fuzz '^FuzzResolve$$' ./domain/
	$(FUZZ) -fuzz '^FuzzResolveEdits$$' ./domain/
	$(FUZZ) -fuzz '^FuzzParallelDecoding$$' ./snapshot/
	$(FUZZ) -fuzz '^FuzzEdgeIDs$$' ./domain/
	$(FUZZ) -fuzz '^FuzzTimestampOrder$$' ./snapshot/
	$(FUZZ) -fuzz '^FuzzRestoreRunsQuery$$' ./app/
	$(FUZZ) -fuzz '^FuzzEscape$$' ./internal/termtext/
	$(FUZZ) -fuzz '^FuzzTextOutput$$' ./cmd/tenantatlas/
	$(FUZZ) -fuzz '^FuzzCheckBase$$' ./internal/site/

# Browser timings (cold and repeat loads behind nginx, set against a plain
# HTML page or go-app's hello app in the same run): measured, never
# asserted. Needs chromium and nginx. TENANTATLAS_BASELINE_SITE=DIR (a site
# another version built) measures that site alongside, for before/after.
BROWSER_RUNS ?= 7
bench-browser: wasm
	$(GO) test -run '^$$' -timeout 30m -bench Browser -benchtime $(BROWSER_RUNS)x ./e2e/

clean:
	rm -rf bin dist bench/out $(WASM) $(WASM).br $(WASM).gz
