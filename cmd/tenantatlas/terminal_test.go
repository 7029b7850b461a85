package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenantatlas/tenantatlas/internal/termtext"
)

// controls are what a hostile snapshot hides in its text: screen and title
// escapes, line breaks that would forge a line, bidi overrides, C1 controls.
var controls = []string{
	"\x1b[2J", "\x1b]0;owned\x07", "\n", "\r", "\t", "\x00", "\x7f", "\x07", "\b",
	"\u0085", "\u009b31m", "\u202e", "\u2066", "\u2028", "\u2029",
	"\ndemo.json: tenants[0].name: forged line",
}

// mutate returns a copy of a decoded JSON document with control characters
// put into strings (inValues) and member names (inNames), each with
// probability p.
func mutate(v any, rng *rand.Rand, p float64, inValues, inNames bool) any {
	hide := func(s string) string {
		c := controls[rng.IntN(len(controls))]
		at := rng.IntN(len(s) + 1)
		return s[:at] + c + s[at:]
	}
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			if inNames && rng.Float64() < p {
				k = hide(k)
			}
			out[k] = mutate(e, rng, p, inValues, inNames)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = mutate(e, rng, p, inValues, inNames)
		}
		return out
	case string:
		if inValues && rng.Float64() < p {
			return hide(v)
		}
		return v
	}
	return v
}

// textOutputs runs every command whose output is text on file and returns
// what each wrote, by command line.
func textOutputs(t *testing.T, file string) map[string]string {
	t.Helper()
	outs := map[string]string{}
	for _, args := range [][]string{
		{"validate", file},
		{"resolve", "--format", "table", file},
		{"resolve", "--format", "table", "--explain", file},
		{"resolve", "--format", "table", "--tenant", "404", file},
	} {
		_, stdout, stderr := runCLI(t, "", args...)
		outs[strings.Join(args, " ")+" (stdout)"] = stdout
		outs[strings.Join(args, " ")+" (stderr)"] = stderr
	}
	return outs
}

// assertSafe checks that no line of any output holds a character a terminal
// would act on, and that every line validate prints is one of its own.
func assertSafe(t *testing.T, file string, outs map[string]string) {
	t.Helper()
	for cmd, out := range outs {
		for _, line := range strings.Split(out, "\n") {
			if !termtext.Safe(line) {
				t.Errorf("%s: a raw control character in %q", cmd, line)
				return
			}
		}
	}
	prefix := termtext.Escape(file) + ": "
	for _, line := range strings.Split(strings.TrimSuffix(outs["validate "+file+" (stdout)"], "\n"), "\n") {
		if line != "" && !strings.HasPrefix(line, prefix) {
			t.Errorf("validate printed a line that is not FILE: PATH: message: %q", line)
		}
	}
}

// Property: for snapshots with control characters in their strings, in
// their member names, or in both, and a file name with them too, no text
// output of the CLI holds a raw control character, and validate prints no
// line that is not its own. Seeded: a failure names its seed.
func TestNoRawControlCharacterInTextOutput(t *testing.T) {
	demo, err := os.ReadFile(fixture("demo.json"))
	require.NoError(t, err)
	var doc any
	require.NoError(t, json.Unmarshal(demo, &doc))
	dir := t.TempDir()

	shapes := []struct {
		name              string
		p                 float64
		inValues, inNames bool
	}{
		{"every string", 1, true, false},
		{"some strings", 0.2, true, false},
		{"every member name", 1, false, true},
		{"some member names", 0.05, false, true},
		{"both", 0.1, true, true},
	}
	for _, sh := range shapes {
		for seed := range uint64(8) {
			rng := rand.New(rand.NewPCG(seed, 15))
			b, err := json.Marshal(mutate(doc, rng, sh.p, sh.inValues, sh.inNames))
			require.NoError(t, err)
			// A file name may hold any byte but NUL and '/'.
			inName := strings.NewReplacer("\x00", "", "/", "").Replace(controls[int(seed)%len(controls)])
			file := filepath.Join(dir, fmt.Sprintf("%s %d%s.json", sh.name, seed, inName))
			require.NoError(t, os.WriteFile(file, b, 0o644))
			t.Run(fmt.Sprintf("%s/seed %d", sh.name, seed), func(t *testing.T) {
				assertSafe(t, file, textOutputs(t, file))
			})
		}
	}
}

