package cmd

import (
	"context"
	"math"
	"runtime/debug"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// TestTailHeapLimitOnlyAsProcess checks that tail sets its soft heap limit
// only when main says the run is the process itself (AsProcess), and then
// leaves a GOMEMLIMIT given in the environment alone.
func TestTailHeapLimitOnlyAsProcess(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	tail := func(env map[string]string, opts ...Option) {
		t.Helper()
		ios, _, _, errOut := iostreams.Test()
		args := []string{"-b", kafkatest.Brokers(c), "tail", "t", "--no-follow"}
		if code := Execute(context.Background(), BuildInfo{Version: "test"}, args, ios, func(k string) string { return env[k] }, opts...); code != 0 {
			t.Fatalf("tail exited %d: %s", code, errOut)
		}
	}
	debug.SetMemoryLimit(math.MaxInt64)
	tail(nil)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("in a test run, tail set the heap limit to %d", got)
	}
	tail(map[string]string{"GOMEMLIMIT": "1GiB"}, AsProcess())
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set, tail set the heap limit to %d", got)
	}
	tail(nil, AsProcess())
	if got := debug.SetMemoryLimit(-1); got != 48<<20 {
		t.Errorf("as the process, tail set the heap limit to %d, want %d", got, 48<<20)
	}
}

// TestOneShotCollectsLessOnlyAsProcess checks that list raises GOGC's
// percentage only as the process itself, not when GOGC is given, and that
// a long-running command (tail) leaves it alone.
func TestOneShotCollectsLessOnlyAsProcess(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	before, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(before); debug.SetMemoryLimit(limit) }) // tail sets a limit
	run := func(env map[string]string, args []string, opts ...Option) int {
		t.Helper()
		ios, _, _, errOut := iostreams.Test()
		args = append([]string{"-b", kafkatest.Brokers(c)}, args...)
		if code := Execute(context.Background(), BuildInfo{Version: "test"}, args, ios, func(k string) string { return env[k] }, opts...); code != 0 {
			t.Fatalf("%v exited %d: %s", args, code, errOut)
		}
		return debug.SetGCPercent(100)
	}
	list := []string{"list", "--no-rates"}
	if got := run(nil, list); got != 100 {
		t.Errorf("in a test run, list set GOGC to %d", got)
	}
	if got := run(map[string]string{"GOGC": "50"}, list, AsProcess()); got != 100 {
		t.Errorf("with GOGC set, list set GOGC to %d", got)
	}
	if got := run(nil, []string{"tail", "t", "--no-follow"}, AsProcess()); got != 100 {
		t.Errorf("tail set GOGC to %d", got)
	}
	if got := run(nil, list, AsProcess()); got != 400 {
		t.Errorf("as the process, list set GOGC to %d, want 400", got)
	}
}
