package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// commitAt commits offset on partition 0 of topic for group, as a group
// with no members (a stopped consumer) would have left it.
func commitAt(t *testing.T, adm *kadm.Client, group, topic string, offset int64) {
	t.Helper()
	var os kadm.Offsets
	os.AddOffset(topic, 0, offset, -1)
	resp, err := adm.CommitOffsets(context.Background(), group, os)
	if err == nil {
		err = resp.Error()
	}
	if err != nil {
		t.Fatalf("commit %s: %v", group, err)
	}
}

// produceBefore writes n records to partition 0 of topic before the
// command runs: rates come from offsets over the wall clock, so the
// topic's produce rate reads 0 and a consuming group's time to catch up is
// lag / consume.
func produceBefore(t *testing.T, cl *kgo.Client, topic string, n int) {
	t.Helper()
	for range n {
		cl.Produce(context.Background(), &kgo.Record{Topic: topic, Partition: 0, Value: []byte("0123456789")}, nil)
	}
	if err := cl.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestTopicShowsGroupsLagAndCatchUp(t *testing.T) {
	t.Parallel()
	const records = 20000
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "orders", "other"))
	prod := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	produceBefore(t, prod, "orders", records)
	adm := kadm.NewClient(prod)
	commitAt(t, adm, "done", "orders", records)
	commitAt(t, adm, "stuck", "orders", records-5000)
	commitAt(t, adm, "elsewhere", "other", 0)

	// "slow" reads about 500 msg/s, committing after every poll.
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer wg.Wait()
	defer stop()
	var consumed atomic.Int64
	cons := kafkatest.Client(t, c, kgo.ConsumerGroup("slow"), kgo.ConsumeTopics("orders"), kgo.DisableAutoCommit())
	wg.Go(func() {
		var start time.Time
		for ctx.Err() == nil {
			if !start.IsZero() {
				due := int64(time.Since(start).Seconds() * 500)
				if n := consumed.Load(); n >= due {
					time.Sleep(5 * time.Millisecond)
					continue
				} else if due-n > 50 {
					// Starved for a while by the package's other tests:
					// take up the pace from here rather than catching up
					// in a burst that the sample window would see as a
					// rate well above 500.
					start = time.Now().Add(-time.Duration(float64(n) / 500 * float64(time.Second)))
				}
			}
			fs := cons.PollRecords(ctx, 10)
			if start.IsZero() && fs.NumRecords() > 0 {
				start = time.Now()
			}
			consumed.Add(int64(fs.NumRecords()))
			_ = cons.CommitUncommittedOffsets(ctx)
		}
	})
	for deadline := time.Now().Add(10 * time.Second); consumed.Load() < 500; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the slow group consumed nothing")
		}
	}

	r := runOn(t, c, "topic", "orders", "--json")
	wantCode(t, r, 0)
	var v topicRatesJSON
	if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil {
		t.Fatalf("topic --json = %s (%v)", r.Stdout, err)
	}
	t.Logf("%+v", v)
	if v.MessagesPerSec != 0 || len(v.ConsumerGroups) != 3 {
		t.Fatalf("want no produce rate and 3 groups (done, slow, stuck): %s", r.Stdout)
	}
	done, slow, stuck := v.ConsumerGroups[0], v.ConsumerGroups[1], v.ConsumerGroups[2]
	if done.Group != "done" || done.Lag != 0 || done.ETASeconds == nil || *done.ETASeconds != 0 {
		t.Errorf("done = %+v, want lag 0 and eta 0", done)
	}
	if stuck.Group != "stuck" || stuck.Lag != 5000 || stuck.ConsumeRate != 0 || stuck.ETASeconds != nil {
		t.Errorf("stuck = %+v, want lag 5000, no consume rate, eta null", stuck)
	}
	if slow.Group != "slow" || slow.Lag <= 0 || slow.Lag >= records || slow.ConsumeRate < 250 || slow.ConsumeRate > 750 {
		t.Fatalf("slow = %+v, want lag under %d and about 500 msg/s", slow, records)
	}
	// Nothing is produced in the window, so lag / consume is the answer.
	if want := float64(slow.Lag) / slow.ConsumeRate; slow.ETASeconds == nil || math.Abs(*slow.ETASeconds-want) > 1+want/50 {
		t.Errorf("slow eta = %v, want %.0f s", slow.ETASeconds, want)
	}
	if bytesOut := slow.ConsumeRate * v.BytesPerRecord(t, r.Stdout); math.Abs(v.BytesOutPerSec-bytesOut) > bytesOut/100+1 {
		t.Errorf("bytes_out_per_sec = %.1f, want %.1f", v.BytesOutPerSec, bytesOut)
	}

	r = runOn(t, c, "topic", "orders", "--sample-interval", "300ms")
	wantCode(t, r, 0)
	wantStdout(t, r, "Producers:          0 messages/second (0 bytes/second) total\n", "Consumers:          ~")
	rows := map[string]string{}
	for _, line := range strings.Split(r.Stdout, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			rows[f[0]] = strings.Join(f, " ")
		}
	}
	for g, want := range map[string]string{"done": "done 0 0 caught up", "stuck": "stuck 5,000 0 never: the group is not consuming"} {
		if rows[g] != want {
			t.Errorf("row %q, want %q\n%s", rows[g], want, r.Stdout)
		}
	}
	if !strings.Contains(rows["slow"], " in ") || strings.Contains(r.Stdout, "elsewhere") {
		t.Errorf("slow should catch up in some time and elsewhere not be listed:\n%s", r.Stdout)
	}

	// Piped, --watch --json prints one document per interval.
	wctx, cancel := context.WithTimeout(context.Background(), 2500*time.Millisecond)
	defer cancel()
	r = run(t, runOpts{ctx: wctx}, "-b", kafkatest.Brokers(c), "topic", "orders", "--watch", "--json", "--interval", "300ms", "--sample-interval", "300ms")
	wantCode(t, r, 0)
	docs := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(docs) < 2 {
		t.Fatalf("watch printed %d lines:\n%s", len(docs), r.Stdout)
	}
	for _, d := range docs {
		var w topicRatesJSON
		if err := json.Unmarshal([]byte(d), &w); err != nil || len(w.ConsumerGroups) != 3 {
			t.Errorf("watch line %q (%v), want 3 groups", d, err)
		}
	}
}

