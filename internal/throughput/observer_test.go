package throughput

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// A first call measures between its own two samples, over the wall clock,
// whatever the records' timestamps; a later call measures from the
// previous call's snapshot; a failed call keeps the base.
func TestObserverFirstSamplesTwiceThenDeltas(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	cl := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	adm := kadm.NewClient(cl)
	o := &Observer{Admin: adm, ConsumeInterval: 300 * time.Millisecond, Extend: time.Second}
	if got := o.Budget(time.Second); got != 2300*time.Millisecond {
		t.Fatalf("first budget = %v; want timeout + sampling gap + extension", got)
	}
	end := func() Snapshot {
		l, err := adm.ListEndOffsets(context.Background(), "t")
		if err != nil {
			t.Fatal(err)
		}
		return Snapshot{Time: time.Now(), End: FromListed(l)}
	}
	// Records dated a day back, written during the first call's gap.
	old := time.Now().Add(-24 * time.Hour)
	round := func(write int, fail bool) (Measured, bool) {
		type res struct {
			m     Measured
			first bool
		}
		v, err := Observe(context.Background(), o, 5*time.Second, func(ctx context.Context, r *Round) (res, error) {
			cur := end()
			done := make(chan struct{})
			go func() {
				defer close(done)
				for range write {
					cl.Produce(ctx, &kgo.Record{Topic: "t", Value: []byte("v"), Timestamp: old}, nil)
				}
				_ = cl.Flush(ctx)
			}()
			if !r.First {
				<-done
				cur = end()
			}
			m, err := r.Measure(ctx, cur, nil)
			<-done
			if fail {
				return res{}, errors.New("boom")
			}
			return res{m, r.First}, err
		})
		if fail != (err != nil) {
			t.Fatalf("err = %v", err)
		}
		return v.m, v.first
	}
	m, first := round(30, false)
	if !first || m.Last.End["t"][0] != 30 {
		t.Fatalf("first call: first=%v last end %v; want the second sample after the writes", first, m.Last.End)
	}
	if rate := m.Produce.Topic("t"); rate < 30/0.6 || rate > 30/0.25 {
		t.Errorf("first call rate = %.1f msg/s; want 30 records over about 0.3 s", rate)
	}
	if got := o.Budget(time.Second); got != time.Second {
		t.Errorf("later budget = %v; want the timeout alone", got)
	}
	round(50, true)
	m, first = round(20, false)
	if first || m.Last.End["t"][0] != 100 {
		t.Errorf("later call: first=%v end %v; want the caller's snapshot", first, m.Last.End)
	}
	if m.Produce.Topic("t") <= 0 {
		t.Errorf("later call rate = %v; want the delta from the first call's last sample", m.Produce)
	}
}

// With Overlap, a first round's gap counts from the caller's own sample,
// so requests the caller ran since then cost no extra wait, and ListEnd
// takes the second sample; the rate is over the span between the two.
func TestObserverOverlapCountsGapFromSample(t *testing.T) {
	t.Parallel()
	const gap = 5 * time.Second
	// Observe reaches the cluster first; the samples are the test's own.
	c := kafkatest.NewCluster(t)
	o := &Observer{Admin: kadm.NewClient(kafkatest.Client(t, c)), ConsumeInterval: gap}
	listed := 0
	start := time.Now()
	m, err := Observe(context.Background(), o, time.Second, func(ctx context.Context, r *Round) (Measured, error) {
		r.Overlap = true
		r.ListEnd = func(context.Context) (Offsets, error) {
			listed++
			return Offsets{"t": {0: 60}}, nil
		}
		// The caller's sample was taken a whole gap ago.
		return r.Measure(ctx, Snapshot{Time: start.Add(-gap), End: Offsets{"t": {0: 10}}}, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited > gap/2 {
		t.Errorf("Measure waited %v; want no more wait once the gap since the sample has passed", waited)
	}
	span := m.Last.Time.Sub(start.Add(-gap))
	if listed != 1 || span < gap {
		t.Fatalf("ListEnd called %d times, span %v; want once, over at least the gap", listed, span)
	}
	if want := 50 / span.Seconds(); math.Abs(m.Produce.Topic("t")-want) > 1e-6 {
		t.Errorf("rate = %v; want 50 messages over the span, %v", m.Produce.Topic("t"), want)
	}
}
