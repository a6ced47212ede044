package cmd

import (
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestWaitHealthy(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "orders"))
	r := runOn(t, c, "wait", "--timeout", "10s")
	wantCode(t, r, 0)
	r = runOn(t, c, "wait", "--topic", "orders", "--timeout", "10s")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "3 partitions") {
		t.Errorf("wait output: %q", r.Stdout)
	}
}

func TestWaitMissingTopicTimesOut(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	r := runOn(t, c, "wait", "--topic", "later", "--timeout", "700ms")
	wantCode(t, r, 5)
	wantOneLineError(t, r, `topic "later" does not exist yet`)
}

func TestWaitNeverAnswers(t *testing.T) {
	t.Parallel()
	addr := kafkatest.BlackHole(t)
	start := time.Now()
	r := run(t, runOpts{}, "-b", addr, "wait", "--timeout", "1500ms")
	wantCode(t, r, 5)
	wantOneLineError(t, r, "not ready after 1.5s")
	// Bounded by --timeout plus shutdown; the margin is generous because
	// this checks for a hang, not a speed.
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("wait took %v", d)
	}
}

func TestWaitUnreachableRetriesUntilTimeout(t *testing.T) {
	t.Parallel()
	r := run(t, runOpts{}, "-b", deadAddr(t), "wait", "--timeout", "1s")
	wantCode(t, r, 5)
}

func TestWaitRejectsBadTimeout(t *testing.T) {
	t.Parallel()
	r := run(t, runOpts{}, "-b", deadAddr(t), "wait", "--timeout", "0s")
	wantCode(t, r, 2)
}

func TestWaitForClusterThatStartsLater(t *testing.T) {
	t.Parallel()
	addr := deadAddr(t)
	_, portStr, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(portStr)
	go func() {
		time.Sleep(800 * time.Millisecond)
		c, err := kfake.NewCluster(kfake.Ports(port), kfake.SeedTopics(2, "orders"))
		if err != nil {
			t.Errorf("starting the cluster: %v", err)
			return
		}
		t.Cleanup(c.Close)
	}()
	r := run(t, runOpts{}, "-b", addr, "wait", "--topic", "orders", "--timeout", "20s")
	wantCode(t, r, 0)
}
