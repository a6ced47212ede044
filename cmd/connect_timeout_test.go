package cmd

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// runBounded runs a command that must return on its own; the 10s guard
// only catches a hang, it does not measure speed.
func runBounded(t *testing.T, o runOpts, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	o.ctx = ctx
	done := make(chan result, 1)
	go func() { done <- run(t, o, args...) }()
	select {
	case r := <-done:
		if ctx.Err() != nil {
			t.Fatalf("command returned only when the 10s guard cancelled it: %+v", r)
		}
		return r
	case <-time.After(20 * time.Second):
		t.Fatal("command did not return even after its context was cancelled")
	}
	return result{}
}

func TestDeadBrokersExit5NamingThem(t *testing.T) {
	t.Parallel()
	a, b := deadAddr(t), deadAddr(t)
	r := runBounded(t, runOpts{}, "-b", a+","+b, "--timeout", "1s", "list")
	wantCleanError(t, r, 5, a)
	if !strings.Contains(r.Stderr, b) {
		t.Errorf("stderr does not name every broker tried: %q", r.Stderr)
	}
}

func TestBlackHoleExit5(t *testing.T) {
	t.Parallel()
	addr := kafkatest.BlackHole(t)
	r := runBounded(t, runOpts{}, "-b", addr, "--timeout", "1s", "list")
	wantCleanError(t, r, 5, "the broker at "+addr+" accepted the connection but did not answer within 1s")
}

func TestBlackHoleTLSExit5(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	addr := kafkatest.BlackHole(t)
	env := map[string]string{"KAFKA_URL": "kafka+ssl://" + addr, "KAFKA_TRUSTED_CERT": string(p.CAPEM)}
	r := runBounded(t, runOpts{env: env}, "--timeout", "1s", "list")
	wantCleanError(t, r, 5, "the TLS handshake with "+addr+" did not complete within 1s")
}

func TestBlackHoleSASLExit5(t *testing.T) {
	t.Parallel()
	addr := kafkatest.BlackHole(t)
	r := runBounded(t, runOpts{}, "-b", "kafka+sasl://u:"+saslPass+"@"+addr, "--timeout", "1s", "list")
	wantCleanError(t, r, 5, addr)
	if strings.Contains(r.Stderr, saslPass) {
		t.Errorf("stderr shows the password: %q", r.Stderr)
	}
}

// info and topic make several requests at once; against a broker that
// accepts and never answers they must still return at about --timeout (plus
// the one-second consume-sampling gap), not once per connection attempt.
// The guard leaves 2 s either side: with kafka.Bound, --timeout 4s returns
// in about 5 s; before it, a second connection attempt took 8 s or more.
func TestSilentBrokerBoundsConcurrentCommands(t *testing.T) {
	t.Parallel()
	addr := kafkatest.BlackHole(t)
	for _, args := range [][]string{{"info"}, {"topic", "x"}} {
		done := make(chan result, 1)
		go func() { done <- run(t, runOpts{}, append([]string{"-b", addr, "--timeout", "4s"}, args...)...) }()
		select {
		case r := <-done:
			wantCode(t, r, 5)
			wantOneLineError(t, r, addr)
		case <-time.After(7 * time.Second):
			t.Fatalf("%v did not return within 7 s of a 4 s --timeout", args)
		}
	}
}
