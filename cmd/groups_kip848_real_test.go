package cmd

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// consumeUntil polls cl until it has consumed n records and committed them.
func consumeUntil(t *testing.T, cl *kgo.Client, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	for got := 0; got < n; {
		fs := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			t.Fatalf("consumed %d of %d records: %v", got, n, ctx.Err())
		}
		got += fs.NumRecords()
	}
	if err := cl.CommitUncommittedOffsets(ctx); err != nil {
		t.Fatal(err)
	}
}

// A franz-go consumer in a KIP-848 group (Kafka 4): consumer-groups lists
// it as type consumer with its member, consumer-groups GROUP shows its
// member's assignment and its lag, and reset refuses while it is a member.
// A classic group beside it keeps working.
func TestRealKIP848Group(t *testing.T) {
	c := kafkatest.Real(t)
	if strings.HasPrefix(c.Version(), "3.") {
		t.Skip("KIP-848 consumer groups need Kafka 4")
	}
	topic := c.Topic(t, 1, 3, nil) // one partition, so that both groups commit on every one
	produceReal(t, c, topic, 20)
	group := topic + "-848"
	cl := c.Client(t, kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic), kgo.ServerSideBalancer(),
		kgo.Balancers(kgo.RangeBalancer()), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.DisableAutoCommit())
	consumeUntil(t, cl, 20)
	classic := topic + "-classic"
	ccl := c.Client(t, kgo.ConsumerGroup(classic), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.DisableAutoCommit())
	consumeUntil(t, ccl, 20)
	produceReal(t, c, topic, 6) // lag 6 for both: neither polls again

	r := runReal(t, c, "consumer-groups", "--json")
	wantCode(t, r, 0)
	types := map[string]groupView{}
	for _, g := range decodeJSON[[]groupView](t, r.Stdout) {
		types[g.Group] = g
	}
	if g := types[group]; g.Type != "consumer" || g.Members != 1 || g.Lag != 6 {
		t.Errorf("KIP-848 group in the list: %+v", g)
	}
	if g := types[classic]; g.Type != "classic" || g.Members != 1 || g.Lag != 6 {
		t.Errorf("classic group in the list: %+v", g)
	}

	for _, g := range []string{group, classic} {
		r = runReal(t, c, "consumer-groups", g, "--json", "--sample-interval", "200ms")
		wantCode(t, r, 0)
		v := decodeJSON[groupDetailView](t, r.Stdout)
		if v.Members != 1 || len(v.Assignments) != 1 || len(v.Assignments[0].Partitions[topic]) != 1 || v.Lag != 6 {
			t.Errorf("consumer-groups %s: %s", g, r.Stdout)
		}
		r = runReal(t, c, "consumer-groups", g)
		wantCode(t, r, 0)
		if !strings.Contains(r.Stdout, topic) {
			t.Errorf("consumer-groups %s text:\n%s", g, r.Stdout)
		}

		r = runReal(t, c, "consumer-groups", "reset", g, "--topic", topic, "--to", "earliest", "--execute")
		wantCode(t, r, 1)
		wantOneLineError(t, r, "active member")
	}
	if v := decodeJSON[groupDetailView](t, runReal(t, c, "consumer-groups", group, "--json", "--sample-interval", "200ms").Stdout); v.Type != "consumer" {
		t.Errorf("type %q, want consumer", v.Type)
	}
}
