package cmd

import (
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// rateCommands are every command that shows rates; each measures them with
// throughput.Observer, which owns the time budget.
var rateCommands = [][]string{
	{"info"},
	{"list"},
	// Not a rate command, but held to the same bound (less the gap).
	{"list", "--no-rates"},
	{"topic", "orders"},
	{"consumer-groups", "live"},
}

// A group with members makes a one-shot consume rate sleep its sampling
// gap (one second by default). --timeout bounds the requests; the gap must
// come on top of it in every command alike, or a healthy cluster exits 5
// (consumer-groups GROUP --timeout 1s did).
func TestRateCommandsFitTimeoutPlusSamplingGap(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "orders"))
	produceN(t, c, "orders", 50)
	cl := consumeAndCommit(t, c, "live", "orders", 50)
	defer cl.Close()
	for _, args := range rateCommands {
		r := runOn(t, c, append([]string{"--timeout", "1s"}, args...)...)
		wantCode(t, r, 0)
	}
}

// Against a broker that accepts and never answers, every rate-showing
// command gives up at the same point: --timeout plus the sampling gap of a
// first measurement. The guard leaves slack for a loaded machine; before
// kafka.Bound a second connection attempt alone took 8 s.
func TestRateCommandsSilentBrokerSameBound(t *testing.T) {
	t.Parallel()
	addr := kafkatest.BlackHole(t)
	for _, args := range rateCommands {
		done := make(chan result, 1)
		go func() { done <- run(t, runOpts{}, append([]string{"-b", addr, "--timeout", "2s"}, args...)...) }()
		select {
		case r := <-done:
			wantCode(t, r, 5)
			wantOneLineError(t, r, addr)
		case <-time.After(6 * time.Second):
			t.Fatalf("%v did not return within 6 s of a 2 s --timeout", args)
		}
	}
}
