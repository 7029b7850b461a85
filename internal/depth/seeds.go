package depth

import (
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// Seeds are the seeds of a property test, 1 to n, so that a failure names
// the seed that reproduces it: quick of them in `make test`, full at full
// depth (`make check`), short with -short (the WebAssembly run under Node).
// TENANTATLAS_PROPERTY_N sets how many whatever the depth (say 20000 for a
// long run).
func Seeds(t testing.TB, quick, full, short int) []uint64 {
	t.Helper()
	n := quick
	switch {
	case Full():
		n = full
	case testing.Short():
		n = short
	}
	if s := os.Getenv("TENANTATLAS_PROPERTY_N"); s != "" {
		v, err := strconv.Atoi(s)
		require.NoError(t, err, "TENANTATLAS_PROPERTY_N")
		n = v
	}
	seeds := make([]uint64, n)
	for i := range seeds {
		seeds[i] = uint64(i + 1)
	}
	return seeds
}
