package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tenantatlas/tenantatlas/snapshot"
)

// checkFile decodes and validates one snapshot file ("-" is standard input).
// An I/O error is returned; everything wrong with the content is a problem.
func checkFile(name string, stdin io.Reader, maxBytes int64) (*snapshot.Checked, error) {
	if name == "-" {
		return snapshot.Check(stdin, snapshot.Limits{MaxBytes: maxBytes}), nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		// Sized by what Check will read, not by the file: of a file over
		// the limit it reads one byte past the limit and stops. Sized by the
		// file, a 1 GiB one mapped 2.4 GB in advance before being refused.
		boundMemory(min(st.Size(), maxBytes+1))
	}
	return snapshot.Check(f, snapshot.Limits{MaxBytes: maxBytes}), nil
}

// exitFor is the exit status a checked snapshot earns (docs/interfaces.md).
func exitFor(c *snapshot.Checked) int {
	switch {
	case c.Rejected():
		return exitRejected
	case len(c.Problems) > 0:
		return exitRecords
	default:
		return exitOK
	}
}

// parseInterspersed parses flags that may come before or after the
// positional arguments (`resolve FILE --tenant 3`), as people type them;
// after "--" nothing is a flag.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "-" || !strings.HasPrefix(args[0], "-") {
			positional = append(positional, args[0])
			args = args[1:]
			continue
		}
		// Parse stops before something that looks like a flag only after
		// "--", which it consumes: from there on every argument is a name,
		// "-name.json" too (Go's flag conventions).
		return append(positional, args...), nil
	}
}

// newFlagSet makes a subcommand's flag set whose -help prints usage and the
// flags to stderr.
//
// The flag package prints its errors with the argument as given (a control
// character included), so it prints nothing itself: flagExit prints the
// error, escaped.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: tenantatlas %s\n\n", usage)
		fs.SetOutput(stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// flagExit prints a flag parsing error and returns the exit status: 0 for
// -help, else 2.
func flagExit(err error, stderr io.Writer) int {
	if err == flag.ErrHelp {
		return exitOK
	}
	writeLine(stderr, "tenantatlas: %v", err)
	return exitRejected
}

// flagSet reports whether the flag was given, so that a value such as
// --tenant 0 is not mistaken for "no flag".
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
