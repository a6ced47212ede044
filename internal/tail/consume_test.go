package tail

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestRunNoFollowStopsAtEnd(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "t"))
	prod := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	for i := 0; i < 5; i++ {
		kafkatest.Produce(t, prod, &kgo.Record{Topic: "t", Partition: int32(i % 2), Value: []byte("v")})
	}
	cl := kafkatest.Client(t, c, ConsumerOpts()...)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ranges, err := Plan(ctx, kadm.NewClient(cl), map[string][]int32{"t": {0, 1}}, From{Kind: FromBeginning}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	stats, err := Run(ctx, cl, ranges, Options{Out: &out, Format: &Line{Names: &Names{}}})
	if err != nil || stats.Shown != 5 || stats.Interrupted {
		t.Fatalf("Run = %+v, %v; ranges %+v\n%s", stats, err, ranges, out.String())
	}
}

// Records deleted after tail planned its range can never be fetched; the
// run must still end under --no-follow.
func TestRunNoFollowEndsWhenRecordsAreDeleted(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	prod := kafkatest.Client(t, c)
	for i := 0; i < 5; i++ {
		kafkatest.Produce(t, prod, &kgo.Record{Topic: "t", Value: []byte("v")})
	}
	cl := kafkatest.Client(t, c, ConsumerOpts()...)
	adm := kadm.NewClient(cl)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ranges, err := Plan(ctx, adm, map[string][]int32{"t": {0}}, From{Kind: FromBeginning}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var del kadm.Offsets
	del.Add(kadm.Offset{Topic: "t", Partition: 0, At: 5})
	if _, err := adm.DeleteRecords(ctx, del); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	stats, err := Run(ctx, cl, ranges, Options{Out: &out, Format: &Line{Names: &Names{}}})
	if err != nil || stats.Interrupted || stats.Shown != 0 {
		t.Fatalf("Run = %+v, %v\n%s", stats, err, out.String())
	}
}
