package cmd

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// requestCounter counts the requests a client writes, by API key.
type requestCounter struct {
	mu sync.Mutex
	n  map[int16]int
}

func (c *requestCounter) OnBrokerWrite(_ kgo.BrokerMetadata, key int16, _ int, _, _ time.Duration, _ error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[key]++
}

func (c *requestCounter) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var keys []int
	for k := range c.n {
		keys = append(keys, int(k))
	}
	sort.Ints(keys)
	s := ""
	for _, k := range keys {
		s += fmt.Sprintf("%s=%d ", kmsg.NameForKey(int16(k)), c.n[int16(k)])
	}
	return s
}

// countRequests runs a command on a cluster with n topics and returns the
// requests it made, by API key.
func countRequests(t *testing.T, topics int, args ...string) *requestCounter {
	t.Helper()
	names := make([]string, topics)
	for i := range names {
		names[i] = fmt.Sprintf("t%03d", i)
	}
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, names...))
	prod := kafkatest.Client(t, c)
	for _, n := range names {
		prod.Produce(context.Background(), &kgo.Record{Topic: n, Value: []byte("x")}, nil)
	}
	if err := prod.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	// An active group, so info samples committed offsets too.
	cons := kafkatest.Client(t, c, kgo.ConsumerGroup("g"), kgo.ConsumeTopics(names[0]))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cons.PollFetches(ctx)
	if err := cons.CommitUncommittedOffsets(ctx); err != nil {
		t.Fatal(err)
	}

	rc := &requestCounter{n: map[int16]int{}}
	r := run(t, runOpts{clientOpts: []kgo.Opt{kgo.WithHooks(rc)}},
		append([]string{"-b", kafkatest.Brokers(c)}, args...)...)
	wantCode(t, r, 0)
	return rc
}

// TestRequestsConstantInTopicCount checks that list and info cost the same
// requests on 10 topics as on 200: batched per broker, never per topic or
// partition.
func TestRequestsConstantInTopicCount(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"list"}, {"info", "--sample-interval", "50ms"}} {
		small := countRequests(t, 10, args...)
		large := countRequests(t, 200, args...)
		t.Logf("%s: 10 topics: %s; 200 topics: %s", args[0], small, large)
		// Concurrent requests sometimes share one metadata refresh and
		// sometimes do not, so allow a little jitter; per-topic costs
		// would add hundreds.
		for k, n := range large.n {
			if n > small.n[k]+2 {
				t.Errorf("%s: %s requests: %d on 10 topics, %d on 200", args[0], kmsg.NameForKey(k), small.n[k], n)
			}
		}
		if total(large.n) > 40 {
			t.Errorf("%s made %d requests", args[0], total(large.n))
		}
	}
}

func total(m map[int16]int) int {
	s := 0
	for _, n := range m {
		s += n
	}
	return s
}
