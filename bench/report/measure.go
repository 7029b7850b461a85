package main

import (
	"fmt"
	"os"
	"os/exec"
	"sort"
	"syscall"
	"time"
)

// command is one program run: its argv, and what it reads on stdin.
type command struct {
	name string
	argv []string
}

// sample is one run's wall time and peak resident memory.
type sample struct {
	wall   time.Duration
	maxRSS int64 // bytes
}

// runOnce runs c with its output sent to /dev/null, as `> /dev/null` does.
// Not io.Discard: exec then copies from a pipe 8 KB at a time, and the
// command waits on that reader, which is not what a user's shell measures.
func runOnce(c command) (sample, error) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return sample{}, err
	}
	defer null.Close()
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	cmd.Stdout, cmd.Stderr = null, os.Stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		// resolve exits 1 when records have errors: still a run that did
		// all its work. Anything else is a failure.
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			return sample{}, fmt.Errorf("%s: %w", c.name, err)
		}
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss * 1024 // Linux reports kilobytes
	}
	return sample{wall: wall, maxRSS: rss}, nil
}

// sideBySide runs the commands in turn, reps times (A B A B ...), after one
// warm-up round, so that the machine's noise falls on each alike; it returns
// each command's samples.
func sideBySide(reps int, cmds ...command) ([][]sample, error) {
	out := make([][]sample, len(cmds))
	for round := -1; round < reps; round++ {
		for i, c := range cmds {
			s, err := runOnce(c)
			if err != nil {
				return nil, err
			}
			if round >= 0 {
				out[i] = append(out[i], s)
			}
		}
	}
	return out, nil
}

func medianWall(ss []sample) time.Duration {
	ds := make([]time.Duration, len(ss))
	for i, s := range ss {
		ds[i] = s.wall
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

func maxRSS(ss []sample) int64 {
	var m int64
	for _, s := range ss {
		m = max(m, s.maxRSS)
	}
	return m
}
