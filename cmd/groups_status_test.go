package cmd

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Each status and piece of advice below comes from a situation a real
// group gets into, with real clients: nothing is injected.

func hasAdvice(advice []string, frag string) bool {
	for _, a := range advice {
		if strings.Contains(a, frag) {
			return true
		}
	}
	return false
}

// waitGroup describes group until cond holds.
func waitGroup(t *testing.T, c *kfake.Cluster, group string, cond func(groupDetailView) bool, args ...string) groupDetailView {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		r := runOn(t, c, append([]string{"consumer-groups", group, "--json", "--sample-interval", "100ms"}, args...)...)
		if r.Code != 3 { // not there yet
			wantCode(t, r, 0)
			if v := decodeJSON[groupDetailView](t, r.Stdout); cond(v) {
				return v
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("group %s never reached the condition: %s", group, r.Stdout)
		}
	}
}

// Retention deletes records a stopped group never read: lost, with how
// many, and no loss ahead (it has happened).
func TestGroupStatusLostByRetention(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.BrokerConfigs(map[string]string{"log.cleaner.backoff.ms": "50"}))
	adm := kadm.NewClient(kafkatest.Client(t, c))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := adm.CreateTopic(ctx, 1, 1, nil, "audit"); err != nil {
		t.Fatal(err)
	}
	for range 10 {
		producePart(t, c, "audit", 0, 1) // one batch each, so retention can delete some
	}
	consumeAndCommit(t, c, "auditor", "audit", 2).Close()
	// Then the topic is capped at a few batches.
	limit := "300"
	if _, err := adm.AlterTopicConfigs(ctx, []kadm.AlterConfig{{Name: "retention.bytes", Value: &limit}}, "audit"); err != nil {
		t.Fatal(err)
	}

	v := waitGroup(t, c, "auditor", func(v groupDetailView) bool { return v.Partitions[0].LogStart > 2 })
	lost := v.Partitions[0].LogStart - *v.Partitions[0].Committed
	if v.Status != health.Lost || v.Partitions[0].Status != health.Lost {
		t.Errorf("status %s, want lost (%+v)", v.Status, v.Partitions[0])
	}
	if !hasAdvice(v.Advice, "audit 0: "+strconv.FormatInt(lost, 10)+" records were deleted by retention") {
		t.Errorf("advice %q, want %d records lost", v.Advice, lost)
	}
}

// A group whose members leave is stopped, and advice says to start them.
func TestGroupStatusStoppedWhenMembersLeave(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "orders"))
	producePart(t, c, "orders", 0, 30)
	consumeAndCommit(t, c, "shipper", "orders", 10).Close() // leaves the group
	v := waitGroup(t, c, "shipper", func(v groupDetailView) bool { return v.Members == 0 })
	if v.Status != health.Stopped || v.Lag != 20 {
		t.Errorf("status %s lag %d, want stopped with 20", v.Status, v.Lag)
	}
	if !hasAdvice(v.Advice, "no member is consuming and 20 messages wait") || hasAdvice(v.Advice, "members") && len(v.Advice) != 1 {
		t.Errorf("advice %q", v.Advice)
	}
}

// laggingGroup runs a producer at 400 msg/s over the topic's partitions
// and a one-member group reading 100 msg/s, and once the group is well
// behind describes it.
func laggingGroup(t *testing.T, partitions int32) (*kfake.Cluster, groupDetailView, time.Time) {
	t.Helper()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(partitions, "clicks"))
	ctx, wg := background(t)
	pacedProducer(t, ctx, wg, c, "clicks", 400, 0)
	read := pacedConsumer(t, ctx, wg, c, "slow", "clicks", 100)
	// Read on for 2.5 s or so: lag then stands well over one second of
	// production (400 messages), below which a partition is ok. After
	// 100 records it was near 400, and a loaded run called it ok.
	waitCount(t, read, 250, "the consumer read too little")
	r := runOn(t, c, "consumer-groups", "slow", "--json", "--sample-interval", "500ms")
	wantCode(t, r, 0)
	return c, decodeJSON[groupDetailView](t, r.Stdout), time.Now()
}

// A consumer slower than its producer lags: its lag_seconds is the true
// age of the oldest unread record, and with fewer members than
// partitions advice says how many to add.
func TestGroupStatusLaggingAddMembers(t *testing.T) {
	t.Parallel()
	c, v, at := laggingGroup(t, 2)
	if v.Status != health.Lagging || !hasAdvice(v.Advice, "with 1 members on 2 partitions: add up to 1 members") {
		t.Errorf("status %s advice %q, want lagging and add up to 1 member (%+v)", v.Status, v.Advice, v.Partitions)
	}
	// The oldest unread record, read back: its age when the command
	// answered.
	oldest := time.Duration(0)
	for _, p := range v.Partitions {
		if p.Committed == nil || *p.Lag == 0 {
			continue
		}
		cl := kafkatest.Client(t, c, kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{"clicks": {p.Partition: kgo.NewOffset().At(*p.Committed)}}))
		fctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		fs := cl.PollRecords(fctx, 1)
		cancel()
		if fs.NumRecords() == 0 {
			t.Fatalf("could not read partition %d at %d", p.Partition, *p.Committed)
		}
		oldest = max(oldest, at.Sub(fs.Records()[0].Timestamp))
	}
	if v.LagSeconds == nil || math.Abs(*v.LagSeconds-oldest.Seconds()) > max(oldest.Seconds()/10, 1) {
		t.Errorf("lag_seconds = %v, want %.1f within 10%% or 1 s", v.LagSeconds, oldest.Seconds())
	}
}

