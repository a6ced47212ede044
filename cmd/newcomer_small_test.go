package cmd

import (
	"strings"
	"testing"

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
