package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

// wasmSize is a WebAssembly build's size as served.
type wasmSize struct {
	raw, gzip, brotli int
}

// buildWASM builds pkg for the browser with `make wasm` itself, so that
// app.wasm and the hello app are built with the Makefile's flags and only
// those: a copy of the flags here could drift from what is served.
func buildWASM(pkg, out string) error {
	cmd := exec.Command("make", "-s", "wasm", "WASM_PKG="+pkg, "WASM="+out)
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	return cmd.Run()
}

func measureWASM(path string) (wasmSize, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return wasmSize{}, err
	}
	var gz, br bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
	bw.Write(b)
	bw.Close()
	return wasmSize{raw: len(b), gzip: gz.Len(), brotli: br.Len()}, nil
}

// sizes builds app.wasm and go-app's hello app into dir and measures both.
func sizes(dir string) (app, hello wasmSize, err error) {
	appWASM, helloWASM := filepath.Join(dir, "app.wasm"), filepath.Join(dir, "hello.wasm")
	if err := buildWASM("./cmd/webapp", appWASM); err != nil {
		return app, hello, fmt.Errorf("app.wasm: %w", err)
	}
	if err := buildWASM("./bench/hello", helloWASM); err != nil {
		return app, hello, fmt.Errorf("hello.wasm: %w", err)
	}
	if app, err = measureWASM(appWASM); err != nil {
		return app, hello, err
	}
	hello, err = measureWASM(helloWASM)
	return app, hello, err
}
