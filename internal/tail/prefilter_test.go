package tail

import (
	"bytes"
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

// Fetches of thousands of records are filtered on two goroutines: the
// output must be the kept records in offset order, and --count and the
// not-JSON count must be those of filtering one record at a time.
func TestRunParallelFilteringKeepsOrder(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	prod := kafkatest.Client(t, c)
	const n = 6000
	var recs []*kgo.Record
	var kept []int
	for i := 0; i < n; i++ {
		v := fmt.Sprintf(`{"i":%d,"keep":%t}`, i, i%3 == 0)
		if i%7 == 0 {
			v = "not json"
		} else if i%3 == 0 {
			kept = append(kept, i)
		}
		recs = append(recs, &kgo.Record{Topic: "t", Value: []byte(v)})
	}
	kafkatest.Produce(t, prod, recs...)
	offsets, err := ParseFormat(`%o\n`, &Names{})
	if err != nil {
		t.Fatal(err)
	}

	for _, limit := range []int{0, 1000} {
		f, err := NewFilter(nil, "", `.keep == true`)
		if err != nil {
			t.Fatal(err)
		}
		cl := kafkatest.Client(t, c, ConsumerOpts()...)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		ranges, err := Plan(ctx, kadm.NewClient(cl), map[string][]int32{"t": {0}}, From{Kind: FromBeginning}, 0, ReadUncommitted)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		stats, err := Run(ctx, cl, ranges, Options{Out: &out, Format: offsets, Filter: f, Count: int64(limit)})
		cancel()
		want := kept
		if limit > 0 {
			want = kept[:limit]
		}
		last := want[len(want)-1]
		var wantOut strings.Builder
		for _, i := range want {
			fmt.Fprintf(&wantOut, "%d\n", i)
		}
		wantNonJSON := int64(last/7 + 1) // offsets 0, 7, … up to the last shown
		if limit == 0 {
			wantNonJSON = (n + 6) / 7
		}
		if err != nil || stats.Shown != int64(len(want)) || out.String() != wantOut.String() || f.NonJSON != wantNonJSON {
			t.Fatalf("limit %d: Run = %+v, %v; non-JSON %d, want %d; output matches: %v",
				limit, stats, err, f.NonJSON, wantNonJSON, out.String() == wantOut.String())
		}
	}
}
