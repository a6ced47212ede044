package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// consumeAndCommit joins group, reads exactly n records of topic from the
// start, commits them and returns the still-joined consumer.
func consumeAndCommit(t *testing.T, c *kfake.Cluster, group, topic string, n int, opts ...kgo.Opt) *kgo.Client {
	t.Helper()
	cl := kafkatest.Client(t, c, append([]kgo.Opt{
		kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic), kgo.ClientID("cid-" + group),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.DisableAutoCommit(),
	}, opts...)...)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for got := 0; got < n; {
		fs := cl.PollRecords(ctx, n-got)
		if ctx.Err() != nil {
			t.Fatalf("group %s consumed %d of %d records", group, got, n)
		}
		got += fs.NumRecords()
	}
	if err := cl.CommitUncommittedOffsets(ctx); err != nil {
		t.Fatalf("commit: %v", err)
	}
	return cl
}

func produceN(t *testing.T, c *kfake.Cluster, topic string, n int) {
	t.Helper()
	recs := make([]*kgo.Record, n)
	for i := range recs {
		recs[i] = &kgo.Record{Topic: topic, Value: []byte("v")}
	}
	kafkatest.Produce(t, kafkatest.Client(t, c), recs...)
}

func decodeJSON[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad json %q: %v", s, err)
	}
	return v
}

func TestGroupsListClassicAndKIP848(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "a", "b"))
	produceN(t, c, "a", 30)
	produceN(t, c, "b", 30)
	consumeAndCommit(t, c, "classic", "a", 10)
	consumeAndCommit(t, c, "next", "b", 10, kgo.ServerSideBalancer())

	r := runOn(t, c, "consumer-groups", "--json", "--sample-interval", "200ms")
	wantCode(t, r, 0)
	got := decodeJSON[[]map[string]any](t, r.Stdout)
	if len(got) != 2 {
		t.Fatalf("want 2 groups, got %s", r.Stdout)
	}
	for i, want := range []struct{ group, typ, topic string }{{"classic", "classic", "a"}, {"next", "consumer", "b"}} {
		g := got[i]
		if g["group"] != want.group || g["type"] != want.typ || g["state"] != "Stable" ||
			g["members"] != float64(1) || g["lag"] != float64(20) {
			t.Errorf("group %d = %v, want %s/%s Stable, 1 member, lag 20", i, g, want.group, want.typ)
		}
		if ts, _ := g["topics"].([]any); len(ts) != 1 || ts[0] != want.topic {
			t.Errorf("group %s topics = %v, want [%s]", want.group, g["topics"], want.topic)
		}
		// Each member holds its partitions and commits no more: stalled,
		// as with GROUP, with the age of its oldest unread record.
		if g["status"] != "stalled" || g["lag_seconds"] == nil {
			t.Errorf("group %s status %v lag_seconds %v, want stalled with an age", want.group, g["status"], g["lag_seconds"])
		}
	}

	r = runOn(t, c, "groups", "--sample-interval", "200ms")
	wantCode(t, r, 0)
	for _, s := range []string{"classic", "next", "consumer", "Stable", "20", "Oldest Unread", "Status", "stalled"} {
		if !strings.Contains(r.Stdout, s) {
			t.Errorf("groups text output lacks %q:\n%s", s, r.Stdout)
		}
	}

	// KIP-848 members come from ConsumerGroupDescribe, with topic IDs
	// resolved to names.
	r = runOn(t, c, "consumer-groups", "next", "--json")
	wantCode(t, r, 0)
	d := decodeJSON[groupDetailView](t, r.Stdout)
	if d.Members != 1 || len(d.Assignments) != 1 || d.Assignments[0].ClientID != "cid-next" || len(d.Assignments[0].Partitions["b"]) != 3 {
		t.Fatalf("describe next = %+v", d)
	}
	for _, p := range d.Partitions {
		if p.ClientID != "cid-next" || p.Host == "" {
			t.Errorf("partition %d not mapped to its member: %+v", p.Partition, p)
		}
	}
}

