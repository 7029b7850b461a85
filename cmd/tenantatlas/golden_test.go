package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// golden compares got with testdata/golden/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run: go test ./cmd/tenantatlas -run Golden -update")
	assert.Equal(t, string(want), got)
}

// TestGoldenResolve: resolve and resolve --explain of every shipped snapshot.
func TestGoldenResolve(t *testing.T) {
	files, err := filepath.Glob(fixture("scenarios", "*.json"))
	require.NoError(t, err)
	files = append(files, fixture("demo.json"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			_, out, _ := runCLI(t, "", "resolve", f)
			golden(t, name+".json", out)
			_, out, _ = runCLI(t, "", "resolve", "--explain", f)
			golden(t, name+".explain.json", out)
			assert.Contains(t, out, `"why"`)
		})
	}
}

func TestGoldenResolveTable(t *testing.T) {
	_, out, _ := runCLI(t, "", "resolve", "--format", "table", fixture("demo.json"))
	golden(t, "demo.table.txt", out)
}

func TestGoldenResolveRejected(t *testing.T) {
	code, out, _ := runCLI(t, "", "resolve", fixture("invalid", "trailing-data.json"))
	assert.Equal(t, exitRejected, code)
	golden(t, "rejected.json", out)
	assert.NotContains(t, out, `"why"`)
}

func TestResolveOneTenant(t *testing.T) {
	_, all, _ := runCLI(t, "", "resolve", fixture("demo.json"))
	code, one, _ := runCLI(t, "", "resolve", fixture("demo.json"), "--tenant", "5")
	assert.Equal(t, exitRecords, code, "the snapshot's errors still count")
	assert.Contains(t, one, `"tenant_id": 5,`)
	assert.NotContains(t, one, `"tenant_id": 1,`)
	assert.Less(t, len(one), len(all))
}

// TestGoldenChange: diff and history of the series in testdata/series.
func TestGoldenChange(t *testing.T) {
	for _, pair := range [][2]string{{"07", "08"}, {"08", "09"}, {"07", "09"}, {"09", "07"}} {
		name := "diff-" + pair[0] + "-" + pair[1]
		t.Run(name, func(t *testing.T) {
			_, out, _ := runCLI(t, "", "diff", series(pair[0]), series(pair[1]))
			golden(t, filepath.Join("series", name+".json"), out)
			_, out, _ = runCLI(t, "", "diff", "--format", "table", "--all", series(pair[0]), series(pair[1]))
			golden(t, filepath.Join("series", name+".table.txt"), out)
		})
	}
	for _, format := range []string{"json", "table", "csv"} {
		_, out, _ := runCLI(t, "", "history", "--format", format, series("07"), series("08"), series("09"))
		golden(t, filepath.Join("series", "history."+strings.Replace(format, "table", "table.txt", 1)), out)
	}
}

// TestGoldenDemoSeries: diff of each pair of consecutive days of the
// shipped series, and its history.
func TestGoldenDemoSeries(t *testing.T) {
	days, err := filepath.Glob(fixture("series", "demo", "*.json"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(days), 7)
	stem := func(f string) string { return strings.TrimSuffix(filepath.Base(f), ".json") }
	for i := 1; i < len(days); i++ {
		name := "diff-" + stem(days[i-1]) + "-" + stem(days[i])
		t.Run(name, func(t *testing.T) {
			code, out, _ := runCLI(t, "", "diff", days[i-1], days[i])
			assert.Equal(t, exitRecords, code, "every day of the demo changes something")
			golden(t, filepath.Join("series-demo", name+".json"), out)
			_, out, _ = runCLI(t, "", "diff", "--format", "table", days[i-1], days[i])
			golden(t, filepath.Join("series-demo", name+".table.txt"), out)
		})
	}
	for _, format := range []string{"json", "table", "csv"} {
		code, out, _ := runCLI(t, "", append([]string{"history", "--format", format}, days...)...)
		assert.Equal(t, exitOK, code)
		golden(t, filepath.Join("series-demo", "history."+strings.Replace(format, "table", "table.txt", 1)), out)
	}
}