// A hot key puts all the lag on one partition: advice names it, and does
// not call for more members.
func TestGroupStatusHotPartition(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(4, "events"))
	producePart(t, c, "events", 0, 5)
	producePart(t, c, "events", 1, 5)
	producePart(t, c, "events", 2, 5)
	ctx, wg := background(t)
	prod := kafkatest.Client(t, c)
	wg.Go(func() {
		for ctx.Err() == nil {
			for range 5 {
				prod.Produce(ctx, &kgo.Record{Topic: "events", Key: []byte("the-hot-key"), Value: []byte("v")}, nil)
			}
			time.Sleep(2 * time.Millisecond)
		}
	})
	read := pacedConsumer(t, ctx, wg, c, "readers", "events", 50)
	v := waitGroup(t, c, "readers", func(v groupDetailView) bool {
		// Seconds of production behind, so no longer "ok".
		return read.Load() > 20 && v.Lag > int64(3*v.ProduceRate)+100
	})
	hot := int32(-1)
	for _, p := range v.Partitions {
		if p.Lag != nil && *p.Lag > 100 {
			hot = p.Partition
		}
	}
	if !hasAdvice(v.Advice, "events "+strconv.Itoa(int(hot))+" holds ") || hasAdvice(v.Advice, "add up to") || hasAdvice(v.Advice, "more members") {
		t.Errorf("advice %q, want partition %d as the hot spot and no scaling advice; %s", v.Advice, hot, v.Status)
	}
}

// More members than partitions: the extra ones do no work, and advice
// says so; a caught-up group says nothing else.
func TestGroupStatusIdleMembers(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "jobs"))
	ctx, wg := background(t)
	pacedConsumer(t, ctx, wg, c, "pool", "jobs", 0)
	pacedConsumer(t, ctx, wg, c, "pool", "jobs", 0)
	v := waitGroup(t, c, "pool", func(v groupDetailView) bool { return v.Members == 2 && v.State == "Stable" })
	if len(v.Advice) != 1 || !strings.Contains(v.Advice[0], "1 of 2 members hold no partition and do no work") {
		t.Errorf("advice %q, want only the idle member", v.Advice)
	}
}

// A member per partition, falling behind: more members would sit idle.
func TestGroupStatusLaggingMembersWouldSitIdle(t *testing.T) {
	t.Parallel()
	_, v, _ := laggingGroup(t, 1)
	if v.Status != health.Lagging || !hasAdvice(v.Advice, "with 1 members on 1 partitions: more members will sit idle; add partitions or speed up the handler") || hasAdvice(v.Advice, "add up to") {
		t.Errorf("status %s advice %q, want lagging and more members would sit idle", v.Status, v.Advice)
	}
}

// One member stops (its handler blocked) while keeping its membership,
// and the other consumes on, slower than the producer: advice names the
// stopped member by client id and host, and calls for no more members,
// which would not help.
func TestGroupStatusStalledMember(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "jobs"))
	producePart(t, c, "jobs", 0, 5)
	producePart(t, c, "jobs", 1, 5)
	stuck := consumeAndCommit(t, c, "workers", "jobs", 10, kgo.ClientID("stuck-worker"), kgo.HeartbeatInterval(100*time.Millisecond))
	defer stuck.Close()
	ctx, wg := background(t)
	pacedWriter(ctx, wg, kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.RoundRobinPartitioner())), "jobs", 200, 0)
	// With options, pacedConsumer leaves commits to kgo: every 100 ms.
	read := pacedConsumer(t, ctx, wg, c, "workers", "jobs", 50, kgo.ClientID("moving-worker"), kgo.AutoCommitInterval(100*time.Millisecond))
	v := waitGroup(t, c, "workers", func(v groupDetailView) bool {
		stalled, moving := 0, 0
		for _, p := range v.Partitions {
			switch p.Status {
			case health.Stalled:
				stalled++
			case health.Lagging, health.CatchingUp, health.OK:
				moving++
			}
		}
		return v.Members == 2 && read.Load() > 0 && stalled == 1 && moving == 1
	})
	if !hasAdvice(v.Advice, "member stuck-worker on ") || hasAdvice(v.Advice, "moving-worker") {
		t.Errorf("advice %q, want the stuck member named", v.Advice)
	}
	if hasAdvice(v.Advice, "add up to") || hasAdvice(v.Advice, "more members") {
		t.Errorf("advice %q calls for members, when one member is the cause", v.Advice)
	}
}
