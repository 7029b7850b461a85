package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/tenantatlas/tenantatlas/app"
	"github.com/tenantatlas/tenantatlas/internal/site"
	"github.com/tenantatlas/tenantatlas/web"
)

const serveUsage = `serve [--addr 127.0.0.1:8000] [--fixtures DIR] [--base-path /PATH]

Serves the dashboard, prerendering each page on the server, with the
snapshots embedded in the binary or those in DIR (NAME.json, scenarios/,
invalid/). Listens on loopback unless told otherwise.`

// defaultServeAddr is loopback: serving to the network is a choice made with
// --addr, never a default.
const defaultServeAddr = "127.0.0.1:8000"

// serveOptions are serve's flags, as parsed.
type serveOptions struct {
	addr, dir, basePath string
}

// serveFlags declares serve's flags. It is apart from runServe so that a test
// parses the very flags serve parses, defaults included.
func serveFlags(stderr io.Writer) (*flag.FlagSet, *serveOptions) {
	fs := newFlagSet("serve", serveUsage, stderr)
	o := &serveOptions{}
	fs.StringVar(&o.addr, "addr", defaultServeAddr, "address to listen on")
	fs.StringVar(&o.dir, "fixtures", "", "serve the snapshots in this folder instead of the embedded ones")
	fs.StringVar(&o.basePath, "base-path", "/", "serve the site under this path")
	return fs, o
}

func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs, o := serveFlags(stderr)
	if err := fs.Parse(args); err != nil {
		return flagExit(err, stderr)
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitRejected
	}
	srv, err := newServer(o.dir, o.basePath)
	if err != nil {
		writeLine(stderr, "tenantatlas serve: %v", err)
		return exitRejected
	}
	l, err := net.Listen("tcp", o.addr)
	if err != nil {
		writeLine(stderr, "tenantatlas serve: %v", err)
		return exitRejected
	}
	if !web.HasWASM() {
		fmt.Fprintln(stderr, "tenantatlas serve: app.wasm was not built into this binary (run `make wasm` first, or use `make run`); pages are prerendered but the app will not take over in the browser")
	}
	writeLine(stdout, "tenantatlas: serving on http://%s%s", l.Addr(), site.NormalizeBase(o.basePath))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
		writeLine(stderr, "tenantatlas serve: %v", err)
		return exitRejected
	}
	return exitOK
}

// newServer builds the HTTP server with timeouts that keep a slow or idle
// client from holding connections.
func newServer(dir, basePath string) (*http.Server, error) {
	fsys, err := fixturesFS(dir)
	if err != nil {
		return nil, err
	}
	app.Routes()
	h, err := site.New(fsys, basePath)
	if err != nil {
		return nil, err
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}, nil
}