// The tenant names of a valid snapshot reach the table escaped, each on
// its own row: the table is readable, and shows the names as they are.
func TestTableEscapesTenantNames(t *testing.T) {
	demo, err := os.ReadFile(fixture("scenarios", "counts-absent.json"))
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(demo, &doc))
	tenants := doc["tenants"].([]any)
	require.NotEmpty(t, tenants)
	tenants[0].(map[string]any)["name"] = "Evil\x1b[2J\nCo\u202e"
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "s.json")
	require.NoError(t, os.WriteFile(file, b, 0o644))

	code, out, _ := runCLI(t, "", "resolve", "--format", "table", file)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, `Evil\x1b[2J\nCo\u202e`)
	assert.Equal(t, 1+len(tenants), strings.Count(out, "\n")-strings.Count(out, "run #"), "a line a tenant and a header")
}

// A member name with a newline cannot forge a validate line, and an ESC in
// one cannot reach the terminal: the probe's two inputs.
func TestValidateEscapesMemberNames(t *testing.T) {
	file := filepath.Join(t.TempDir(), "s.json")
	doc := `{"schema_version":1,"generated_at":"2026-04-09T01:00:00Z","tenants":[{"id":1,"name":"A",` +
		`"x\u001b[2J":1,"y\ns.json: tenants[0]: forged":2}]}`
	require.NoError(t, os.WriteFile(file, []byte(doc), 0o644))
	code, out, _ := runCLI(t, "", "validate", file)
	assert.Equal(t, exitRejected, code)
	assert.Equal(t, 2, strings.Count(out, "\n"), out)
	assert.Contains(t, out, `x\x1b[2J`)
	assert.Contains(t, out, `y\ns.json: tenants[0]: forged`)
	assertSafe(t, file, map[string]string{"validate " + file + " (stdout)": out})
}

// Command-line input echoed in a usage error is escaped too.
func TestUsageErrorsEscapeInput(t *testing.T) {
	for _, args := range [][]string{
		{"\x1b[2Jfrobnicate"},
		{"validate", "-\x1b[2J"},
		{"validate", "--max-bytes", "\x1b[2J", "x.json"},
		{"resolve", "--format", "\x1b[2J", "x.json"},
		{"validate", "no\x1b[2Jfile\n.json"},
		{"build", "--base-path", "/\x1b[2J/"},
	} {
		_, stdout, stderr := runCLI(t, "", args...)
		// Usage text has tabs and newlines of its own; the input has an ESC.
		assert.True(t, termtext.Safe(strings.NewReplacer("\n", "", "\t", "").Replace(stdout+stderr)), "%q: %q", args, stderr)
		assert.NotEmpty(t, stderr, "%q says what is wrong", args)
	}
}

// FuzzTextOutput: whatever text a snapshot carries, as a tenant's name, a
// member name or an enum value, and whatever the file is called, no text
// output holds a raw control character.
func FuzzTextOutput(f *testing.F) {
	for _, c := range controls {
		f.Add(c, "x"+c, "name"+c)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, name, member, value string) {
		doc := map[string]any{
			"schema_version": 1, "generated_at": "2026-04-09T01:00:00Z",
			"tenants":     []any{map[string]any{"id": 1, "name": name}, map[string]any{"id": 2, "name": "B", member: 1}},
			"backup_sets": []any{map[string]any{"id": 1, "tenant_id": 1, "status": value, "completed_at": "2026-04-09T00:00:00Z"}},
		}
		b, err := json.Marshal(doc)
		require.NoError(t, err)
		file := filepath.Join(dir, "f"+strings.ReplaceAll(value, "/", "")+".json")
		if len(filepath.Base(file)) > 200 || strings.ContainsRune(value, 0) {
			file = filepath.Join(dir, "f.json")
		}
		require.NoError(t, os.WriteFile(file, bytes.Clone(b), 0o644))
		assertSafe(t, file, textOutputs(t, file))
	})
}
