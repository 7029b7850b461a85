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

// buildWASM builds pkg for the browser exactly as `make wasm` builds app.wasm.
func buildWASM(pkg, out string) error {
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
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
