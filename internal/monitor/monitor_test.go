package monitor

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// TestObserveTopicsAndGroups: a group with a commit behind the end and no
// members is stopped, with the age of its oldest unread record; one at the
// end is ok; the user's prefix is kept and stripped.
func TestObserveTopicsAndGroups(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "app.orders", "other"))
	cl := kafkatest.Client(t, c, kgo.DefaultProduceTopic("app.orders"))
	old := time.Now().Add(-time.Minute)
	kafkatest.Produce(t, cl, &kgo.Record{Value: []byte("a"), Timestamp: old}, &kgo.Record{Value: []byte("b")}, &kgo.Record{Value: []byte("c")})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	adm := kadm.NewClient(cl)
	for g, at := range map[string]int64{"app.behind": 0, "app.current": 3, "other-group": 0} {
		os := kadm.Offsets{}
		os.AddOffset("app.orders", 0, at, -1)
		if _, err := adm.CommitOffsets(ctx, g, os); err != nil {
			t.Fatal(err)
		}
	}
	o := &Observer{Client: cl, Admin: adm, ConsumeInterval: 50 * time.Millisecond,
		Keep: func(n string) bool { return strings.HasPrefix(n, "app.") }, Display: func(n string) string { return strings.TrimPrefix(n, "app.") }}
	for round := range 2 {
		s, err := o.Observe(ctx, 5*time.Second)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if len(s.Topics) != 1 || s.Topics[0].Name != "orders" || s.Topics[0].Partitions != 1 {
			t.Fatalf("round %d topics: %+v", round, s.Topics)
		}
		if len(s.Groups) != 2 || s.Groups[0].Name != "behind" || s.Groups[1].Name != "current" {
			t.Fatalf("round %d groups: %+v", round, s.Groups)
		}
		behind, current := s.Groups[0], s.Groups[1]
		if behind.Lag != 3 || behind.Status != health.Stopped || behind.LagSeconds == nil || *behind.LagSeconds < 55 || *behind.LagSeconds > 70 {
			t.Errorf("round %d behind: %+v", round, behind)
		}
		if len(behind.Advice) == 0 {
			t.Errorf("round %d: no advice for a stopped group", round)
		}
		if current.Lag != 0 || current.Status != health.OK || current.LagSeconds != nil {
			t.Errorf("round %d current: %+v", round, current)
		}
	}
}

// TestFirstFrameClaimsNoStall: a member holds a partition behind the end
// and has committed once. The first snapshot has no span to see movement
// by, so it says sampling, not stalled (a consumer between two 5 s commits
// looks the same); once the commit has stayed put for StallSpan, stalled,
// with advice naming the partition.
func TestFirstFrameClaimsNoStall(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "jobs"))
	prod := kafkatest.Client(t, c, kgo.DefaultProduceTopic("jobs"))
	kafkatest.Produce(t, prod, &kgo.Record{Value: []byte("a")}, &kgo.Record{Value: []byte("b")})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cons := kafkatest.Client(t, c, kgo.ConsumerGroup("workers"), kgo.ConsumeTopics("jobs"), kgo.ClientID("worker-7"),
		kgo.DisableAutoCommit(), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.HeartbeatInterval(100*time.Millisecond))
	fs := cons.PollRecords(ctx, 1)
	if fs.NumRecords() != 1 {
		t.Fatalf("polled %d records: %v", fs.NumRecords(), fs.Errors())
	}
	if err := cons.CommitRecords(ctx, fs.Records()...); err != nil {
		t.Fatal(err)
	}
	// The member now stops polling; it stays in the group by heartbeats.
	kafkatest.Produce(t, prod, &kgo.Record{Value: []byte("c")})

	adm := kadm.NewClient(prod)
	o := &Observer{Client: prod, Admin: adm, ConsumeInterval: 50 * time.Millisecond, StallSpan: 300 * time.Millisecond}
	workers := func(s Snapshot) Group {
		for _, g := range s.Groups {
			if g.Name == "workers" {
				return g
			}
		}
		t.Fatalf("no group workers in %+v", s.Groups)
		return Group{}
	}
	s, err := o.Observe(ctx, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	g := workers(s)
	if g.Lag != 2 || len(g.Partitions) != 1 || g.Partitions[0].Client != "worker-7" {
		t.Fatalf("first frame: %+v", g)
	}
	if g.Status != health.Sampling || g.Partitions[0].Status != health.Sampling {
		t.Errorf("first frame status %s (partition %s), want sampling", g.Status, g.Partitions[0].Status)
	}
	for _, a := range g.Advice {
		if strings.Contains(a, "not moving") {
			t.Errorf("first frame advises on a stall it cannot know: %q", a)
		}
	}
	start := time.Now()
	for g.Status != health.Stalled {
		if time.Since(start) > 20*time.Second {
			t.Fatalf("never stalled: %+v", g)
		}
		if s, err = o.Observe(ctx, 5*time.Second); err != nil {
			t.Fatal(err)
		}
		g = workers(s)
	}
	if !strings.Contains(strings.Join(g.Advice, "\n"), "jobs 0 is not moving") {
		t.Errorf("stalled advice: %q", g.Advice)
	}
}
