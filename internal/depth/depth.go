// Package depth says how deep the tests go. `make test` runs the quick
// pass: every claim checked, with fewer generated inputs and fewer cold
// browser starts. `make check` sets TENANTATLAS_CHECK=1 for the full depth
// (1,000 portfolios per property, every page of every scenario loaded cold
// in the browser), which CI runs too.
package depth

import "os"

// Full reports whether the tests run at full depth.
func Full() bool { return os.Getenv("TENANTATLAS_CHECK") == "1" }
