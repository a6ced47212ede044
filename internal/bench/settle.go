package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// settle waits, after a suite has loaded its records or topics, until the
// machine is quiet: a real broker goes on replicating, flushing and
// compiling for a while after a load, and a measurement taken then times
// the broker's catch-up as much as the reader (the first real tail runs
// started at load average 3.7). It waits until less than settleBusy of
// the CPUs worked over a settleWindow, for at most settleFor, and says on
// stderr what it found either way: a machine that never quiets is still
// measured, and the report's load averages show it.
func settle(what string) {
	start := time.Now()
	busy := -1.0
	for time.Since(start) < settleFor {
		b, err := cpuBusy(settleWindow)
		if err != nil {
			fmt.Fprintf(os.Stderr, "settle: %v; measuring without waiting\n", err)
			return
		}
		busy = b
		if busy < settleBusy {
			fmt.Fprintf(os.Stderr, "settle: quiet after %s (%s: %.0f%% CPU busy)\n", what, time.Since(start).Round(time.Second), busy*100)
			return
		}
	}
	fmt.Fprintf(os.Stderr, "settle: still %.0f%% CPU busy %s after %s; measuring anyway\n", busy*100, settleFor, what)
}

const (
	settleBusy   = 0.15
	settleWindow = 2 * time.Second
	settleFor    = 3 * time.Minute
)

// cpuBusy is the share of all CPUs' time, from /proc/stat, that was not
// idle or waiting on I/O over d.
func cpuBusy(d time.Duration) (float64, error) {
	idle0, total0, err := cpuTimes()
	if err != nil {
		return 0, err
	}
	time.Sleep(d) // the sampling window itself, not a wait for an event
	idle1, total1, err := cpuTimes()
	if err != nil {
		return 0, err
	}
	if total1 <= total0 {
		return 0, nil
	}
	return 1 - float64(idle1-idle0)/float64(total1-total0), nil
}

// cpuTimes reads the first line of /proc/stat: the idle (idle + iowait)
// and total jiffies of all CPUs.
func cpuTimes() (idle, total uint64, err error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, fmt.Errorf("reading CPU times: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 6 || f[0] != "cpu" {
		return 0, 0, fmt.Errorf("unexpected /proc/stat line %q", line)
	}
	for i, s := range f[1:] {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("unexpected /proc/stat field %q", s)
		}
		total += n
		if i == 3 || i == 4 { // idle, iowait
			idle += n
		}
	}
	return idle, total, nil
}
