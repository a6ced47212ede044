package topics

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// TestDescribeOffsetsBothWays checks that listing offsets straight to the
// leaders (Options.Client) gives what kadm's calls give, Since included.
func TestDescribeOffsetsBothWays(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "a", "b"))
	cl := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	for i := range 30 {
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "a", Partition: int32(i % 3), Value: []byte("v")})
	}
	// Timestamps are in milliseconds: keep the mark clear of both sides.
	mark := time.Now().Add(2 * time.Millisecond)
	time.Sleep(5 * time.Millisecond)
	kafkatest.Produce(t, cl, &kgo.Record{Topic: "a", Partition: 1, Value: []byte("late")})

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	adm := kadm.NewClient(cl)
	viaKadm, _, err := Describe(ctx, adm, Options{Offsets: true, Since: mark})
	if err != nil {
		t.Fatal(err)
	}
	direct, _, err := Describe(ctx, adm, Options{Offsets: true, Since: mark, Client: cl})
	if err != nil {
		t.Fatal(err)
	}
	if len(direct) != 2 || direct[0].Messages != 31 || viaKadm[0].Messages != 31 {
		t.Fatalf("messages: direct %+v, kadm %+v", direct, viaKadm)
	}
	late := 0
	for i, p := range direct[0].Partitions {
		k := viaKadm[0].Partitions[i]
		if p.Start != k.Start || p.End != k.End {
			t.Errorf("p%d: direct %d-%d, kadm %d-%d", p.Partition, p.Start, p.End, k.Start, k.End)
		}
		if p.Since.Offset >= 0 {
			late++
			if p.Since.Offset != p.End-1 || k.Since.Offset != p.Since.Offset {
				t.Errorf("p%d (end %d) since: direct %+v, kadm %+v", p.Partition, p.End, p.Since, k.Since)
			}
		}
	}
	if late != 1 {
		t.Errorf("%d partitions with a record since the mark, want 1", late)
	}
}

// TestDescribeOfflinePartition checks that a partition without a leader
// does not fail the description of the others.
func TestDescribeOfflinePartition(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "a"))
	cl := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	kafkatest.Produce(t, cl, &kgo.Record{Topic: "a", Partition: 0, Value: []byte("v")})
	c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Metadata}, Topic: "a", Partitions: []int32{2}, Err: kerr.LeaderNotAvailable, Count: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, o := range []Options{{Offsets: true}, {Offsets: true, Client: cl}} {
		sums, _, err := Describe(ctx, kadm.NewClient(cl), o)
		if err != nil {
			t.Fatalf("client %v: %v", o.Client != nil, err)
		}
		if sums[0].Messages != 1 || sums[0].Partitions[2].Err == nil {
			t.Errorf("client %v: %+v", o.Client != nil, sums[0])
		}
	}
}
