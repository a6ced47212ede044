package cmd

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// tail bounds its memory with a few fetches in flight at once, fewer than
// the brokers of a larger cluster. A broker holds a fetch for an idle
// partition until its max wait ends, and the brokers left without a
// fetch slot wait behind those: with franz-go's default max wait (5s), a
// record written to a partition on such a broker showed seconds late.
// With 6 leaders, 12 records written one at a time, one to each leader in
// turn, each landed on a broker without a slot half the time, so the old
// behaviour shows here nearly always.
func TestTailFollowShowsRecordsPromptlyOnManyBrokers(t *testing.T) {
	t.Parallel()
	// kfake places leaders at random: 24 partitions on 6 brokers have
	// more than 3 leaders all but always.
	const brokers, parts = 6, 24
	c := kafkatest.NewCluster(t, kfake.NumBrokers(brokers), kfake.SeedTopics(parts, "router"))
	cl := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	onLeader := map[int32]int32{} // a partition of each leader
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	md, err := kadm.NewClient(cl).Metadata(ctx, "router")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range md.Topics["router"].Partitions {
		onLeader[p.Leader] = p.Partition
	}
	if len(onLeader) <= 3 {
		t.Fatalf("%d leaders for %d partitions; the test needs more leaders than tail's fetch slots", len(onLeader), parts)
	}
	var targets []int32
	for _, p := range onLeader {
		targets = append(targets, p)
	}

	r := startCmd(t, false, "-b", kafkatest.Brokers(c), "tail", "router")
	// tail starts at the end: write until a record shows, so that it is
	// following before the timed records.
	deadline := time.Now().Add(10 * time.Second)
	for i := 0; !strings.Contains(r.out.String(), "warm-"); i++ {
		if time.Now().After(deadline) {
			t.Fatalf("no record shown while following:\n%s", r.err.String())
		}
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "router", Partition: int32(i % parts), Value: []byte(fmt.Sprintf("warm-%d", i))})
		time.Sleep(50 * time.Millisecond)
	}
	const within = 3 * time.Second // the max wait (500ms) plus slack for -race on two cores
	for i := range 2 * len(targets) {
		v, p := fmt.Sprintf("late-%d", i), targets[i%len(targets)]
		start := time.Now()
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "router", Partition: p, Value: []byte(v)})
		for !strings.Contains(r.out.String(), " "+v+"\n") {
			if time.Since(start) > within {
				t.Fatalf("record %s in partition %d not shown within %s of being written", v, p, within)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	if code := r.stop(t); code != 0 {
		t.Fatalf("Ctrl-C exit code %d, stderr %q", code, r.err.String())
	}
}
