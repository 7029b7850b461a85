// Command floor is the reference the CLI is measured against: it decodes a
// snapshot into Go structs with encoding/json and does nothing else. No
// validation, no resolution, no output: the least work that reads the file.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/tenantatlas/tenantatlas/internal/floor"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer f.Close()
	var s floor.Snapshot
	if err := json.NewDecoder(bufio.NewReaderSize(f, 64<<10)).Decode(&s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
