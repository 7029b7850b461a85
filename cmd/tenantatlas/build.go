package main

import (
	"io"
	"time"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/internal/site"
)

const buildUsage = `build [--out dist] [--base-path /PATH] [--fixtures DIR] [--shard-above BYTES]

Writes the dashboard as a static site any static host can serve: every page
of every snapshot prerendered, app.wasm with .br and .gz beside it, the
snapshots, and a 404 page that boots the app. deploy/nginx/ has a
configuration for it. --out is replaced only if an earlier build wrote it.

A snapshot larger than --shard-above bytes is published sharded: index.json
for the portfolio and one file per tenant, so that a page fetches only what
it shows; of its pages only the portfolio is prerendered. 0 shards every
snapshot, -1 none.`

func runBuild(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := newFlagSet("build", buildUsage, stderr)
	out := flags.String("out", "dist", "folder to write the site into")
	basePath := flags.String("base-path", "/", "the path the site is served under, e.g. /atlas/")
	dir := flags.String("fixtures", "", "build from the snapshots in this folder instead of the embedded ones")
	shardAbove := flags.Int64("shard-above", site.DefaultShardAbove, "publish snapshots larger than this many bytes sharded (0: all, -1: none)")
	if err := flags.Parse(args); err != nil {
		return flagExit(err, stderr)
	}
	if flags.NArg() > 0 {
		flags.Usage()
		return exitRejected
	}
	base, err := site.CheckBase(*basePath)
	if err != nil {
		writeLine(stderr, "tenantatlas build: %v", err)
		return exitRejected
	}
	fsys, err := fixturesFS(*dir)
	if err != nil {
		writeLine(stderr, "tenantatlas build: %v", err)
		return exitRejected
	}
	app.Routes()
	start := time.Now()
	writeLine(stderr, "building %s (base path %s)", *out, base)
	st, err := site.Build(site.BuildOptions{Out: *out, BasePath: *basePath, Fixtures: fsys, Progress: stderr,
		Site: []site.Option{site.ShardAbove(*shardAbove)}})
	if err != nil {
		writeLine(stderr, "tenantatlas build: %v", err)
		return exitRejected
	}
	writeLine(stdout, "wrote %s: %d pages, %d snapshots (%d sharded), %d files in %s; app.wasm %d bytes, %d gzip, %d brotli",
		*out, st.Pages, st.Snapshots, st.Sharded, st.Files, time.Since(start).Round(time.Millisecond), st.WASMBytes, st.WASMGzip, st.WASMBrotli)
	return exitOK
}
