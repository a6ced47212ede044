package topics

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// OnEnd gets the end offsets Describe listed, while the other requests
// run, and Again lists them afresh: records written in between show, and
// the summaries Describe returns are not touched by it.
func TestDescribeOnEndListsAgain(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "a", "b"))
	cl := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	for i := range 6 {
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "a", Partition: int32(i % 3), Value: []byte("v")})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var first, again map[string]map[int32]int64
	var againErr error
	o := Options{Offsets: true, Sizes: true, Client: cl, OnEnd: func(ctx context.Context, e EndListing) {
		first = e.End
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "b", Partition: 2, Value: []byte("later")})
		again, againErr = e.Again(ctx)
	}}
	sums, _, err := Describe(ctx, kadm.NewClient(cl), o)
	if err != nil || againErr != nil {
		t.Fatal(err, againErr)
	}
	if first == nil || first["a"][0] != 2 || first["a"][2] != 2 || first["b"][2] != 0 || len(first["b"]) != 3 {
		t.Fatalf("first listing = %v; want a at 2 on each partition, b at 0", first)
	}
	if again["b"][2] != 1 || again["a"][1] != 2 || len(again["a"])+len(again["b"]) != 6 {
		t.Errorf("second listing = %v; want b/2 at 1 and the rest as before", again)
	}
	if sums[1].Name != "b" || sums[1].Partitions[2].End != 0 {
		t.Errorf("summary of b = %+v; want the first listing's end offsets", sums[1])
	}
}
