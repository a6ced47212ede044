package cmd

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Smaller items of issue 12: help that does not contradict itself, flags
// that are not silently ignored, and file errors that say what is wrong.
func TestNewcomerSmallItems(t *testing.T) {
	t.Parallel()
	r := run(t, runOpts{}, "create", "--help")
	wantCode(t, r, 0)
	if strings.Contains(r.Stdout, "(default -1)") {
		t.Errorf("create --help shows a default that is refused:\n%s", r.Stdout)
	}
	dead := kafkatest.DeadAddr(t)
	for _, args := range [][]string{{"info", "--interval", "5s"}, {"topic", "t", "--interval", "5s"}, {"consumer-groups", "g", "--interval", "5s"}} {
		r = run(t, runOpts{}, append([]string{"-b", dead}, args...)...)
		wantCleanError(t, r, 2, "--interval needs --watch")
	}
	r = run(t, runOpts{}, "--config", t.TempDir(), "list")
	wantCleanError(t, r, 2, "it is a directory, not a file")
}

// A reset plan in which every partition is skipped offers no command to
// apply it.
func TestResetPlanAllSkippedOffersNothing(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "t", "u"))
	commitAt(t, kadm.NewClient(kafkatest.Client(t, c)), "g", "t", 0)
	r := runOn(t, c, "consumer-groups", "reset", "g", "--topic", "u", "--to", "shift:-1")
	wantCode(t, r, 0)
	if strings.Contains(r.Stdout+r.Stderr, "--execute") || !strings.Contains(r.Stdout, "every partition is skipped") {
		t.Errorf("all-skipped plan:\n%s%s", r.Stdout, r.Stderr)
	}
}

// --watch on a terminal redraws in place in one write per frame: cursor
// home, a refresh-time line, the view cut to the window, clear to end;
// never the clear-screen that piles frames into scrollback. Piped text
// blocks are separated by a time line.
func TestWatchFrames(t *testing.T) {
	at := time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC)
	body := "=== header\nline 1\nline 2\nline 3\n"
	got := watchFrame(body, true, 3, 2*time.Second, at)
	want := "\033[HEvery 2s, last refreshed 23:30:00 (Ctrl-C to stop)\033[K\n=== header\033[K\nline 1\033[K\n\033[J"
	if got != want {
		t.Errorf("live frame %q, want %q", got, want)
	}
	if got := watchFrame(body, false, 0, time.Second, at); got != "--- 2026-12-01T23:30:00Z\n"+body {
		t.Errorf("piped frame %q", got)
	}
	if got := watchFrame(`{"a":1}`+"\n", false, 0, time.Second, at); got != `{"time":"2026-12-01T23:30:00Z","a":1}`+"\n" {
		t.Errorf("piped JSON frame %q", got)
	}

	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "t"))
	ctx, cancel := context.WithTimeout(context.Background(), 1200*time.Millisecond)
	defer cancel()
	r := run(t, runOpts{ctx: ctx, tty: true}, "-b", kafkatest.Brokers(c), "info", "--watch", "--interval", "300ms")
	wantCode(t, r, 0)
	if strings.Contains(r.Stdout, "\033[2J") || !strings.Contains(r.Stdout, "\033[H") || !strings.Contains(r.Stdout, "last refreshed") {
		t.Errorf("live watch output %q", r.Stdout)
	}
}
