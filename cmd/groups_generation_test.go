package cmd

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// onFirstRequest closes fired when the client first writes a request with
// the key.
type onFirstRequest struct {
	key   int16
	once  sync.Once
	fired chan struct{}
}

func (h *onFirstRequest) OnBrokerWrite(_ kgo.BrokerMetadata, key int16, _ int, _, _ time.Duration, _ error) {
	if key == h.key {
		h.once.Do(func() { close(h.fired) })
	}
}

// A member joining while the command samples rebalances the group: the
// generation goes up and advice says so; with no rebalance, no such
// advice, and a group with no members has no known generation.
func TestGroupGenerationAndRebalanceAdvice(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(4, "jobs"))
	producePart(t, c, "jobs", 0, 10)
	fast := []kgo.Opt{kgo.HeartbeatInterval(100 * time.Millisecond), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart())}
	first := consumeAndCommit(t, c, "workers", "jobs", 10, fast...)
	defer first.Close()
	// A lone member joined with no previous generation to report, so the
	// classic group's generation is not known yet.
	if v := describeGroup(t, c, "workers"); v.Generation != nil {
		t.Errorf("one fresh member: generation %d, want null", *v.Generation)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	poll := func(cl *kgo.Client) {
		wg.Go(func() {
			for ctx.Err() == nil {
				cl.PollFetches(ctx)
			}
		})
	}
	poll(first)
	poll(kafkatest.Client(t, c, append([]kgo.Opt{kgo.ConsumerGroup("workers"), kgo.ConsumeTopics("jobs")}, fast...)...))
	// Once the first member has rejoined, it reports its generation.
	var v groupDetailView
	for v = describeGroup(t, c, "workers"); v.Members != 2 || v.Generation == nil || v.State != "Stable"; v = describeGroup(t, c, "workers") {
		if ctx.Err() != nil {
			t.Fatalf("the second member never settled: %+v", v)
		}
	}
	for _, a := range v.Advice {
		if strings.Contains(a, "rebalanced") {
			t.Errorf("no rebalance, yet advice %q", a)
		}
	}
	before := *v.Generation

	hook := &onFirstRequest{key: int16(kmsg.DescribeGroups), fired: make(chan struct{})}
	wg.Go(func() {
		select {
		case <-hook.fired:
			poll(kafkatest.Client(t, c, append([]kgo.Opt{kgo.ConsumerGroup("workers"), kgo.ConsumeTopics("jobs")}, fast...)...))
		case <-ctx.Done():
		}
	})
	r := run(t, runOpts{clientOpts: []kgo.Opt{kgo.WithHooks(hook)}},
		"-b", kafkatest.Brokers(c), "consumer-groups", "workers", "--json", "--sample-interval", "1500ms")
	wantCode(t, r, 0)
	v = decodeJSON[groupDetailView](t, r.Stdout)
	found := false
	for _, a := range v.Advice {
		found = found || strings.Contains(a, "the group rebalanced while sampled")
	}
	if v.Generation == nil || *v.Generation <= before || !found {
		t.Errorf("generation %v (was %d), advice %q; want a higher generation and rebalance advice", v.Generation, before, v.Advice)
	}

	commitPartitions(t, c, "idle", "jobs", map[int32]int64{0: 10})
	if v := describeGroup(t, c, "idle"); v.Generation != nil {
		t.Errorf("a group with no members: generation %d, want null", *v.Generation)
	}
}