// BytesPerRecord is the topic's average stored record size, from its JSON.
func (topicRatesJSON) BytesPerRecord(t *testing.T, doc string) float64 {
	t.Helper()
	var m struct {
		Messages  int64 `json:"messages"`
		SizeBytes int64 `json:"size_bytes"`
	}
	if err := json.Unmarshal([]byte(doc), &m); err != nil || m.Messages == 0 {
		t.Fatalf("bad topic json %s (%v)", doc, err)
	}
	return float64(m.SizeBytes) / float64(m.Messages)
}

func TestTopicNobodyReadsAnswersWithNoGroups(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "quiet", "busy"))
	prod := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	produceBefore(t, prod, "quiet", 10)
	produceBefore(t, prod, "busy", 10)
	commitAt(t, kadm.NewClient(prod), "reader", "busy", 5)

	r := runOn(t, c, "topic", "quiet", "--json")
	wantCode(t, r, 0)
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.Stdout), &m); err != nil {
		t.Fatal(err)
	}
	if got := string(m["consumer_groups"]); got != "[]" {
		t.Errorf("consumer_groups = %s, want []", got)
	}
	for _, k := range []string{"messages_per_sec", "bytes_in_per_sec", "bytes_out_per_sec"} {
		if got := string(m[k]); got != "0" {
			t.Errorf("%s = %s, want 0", k, got)
		}
	}
	r = runOn(t, c, "topic", "quiet")
	wantCode(t, r, 0)
	wantStdout(t, r, "No consumer group is reading this topic.")
}

// TestTopicRequestsConstantInGroupCount checks that finding the groups
// that read a topic costs the same requests with 10 groups as with 200:
// batched, never one per group.
func TestTopicRequestsConstantInGroupCount(t *testing.T) {
	t.Parallel()
	// One cluster for both counts, so that leader placement, which decides
	// how requests shard per broker, is the same.
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "t", "u"))
	prod := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	produceBefore(t, prod, "t", 10)
	adm := kadm.NewClient(prod)
	// An active reader, so the consume rate is sampled too.
	cons := kafkatest.Client(t, c, kgo.ConsumerGroup("active"), kgo.ConsumeTopics("t"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cons.PollFetches(ctx)
	if err := cons.CommitUncommittedOffsets(ctx); err != nil {
		t.Fatal(err)
	}
	created := 0
	count := func(groups int) *requestCounter {
		for ; created < groups; created++ {
			topic := "t"
			if created%2 == 1 {
				topic = "u" // groups that do not read the topic are not shown
			}
			commitAt(t, adm, fmt.Sprintf("g%03d", created), topic, int64(created%10))
		}
		rc := &requestCounter{n: map[int16]int{}}
		r := run(t, runOpts{clientOpts: []kgo.Opt{kgo.WithHooks(rc)}},
			"-b", kafkatest.Brokers(c), "topic", "t", "--json", "--sample-interval", "50ms")
		wantCode(t, r, 0)
		var v topicRatesJSON
		if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil || len(v.ConsumerGroups) != groups/2+1 {
			t.Fatalf("want %d groups reading t, got %s (%v)", groups/2+1, r.Stdout, err)
		}
		return rc
	}
	small, large := count(10), count(200)
	t.Logf("10 groups: %s; 200 groups: %s", small, large)
	for k, n := range large.n {
		// Concurrent requests sometimes share one metadata refresh.
		if n > small.n[k]+2 {
			t.Errorf("%s requests: %d with 10 groups, %d with 200", kmsg.NameForKey(k), small.n[k], n)
		}
	}
	// Describe, the group listing and two consume samples, over 3 brokers.
	if total(large.n) > 60 {
		t.Errorf("topic made %d requests", total(large.n))
	}
}
