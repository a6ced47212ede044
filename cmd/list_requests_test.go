package cmd

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// requestLog records the requests a client writes, in order.
type requestLog struct {
	mu   sync.Mutex
	sent []sentRequest
}

type sentRequest struct {
	key  int16
	at   time.Time
	node int32
}

func (l *requestLog) OnBrokerWrite(m kgo.BrokerMetadata, key int16, _ int, _, _ time.Duration, _ error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sent = append(l.sent, sentRequest{key, time.Now(), m.NodeID})
}

func (l *requestLog) count(key int16) int {
	n := 0
	for _, r := range l.sent {
		if r.key == key {
			n++
		}
	}
	return n
}

// listRequests runs list with args on a 3-broker cluster of 12 topics of 3
// partitions, one record in each partition, and returns the requests it
// wrote. Every partition holds a record so that every broker leads one that
// does: with one record a topic, placed at random, the start offsets and
// sizes went to 2 brokers in one cluster and 3 in another.
func listRequests(t *testing.T, args ...string) *requestLog {
	t.Helper()
	names := make([]string, 12)
	for i := range names {
		names[i] = fmt.Sprintf("t%02d", i)
	}
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, names...))
	prod := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	for _, n := range names {
		for p := range int32(3) {
			prod.Produce(context.Background(), &kgo.Record{Topic: n, Partition: p, Value: []byte("x")}, nil)
		}
	}
	if err := prod.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	l := &requestLog{}
	r := run(t, runOpts{clientOpts: []kgo.Opt{kgo.WithHooks(l)}},
		append([]string{"-b", kafkatest.Brokers(c), "list", "--json"}, args...)...)
	wantCode(t, r, 0)
	return l
}

// The rate's sampling gap starts once the end offsets are in, and every
// other request is written inside it: the second end-offset listing (one
// ListOffsets per broker, written last) follows the configs, sizes and
// start offsets, and no metadata is fetched again for it. --no-rates
// sends that first listing and the start offsets only.
func TestListRequestsRunInsideSamplingGap(t *testing.T) {
	t.Parallel()
	const brokers, gap = 3, 3 * time.Second
	var rated, plain *requestLog
	var wg sync.WaitGroup
	wg.Go(func() { rated = listRequests(t, "--sample-interval", gap.String()) })
	wg.Go(func() { plain = listRequests(t, "--no-rates") })
	wg.Wait()
	if t.Failed() {
		return
	}
	lo := int16(kmsg.ListOffsets)
	var offsets []sentRequest
	for _, r := range rated.sent {
		if r.key == lo {
			offsets = append(offsets, r)
		}
	}
	if len(offsets) < 2*brokers {
		t.Fatalf("list wrote %d ListOffsets; want the end offsets, start offsets and a second end listing, per broker", len(offsets))
	}
	second := offsets[len(offsets)-brokers:]
	// The gap runs from the first listing's midpoint; allow for its
	// writes being dated a moment after that.
	if d := second[0].at.Sub(offsets[0].at); d < gap*9/10 {
		t.Errorf("the second end listing was written %v after the first; want about the %v gap", d, gap)
	}
	for _, r := range rated.sent {
		// The access check on the listing (DescribeCluster, see
		// kafka.Client.Listing) follows it by design; the requests that
		// gather the columns are what must overlap the gap.
		switch kmsg.Key(r.key) {
		case kmsg.Metadata, kmsg.DescribeConfigs, kmsg.DescribeLogDirs:
		default:
			continue
		}
		if r.at.Before(second[0].at) {
			continue
		}
		t.Errorf("%s written after the gap, beside the second end listing; want it inside the gap", kmsg.NameForKey(r.key))
	}
	for _, k := range []kmsg.Key{kmsg.Metadata, kmsg.DescribeConfigs, kmsg.DescribeLogDirs} {
		if a, b := rated.count(int16(k)), plain.count(int16(k)); a != b {
			t.Errorf("%s: %d with rates, %d with --no-rates; the rate sample adds only ListOffsets", kmsg.NameForKey(int16(k)), a, b)
		}
	}
	if a, b := rated.count(lo), plain.count(lo); a != b+brokers || b > 2*brokers {
		t.Errorf("ListOffsets: %d with rates, %d with --no-rates; want end and start offsets (at most %d) plus %d for the sample", a, b, 2*brokers, brokers)
	}
}
