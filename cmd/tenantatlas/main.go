// Command tenantatlas resolves tenant backup and restore snapshots, serves the
// dashboard and builds it as a static site. main only dispatches; each
// subcommand lives in its own file with its usage text.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit statuses shared by validate and resolve (docs/interfaces.md).
const (
	exitOK       = 0
	exitRecords  = 1 // errors in records (orphans, quarantined tenants)
	exitRejected = 2 // a rejected snapshot, or a usage or I/O error
)

// command is one subcommand. run gets the arguments after the command's name
// and returns the exit status.
type command struct {
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

var commands = map[string]command{
	"serve":    {"serve the dashboard, prerendering each page", runServe},
	"build":    {"write the dashboard as a static site", runBuild},
	"validate": {"check snapshots and print every error", runValidate},
	"resolve":  {"print the derived states of a snapshot as JSON", runResolve},
	"gen":      {"print a synthetic valid snapshot", runGen},
	"diff":     {"print what changed between two snapshots", runDiff},
	"history":  {"print since when each tenant's states hold in a series", runHistory},
	"coverage": {"list every state key and where a snapshot reaches it", runCoverage},
	"schema":   {"print the JSON Schema of the snapshot format", runSchema},
}

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func dispatch(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitRejected
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		writeLine(stderr, "tenantatlas: unknown command %q", args[0])
		usage(stderr)
		return exitRejected
	}
	return cmd.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: tenantatlas <command> [flags] [arguments]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-9s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'tenantatlas <command> -help' for a command's flags.")
}
