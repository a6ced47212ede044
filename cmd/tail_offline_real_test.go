package cmd

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// An RF=1 topic whose partition 0 lives on a stopped node: tail warns once
// and reads the other partitions; --no-follow leaves it out, a following
// tail reads it too once the node is back.
func TestRealTailOffline(t *testing.T) {
	c := kafkatest.Real(t)
	c.WaitHealthy(t)
	topic := c.Topic(t, 3, 1, nil)
	down := leaderOf(t, c, topic, 0)
	const each = 10
	cl := c.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for p := range int32(3) {
		for range each {
			if err := cl.ProduceSync(ctx, &kgo.Record{Topic: topic, Partition: p, Value: []byte("v")}).FirstErr(); err != nil {
				t.Fatal(err)
			}
		}
	}
	c.StopNode(t, down)
	restart := restartOnCleanup(t, c, down)
	adm := kadm.NewClient(c.Client(t))
	live := 0
	waitFor(t, 2*time.Minute, func() bool {
		m, err := adm.Metadata(context.Background(), topic)
		if err != nil || m.Topics[topic].Partitions[0].Leader >= 0 {
			return false
		}
		live = 0
		for _, p := range m.Topics[topic].Partitions {
			if p.Leader >= 0 {
				live++
			}
		}
		return true
	})
	offlineWarnings := func(stderr string) int { return strings.Count(stderr, "offline (no leader)") }

	r := runReal(t, c, "tail", topic, "--no-follow", "--from", "beginning", "--json")
	wantCode(t, r, 0)
	if n := strings.Count(r.Stdout, "\n"); n != each*live || offlineWarnings(r.Stderr) != 1 {
		t.Fatalf("--no-follow: %d records (want %d) and %d offline warnings (want 1):\n%s", n, each*live, offlineWarnings(r.Stderr), r.Stderr)
	}

	lines := &tailLines{}
	tctx, stop := context.WithCancel(context.Background())
	defer stop()
	done := make(chan result, 1)
	go func() {
		done <- runRealIO(t, tctx, c, strings.NewReader(""), lines, "tail", topic, "--json", "--from", "beginning")
	}()
	waitFor(t, 2*time.Minute, func() bool { return lines.count() >= each*live })
	restart()
	waitFor(t, 3*time.Minute, func() bool { return lines.count() >= 3*each })
	stop()
	select {
	case r = <-done:
	case <-time.After(time.Minute):
		t.Fatal("tail did not stop within a minute of Ctrl-C")
	}
	wantCode(t, r, 0)
	t.Logf("tail stderr:\n%s", r.Stderr)
	if offlineWarnings(r.Stderr) != 1 {
		t.Fatalf("%d offline warnings, want 1:\n%s", offlineWarnings(r.Stderr), r.Stderr)
	}
	if !lines.reached(map[int32]int64{0: each, 1: each, 2: each}) || lines.count() != 3*each {
		t.Fatalf("tail showed %d records, want %d, each partition to %d", lines.count(), 3*each, each)
	}
}
