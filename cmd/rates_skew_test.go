package cmd

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// pacedProducer writes about rate records a second to topic until ctx
// ends, each stamped skew away from the wall clock, as a backfill, a
// mirror or a producer with a wrong clock would. It returns how many
// records were acknowledged so far.
func pacedProducer(t *testing.T, ctx context.Context, wg *sync.WaitGroup, c *kfake.Cluster, topic string, rate int, skew time.Duration) *atomic.Int64 {
	t.Helper()
	return pacedWriter(ctx, wg, kafkatest.Client(t, c), topic, rate, skew)
}

// pacedWriter is pacedProducer on any producing client.
func pacedWriter(ctx context.Context, wg *sync.WaitGroup, prod *kgo.Client, topic string, rate int, skew time.Duration) *atomic.Int64 {
	var acked atomic.Int64
	start := time.Now()
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		sent := int64(0)
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			for due := int64(time.Since(start).Seconds() * float64(rate)); sent < due; sent++ {
				prod.Produce(ctx, &kgo.Record{Topic: topic, Value: []byte("v"), Timestamp: time.Now().Add(skew)},
					func(_ *kgo.Record, err error) {
						if err == nil {
							acked.Add(1)
						}
					})
			}
		}
	})
	return &acked
}

// A producer's timestamps do not move the rates: they come from offsets
// against the wall clock, so records dated two hours back or five minutes
// ahead read as what is really written.
func TestRatesIgnoreRecordTimestamps(t *testing.T) {
	t.Parallel()
	const rate = 500
	for _, skew := range []time.Duration{-2 * time.Hour, 5 * time.Minute} {
		t.Run(skew.String(), func(t *testing.T) {
			t.Parallel()
			c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "events"))
			ctx, wg := background(t)
			acked := pacedProducer(t, ctx, wg, c, "events", rate, skew)
			commitPartitions(t, c, "readers", "events", map[int32]int64{0: 0})
			waitCount(t, acked, rate, "the producer wrote nothing")

			// Each figure is compared with what was acknowledged while
			// the command ran; a starved producer fails one attempt, a
			// rate read from timestamps fails all three.
			measure := func(what string, read func() float64) {
				t.Helper()
				var got, want float64
				for range 3 {
					a0, t0 := acked.Load(), time.Now()
					got = read()
					want = float64(acked.Load()-a0) / time.Since(t0).Seconds()
					if got >= want*0.9 && got <= want*1.1 {
						return
					}
				}
				t.Errorf("%s = %.1f msg/s, want %.1f ±10%%", what, got, want)
			}
			measure("info messages_per_sec", func() float64 {
				r := runOn(t, c, "info", "--json", "--sample-interval", "1s")
				wantCode(t, r, 0)
				var m map[string]float64
				decodeNumbers(t, r.Stdout, &m)
				return m["messages_per_sec"]
			})
			measure("topic messages_per_sec", func() float64 {
				r := runOn(t, c, "topic", "events", "--json", "--sample-interval", "1s")
				wantCode(t, r, 0)
				return decodeJSON[topicRatesJSON](t, r.Stdout).MessagesPerSec
			})
			measure("consumer-groups produce_rate", func() float64 {
				r := runOn(t, c, "consumer-groups", "readers", "--json", "--sample-interval", "1s")
				wantCode(t, r, 0)
				return decodeJSON[groupDetailView](t, r.Stdout).ProduceRate
			})
			measure("list messages_per_sec", func() float64 {
				r := runOn(t, c, "list", "--json", "--sample-interval", "1s")
				wantCode(t, r, 0)
				var vs []map[string]any
				if err := json.Unmarshal([]byte(r.Stdout), &vs); err != nil || len(vs) != 1 {
					t.Fatalf("list --json = %s (%v)", r.Stdout, err)
				}
				return vs[0]["messages_per_sec"].(float64)
			})
		})
	}
}
