package cmd

import (
	"context"
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
	r := runOn(t, c, "wait", "--topic", "later", "--timeout", "3s")
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

// Ctrl-C (the context main cancels on SIGINT) ends wait with exit 0 and
// nothing on stderr, as it ends tail and --watch.
func TestWaitInterruptExits0(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan result, 1)
	go func() {
		done <- run(t, runOpts{ctx: ctx}, "-b", kafkatest.DeadAddr(t), "--timeout", "60s", "wait")
	}()
	time.AfterFunc(300*time.Millisecond, cancel)
	select {
	case r := <-done:
		wantCode(t, r, 0)
		if r.Stderr != "" {
			t.Errorf("stderr after Ctrl-C: %q", r.Stderr)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("wait did not stop after Ctrl-C")
	}
}

// The spinner line says why wait is still waiting, as the last attempt
// saw it, not only that it waits.
func TestWaitSpinnerShowsLastReason(t *testing.T) {
	t.Parallel()
	dead := kafkatest.DeadAddr(t)
	r := run(t, runOpts{tty: true}, "-b", dead, "--timeout", "1500ms", "--color", "always", "wait")
	wantCode(t, r, 5)
	if !strings.Contains(r.Stderr, "Waiting for the cluster to answer; last attempt: could not reach the cluster at "+dead+": "+dead+" refused the connection") {
		t.Errorf("spinner does not say the connection was refused:\n%q", r.Stderr)
	}
}
