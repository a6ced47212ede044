package cmd

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// background is a context and wait group for a test's clients, ended
// and waited for when the test ends.
func background(t *testing.T) (context.Context, *sync.WaitGroup) {
	ctx, stop := context.WithCancel(context.Background())
	wg := &sync.WaitGroup{}
	t.Cleanup(func() { stop(); wg.Wait() })
	return ctx, wg
}

// waitCount waits until n reaches want, failing after 10 s.
func waitCount(t *testing.T, n *atomic.Int64, want int64, what string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); n.Load() < want; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d of %d", what, n.Load(), want)
		}
	}
}

// pacedConsumer reads topic in group at up to rate records a second (0:
// as fast as it can) until ctx ends, committing as opts say (by default
// after every poll). It returns how many records it has read.
func pacedConsumer(t *testing.T, ctx context.Context, wg *sync.WaitGroup, c *kfake.Cluster, group, topic string, rate int, opts ...kgo.Opt) *atomic.Int64 {
	t.Helper()
	var read atomic.Int64
	cl := kafkatest.Client(t, c, append([]kgo.Opt{kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.FetchMaxWait(50 * time.Millisecond)}, opts...)...)
	start := time.Now()
	wg.Go(func() {
		defer cl.Close()
		for ctx.Err() == nil {
			if rate > 0 && read.Load() >= int64(time.Since(start).Seconds()*float64(rate)) {
				time.Sleep(5 * time.Millisecond)
				continue
			}
			fs := cl.PollRecords(ctx, 20)
			if fs.IsClientClosed() {
				return
			}
			read.Add(int64(fs.NumRecords()))
			if len(opts) == 0 {
				_ = cl.CommitUncommittedOffsets(ctx)
			}
		}
	})
	return &read
}

// A consumer at the end of a steadily written topic, committing every
// 400 ms (between the samples' 200 ms steps), is ok and caught up on every
// run: never "falling behind", never stalled.
func TestGroupCaughtUpDoesNotFlip(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "events"))
	ctx, wg := background(t)
	pacedProducer(t, ctx, wg, c, "events", 200, 0)
	read := pacedConsumer(t, ctx, wg, c, "tail", "events", 0, kgo.AutoCommitInterval(400*time.Millisecond))
	waitCount(t, read, 200, "the consumer read nothing")
	for i := range 5 {
		r := runOn(t, c, "consumer-groups", "tail", "--json", "--sample-interval", "200ms")
		wantCode(t, r, 0)
		v := decodeJSON[groupDetailView](t, r.Stdout)
		if v.Status != health.OK || len(v.Advice) != 0 || v.ETASeconds == nil || *v.ETASeconds != 0 {
			t.Errorf("run %d: status %s advice %q eta %v; want ok, none, 0 (lag %d)", i, v.Status, v.Advice, v.ETASeconds, v.Lag)
		}
		r = runOn(t, c, "consumer-groups", "tail", "--sample-interval", "200ms")
		wantCode(t, r, 0)
		if !strings.Contains(r.Stdout, "Catch-up:  caught up") || strings.Contains(r.Stdout, "falling behind") {
			t.Errorf("run %d text:\n%s", i, r.Stdout)
		}
	}
}

// After a burst ends, with nothing produced, a consumer still draining it
// is catching up, never "falling behind": both rates cover the same span.
func TestGroupAfterBurstIsNotFallingBehind(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "burst"))
	producePart(t, c, "burst", 0, 3000)
	ctx, wg := background(t)
	read := pacedConsumer(t, ctx, wg, c, "drain", "burst", 300)
	waitCount(t, read, 300, "the consumer read nothing")
	r := runOn(t, c, "consumer-groups", "drain", "--json", "--sample-interval", "500ms")
	wantCode(t, r, 0)
	v := decodeJSON[groupDetailView](t, r.Stdout)
	if v.ProduceRate != 0 || v.Status != health.CatchingUp || v.ETASeconds == nil || *v.ETASeconds <= 0 {
		t.Errorf("produce %v status %s eta %v; want 0, catching_up, a positive eta", v.ProduceRate, v.Status, v.ETASeconds)
	}
	for _, a := range v.Advice {
		if strings.Contains(a, "falling behind") {
			t.Errorf("advice %q after the burst ended", a)
		}
	}
	r = runOn(t, c, "consumer-groups", "drain", "--sample-interval", "500ms")
	wantCode(t, r, 0)
	if strings.Contains(r.Stdout, "falling behind") || !strings.Contains(r.Stdout, "Catch-up:  in ") {
		t.Errorf("text:\n%s", r.Stdout)
	}
}

// Under --watch, statuses are judged over a sliding window of the last
// rounds, as Burrow judges over its last commits: a caught-up consumer
// that commits every 1.5 s, watched every 300 ms, has rounds in which its
// commit did not move, yet the window holds a commit and it stays ok.
func TestGroupWatchJudgesOverAWindow(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "events"))
	ctx, wg := background(t)
	pacedProducer(t, ctx, wg, c, "events", 200, 0)
	read := pacedConsumer(t, ctx, wg, c, "tail", "events", 0, kgo.AutoCommitInterval(1500*time.Millisecond))
	waitCount(t, read, 400, "the consumer read little")
	wctx, cancel := context.WithTimeout(context.Background(), 6*time.Second)
	defer cancel()
	r := run(t, runOpts{ctx: wctx}, "-b", kafkatest.Brokers(c), "consumer-groups", "tail", "--watch", "--json",
		"--interval", "300ms", "--sample-interval", "300ms")
	wantCode(t, r, 0)
	docs := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(docs) < 8 {
		t.Fatalf("watch printed %d documents", len(docs))
	}
	unmoved := 0
	var prev *int64
	for i, d := range docs {
		v := decodeJSON[groupDetailView](t, d)
		if v.Status != health.OK {
			t.Errorf("document %d: status %s (lag %d), want ok", i, v.Status, v.Lag)
		}
		if c := v.Partitions[0].Committed; prev != nil && c != nil && *c == *prev {
			unmoved++
		}
		prev = v.Partitions[0].Committed
	}
	// The test means something only if some rounds saw no commit.
	if unmoved == 0 {
		t.Errorf("every round saw a commit; the window was not needed")
	}
}