func TestGroupDescribeLagOfSlowGroup(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "orders"))
	produceN(t, c, "orders", 100)
	consumeAndCommit(t, c, "slow", "orders", 40).Close()
	// A producer writing while the command samples: the group, with no
	// members, falls behind.
	ctx, wg := background(t)
	pacedProducer(t, ctx, wg, c, "orders", 50, 0)

	r := runOn(t, c, "consumer-groups", "slow", "--json")
	wantCode(t, r, 0)
	raw := decodeJSON[map[string]json.RawMessage](t, r.Stdout)
	for _, k := range []string{"group", "state", "members", "lag", "consume_rate", "produce_rate", "eta_seconds", "partitions"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("describe --json lacks key %q", k)
		}
	}
	d := decodeJSON[groupDetailView](t, r.Stdout)
	if d.Lag < 60 || d.State != "Empty" || d.Members != 0 || d.ConsumeRate != 0 {
		t.Errorf("describe = lag %d state %s members %d consume %v; want 60 or more, Empty 0 0", d.Lag, d.State, d.Members, d.ConsumeRate)
	}
	if d.ProduceRate <= 0 || d.ETASeconds != nil {
		t.Errorf("produce_rate %v eta %v; want positive and null (never catches up)", d.ProduceRate, d.ETASeconds)
	}
	var committed, lag int64
	for _, p := range d.Partitions {
		// Every partition of a topic committed on is listed; with no commit
		// its lag is unknown, never a guess.
		if p.Committed == nil {
			if p.Lag != nil {
				t.Errorf("partition %+v without a commit has a lag", p)
			}
			continue
		}
		if p.Lag == nil || *p.Lag != p.End-*p.Committed {
			t.Fatalf("partition %+v: lag is not end - committed", p)
		}
		committed += *p.Committed
		lag += *p.Lag
	}
	if committed != 40 || lag != d.Lag {
		t.Errorf("partitions sum committed %d lag %d; want 40 and %d", committed, lag, d.Lag)
	}
	partKeys := decodeJSON[struct {
		Partitions []map[string]any `json:"partitions"`
	}](t, r.Stdout).Partitions[0]
	for _, k := range []string{"topic", "partition", "committed", "end", "lag", "member", "client_id", "host"} {
		if _, ok := partKeys[k]; !ok {
			t.Errorf("partition entry lacks key %q", k)
		}
	}

	r = runOn(t, c, "consumer-groups", "slow")
	wantCode(t, r, 0)
	for _, s := range []string{"=== Consumer Group slow", "Empty", "orders", " messages (oldest unread", "falling behind by"} {
		if !strings.Contains(r.Stdout, s) {
			t.Errorf("describe text lacks %q:\n%s", s, r.Stdout)
		}
	}
}

func TestGroupDescribeMissingExits3(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	produceN(t, c, "t", 1)
	consumeAndCommit(t, c, "payments", "t", 1).Close()
	r := runOn(t, c, "consumer-groups", "payment")
	wantCode(t, r, 3)
	wantOneLineError(t, r, `consumer group "payment" not found (did you mean "payments"?)`)
}

func TestGroupDescribeWatchPiped(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	produceN(t, c, "t", 10)
	consumeAndCommit(t, c, "w", "t", 4).Close()
	// Stopped once two lines are out, not after a fixed time.
	w := startCmd(t, false, "-b", kafkatest.Brokers(c), "consumer-groups", "w", "--watch", "--interval", "300ms", "--json", "--sample-interval", "100ms")
	w.waitLines(t, 2, 60*time.Second)
	r := result{Code: w.stop(t), Stdout: w.out.String(), Stderr: w.err.String()}
	wantCode(t, r, 0)
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(lines) < 2 {
		t.Fatalf("want several JSON lines under --watch, got:\n%s", r.Stdout)
	}
	for _, l := range lines {
		if d := decodeJSON[groupDetailView](t, l); d.Lag != 6 {
			t.Errorf("watch line lag %d, want 6", d.Lag)
		}
	}

	ctx2, cancel2 := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel2()
	r = run(t, runOpts{ctx: ctx2}, "-b", kafkatest.Brokers(c), "consumer-groups", "w", "--watch", "--interval", "300ms", "--sample-interval", "100ms")
	wantCode(t, r, 0)
	if n := strings.Count(r.Stdout, "=== Consumer Group w"); n < 2 || strings.Contains(r.Stdout, "\x1b[") {
		t.Errorf("piped text watch: %d blocks (want ≥2), escape codes present: %v\n%s", n, strings.Contains(r.Stdout, "\x1b["), r.Stdout)
	}
}

