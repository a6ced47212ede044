package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
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
	for _, args := range [][]string{{"list"}, {"list", "--no-rates"}, {"info", "--sample-interval", "50ms"}} {
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

// TestGroupsListRequestsConstant checks that the group list, with each
// group's status and oldest unread record, costs the same requests with
// 10 groups as with 200, on 63 partitions: batched per broker or
// coordinator, never one per group or partition.
func TestGroupsListRequestsConstant(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "t"), kfake.SeedTopics(60, "wide"))
	prod := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	produceBefore(t, prod, "t", 10)
	produceBefore(t, prod, "wide", 10)
	adm := kadm.NewClient(prod)
	cons := kafkatest.Client(t, c, kgo.ConsumerGroup("active"), kgo.ConsumeTopics("t"), kgo.DisableAutoCommit())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for n := 0; n < 10; {
		n += cons.PollFetches(ctx).NumRecords()
		if ctx.Err() != nil {
			t.Fatal("the active group read nothing")
		}
	}
	if err := cons.CommitUncommittedOffsets(ctx); err != nil {
		t.Fatal(err)
	}
	created := 0
	count := func(groups int) *requestCounter {
		for ; created < groups; created++ {
			// Every group lags, each at its own offset, so each needs
			// its oldest unread record; a group on "wide" has 60
			// partitions.
			topic := "t"
			if created%2 == 1 {
				topic = "wide"
			}
			commitAt(t, adm, fmt.Sprintf("g%03d", created), topic, int64(created%10))
		}
		rc := &requestCounter{n: map[int16]int{}}
		r := run(t, runOpts{clientOpts: []kgo.Opt{kgo.WithHooks(rc)}},
			"-b", kafkatest.Brokers(c), "consumer-groups", "--json", "--sample-interval", "50ms")
		wantCode(t, r, 0)
		var vs []groupView
		if err := json.Unmarshal([]byte(r.Stdout), &vs); err != nil || len(vs) != groups+1 {
			t.Fatalf("want %d groups, got %s (%v)", groups+1, r.Stdout, err)
		}
		for _, v := range vs {
			if v.Group != "active" && (v.Status != "stopped" || v.LagSeconds == nil) {
				t.Errorf("group %+v: want stopped with its oldest unread age", v)
			}
		}
		return rc
	}
	small, large := count(10), count(200)
	t.Logf("10 groups: %s; 200 groups: %s", small, large)
	for k, n := range large.n {
		// Concurrent requests sometimes share one metadata refresh, and
		// kgo's fetch loop may poll once more.
		if n > small.n[k]+3 {
			t.Errorf("%s requests: %d with 10 groups, %d with 200", kmsg.NameForKey(k), small.n[k], n)
		}
	}
	if total(large.n) > 80 {
		t.Errorf("consumer-groups made %d requests", total(large.n))
	}
}
