package tail

import (
	"bytes"
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
	ranges, err := Plan(ctx, kadm.NewClient(cl), map[string][]int32{"t": {0, 1}}, From{Kind: FromBeginning}, 0, ReadUncommitted)
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
	ranges, err := Plan(ctx, adm, map[string][]int32{"t": {0}}, From{Kind: FromBeginning}, 0, ReadUncommitted)
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

// Enough records that polls hold several chunks, so that two goroutines
// format them: the output must be every record once, each partition in
// offset order, each line exactly what the formatter gives for it.
func TestRunParallelFormattingKeepsOrder(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "t"))
	prod := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	const n = 6000
	ts := time.UnixMilli(1763800000000)
	value := func(p, i int) []byte {
		return fmt.Appendf(nil, `{"p":%d,"i":%d,"text":"é \"q\" \\ %s"}`, p, i, strings.Repeat("x", i%50))
	}
	var recs []*kgo.Record
	count := make([]int, 3)
	for i := 0; i < n; i++ {
		p := i % 3
		recs = append(recs, &kgo.Record{Topic: "t", Partition: int32(p), Timestamp: ts.Add(time.Duration(i) * time.Millisecond), Value: value(p, count[p])})
		count[p]++
	}
	kafkatest.Produce(t, prod, recs...)
	want := map[[2]int64]string{}
	next := make([]int64, 3)
	for _, r := range recs {
		p := r.Partition
		line := (&JSON{Names: &Names{}}).Append(nil, &kgo.Record{Topic: "t", Partition: p, Offset: next[p], Timestamp: r.Timestamp, Value: r.Value})
		want[[2]int64{int64(p), next[p]}] = string(line)
		next[p]++
	}

	for _, limit := range []int64{0, 2500} {
		cl := kafkatest.Client(t, c, ConsumerOpts()...)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		ranges, err := Plan(ctx, kadm.NewClient(cl), map[string][]int32{"t": {0, 1, 2}}, From{Kind: FromBeginning}, 0, ReadUncommitted)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		stats, err := Run(ctx, cl, ranges, Options{Out: &out, Format: &JSON{Names: &Names{}}, Count: limit})
		cancel()
		wantN := int64(n)
		if limit > 0 {
			wantN = limit
		}
		if err != nil || stats.Shown != wantN {
			t.Fatalf("Run = %+v, %v", stats, err)
		}
		lines := strings.SplitAfter(out.String(), "\n")
		lines = lines[:len(lines)-1]
		if int64(len(lines)) != wantN {
			t.Fatalf("%d lines, want %d", len(lines), wantN)
		}
		seen := make([]int64, 3)
		for _, l := range lines {
			var got struct {
				Partition int64
				Offset    int64
			}
			if err := json.Unmarshal([]byte(l), &got); err != nil {
				t.Fatalf("line %q: %v", l, err)
			}
			if got.Offset != seen[got.Partition] {
				t.Fatalf("partition %d: offset %d after %d", got.Partition, got.Offset, seen[got.Partition]-1)
			}
			seen[got.Partition]++
			if w := want[[2]int64{got.Partition, got.Offset}]; l != w {
				t.Fatalf("line\n %q\nwant\n %q", l, w)
			}
		}
	}
}
