package cmd

import (
	"strings"
	"testing"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Error texts whose figures agree with what happened: a limit is named
// rather than "positive", and a refused connection says refused rather
// than "within 10s" after a few milliseconds.
func TestErrorTextsStateTheRealFigures(t *testing.T) {
	t.Parallel()
	dead := kafkatest.DeadAddr(t)
	r := run(t, runOpts{}, "-b", dead, "create", "t", "--partitions", "99999999999")
	wantCleanError(t, r, 2, "--partitions must be from 1 to 2147483647, got 99999999999")
	r = run(t, runOpts{}, "-b", dead, "partitions", "t", "99999999999")
	wantCleanError(t, r, 2, "from 1 to 2147483647")

	r = run(t, runOpts{}, "-b", dead, "--timeout", "10s", "list")
	wantCleanError(t, r, 5, dead+" refused the connection")
	if strings.Contains(r.Stderr, "within") {
		t.Errorf("a refused connection is reported as a timeout: %q", r.Stderr)
	}
}