func TestGroupsPrefix(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "acme.t", "other.t"))
	produceN(t, c, "acme.t", 5)
	produceN(t, c, "other.t", 5)
	consumeAndCommit(t, c, "acme.g", "acme.t", 2).Close()
	consumeAndCommit(t, c, "other.g", "other.t", 2).Close()
	o := runOpts{env: map[string]string{"KAFKA_URL": kafkatest.Brokers(c), "KAFKA_PREFIX": "acme."}}

	r := run(t, o, "consumer-groups", "--json")
	wantCode(t, r, 0)
	got := decodeJSON[[]groupView](t, r.Stdout)
	if len(got) != 1 || got[0].Group != "g" || len(got[0].Topics) != 1 || got[0].Topics[0] != "t" {
		t.Fatalf("prefixed list = %+v", got)
	}
	r = run(t, o, "consumer-groups", "g", "--json")
	wantCode(t, r, 0)
	if d := decodeJSON[groupDetailView](t, r.Stdout); d.Group != "g" || d.Lag != 3 || d.Partitions[0].Topic != "t" {
		t.Errorf("prefixed describe = %+v", d)
	}
	r = run(t, o, "consumer-groups", "reset", "g", "--topic", "t", "--to", "earliest", "--execute")
	wantCode(t, r, 0)
	if c := committed(t, c, "acme.g", "acme.t"); c[0] != 0 {
		t.Errorf("after prefixed reset committed = %v", c)
	}
}

// committed reads a group's committed offsets on a topic by partition.
func committed(t *testing.T, c *kfake.Cluster, group, topic string) map[int32]int64 {
	t.Helper()
	adm := kadm.NewClient(kafkatest.Client(t, c))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	os, err := adm.FetchOffsets(ctx, group)
	if err != nil {
		t.Fatalf("fetch offsets: %v", err)
	}
	out := map[int32]int64{}
	os.Each(func(o kadm.OffsetResponse) {
		if o.Topic == topic {
			out[o.Partition] = o.At
		}
	})
	return out
}

func TestGroupsListRequestsDoNotGrowWithGroups(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "a", "b", "c"))
	for _, topic := range []string{"a", "b", "c"} {
		produceN(t, c, topic, 12)
	}
	for i := 0; i < 12; i++ {
		consumeAndCommit(t, c, fmt.Sprintf("g%02d", i), []string{"a", "b", "c"}[i%3], 1).Close()
	}
	rc := &requestCounter{n: map[int16]int{}}
	r := run(t, runOpts{clientOpts: []kgo.Opt{kgo.WithHooks(rc)}}, "-b", kafkatest.Brokers(c), "consumer-groups", "--json")
	wantCode(t, r, 0)
	if got := decodeJSON[[]groupView](t, r.Stdout); len(got) != 12 || got[11].Lag != 11 {
		t.Fatalf("list = %s", r.Stdout)
	}
	// 12 groups on 3 brokers: every kind of request is sent at most once
	// per broker, never once per group. ListOffsets is sent three times
	// (start, end, and the end offsets sampled a moment later for the
	// statuses), and metadata and ApiVersions follow the connections (kgo
	// fetches on a connection of its own per broker). kgo's fetch loop
	// sends a broker's next fetch as soon as the last one is polled, before
	// the answered partitions are removed, so one broker can see up to
	// three fetches (CI saw 7 in all): still fewer than the 12 that one
	// fetch per group would send.
	for key, n := range rc.n {
		limit := 3
		switch key {
		case 3: // Metadata
			limit = 6
		case 1, 2, 18: // Fetch, ListOffsets, ApiVersions
			limit = 9
		}
		if n > limit {
			t.Errorf("API key %d sent %d times; want at most %d (counts %v)", key, n, limit, rc)
		}
	}
}

func TestGroupsUnreachableExits5(t *testing.T) {
	t.Parallel()
	addr := deadAddr(t)
	for _, args := range [][]string{
		{"consumer-groups"},
		{"consumer-groups", "g"},
		{"consumer-groups", "reset", "g", "--topic", "t", "--to", "earliest"},
		{"consumer-groups", "destroy", "g", "--confirm", "g"},
	} {
		r := run(t, runOpts{}, append([]string{"-b", addr, "--timeout", "1s"}, args...)...)
		wantCode(t, r, 5)
		wantOneLineError(t, r, addr)
	}
}

func TestGroupDescribeIdleGroupNeverCatchesUp(t *testing.T) {
	t.Parallel()
	c := resetCluster(t) // records stamped long ago: no recent production
	r := runOn(t, c, "consumer-groups", "g")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "Catch-up:  never: the group is not consuming") {
		t.Errorf("idle group's catch-up line:\n%s", r.Stdout)
	}
}
