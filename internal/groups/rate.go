package groups

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
)

// Rates are a group's consume rate and the produce rate on the partitions
// it reads, in messages per second.
type Rates struct {
	Consume float64
	Produce float64
}

// ETA is the time for a group to catch up: lag / (consume − produce). ok is
// false when it never will; behind is then how much faster the producers
// are, in messages per second.
func ETA(lag int64, r Rates) (eta time.Duration, ok bool, behind float64) {
	if lag <= 0 {
		return 0, true, 0
	}
	net := r.Consume - r.Produce
	if net <= 0 {
		return 0, false, -net
	}
	return time.Duration(float64(lag) / net * float64(time.Second)), true, 0
}

type tp struct {
	topic     string
	partition int32
}

// Sample is a group's committed and end offsets at one moment; --watch
// keeps the last one so each refresh measures rates over its interval.
type Sample struct {
	At        time.Time
	Committed map[tp]int64
	Ends      map[tp]int64
}

// SampleOf records g's offsets as read at at.
func SampleOf(g *Group, at time.Time) *Sample {
	s := &Sample{At: at, Committed: map[tp]int64{}, Ends: map[tp]int64{}}
	for _, p := range g.Partitions {
		k := tp{p.Topic, p.Partition}
		if p.Committed >= 0 {
			s.Committed[k] = p.Committed
		}
		if p.Err == nil {
			s.Ends[k] = p.End
		}
	}
	return s
}

// produceWindow is how far back the one-shot produce rate looks.
const produceWindow = time.Minute

// consumeWindow is how long the one-shot consume rate waits between two
// reads of the committed offsets.
const consumeWindow = time.Second

// MeasureRates measures g's rates. With a previous sample (under --watch)
// both rates are the offset deltas since it. Without one, the produce rate
// is the records written in the last minute (by timestamp) over the time
// that data covers, and the consume rate is the committed-offset delta
// over a second, read again now; an idle group is not waited for.
// cur is g's own sample, taken when g was read.
func MeasureRates(ctx context.Context, adm *kadm.Client, g *Group, cur, prev *Sample) (Rates, error) {
	if prev != nil {
		dt := cur.At.Sub(prev.At).Seconds()
		if dt <= 0 {
			return Rates{}, nil
		}
		return Rates{
			Consume: float64(delta(prev.Committed, cur.Committed)) / dt,
			Produce: float64(delta(prev.Ends, cur.Ends)) / dt,
		}, nil
	}
	var r Rates
	if len(g.Partitions) == 0 {
		return r, nil
	}
	produce, err := produceRate(ctx, adm, g, cur)
	if err != nil {
		return r, err
	}
	r.Produce = produce
	if !g.Active() {
		return r, nil
	}
	wait := time.Until(cur.At.Add(consumeWindow))
	select {
	case <-ctx.Done():
		return r, ctx.Err()
	case <-time.After(wait):
	}
	fetched, err := adm.FetchOffsets(ctx, g.Name)
	at := time.Now()
	if err != nil {
		return r, err
	}
	now := map[tp]int64{}
	fetched.Each(func(o kadm.OffsetResponse) {
		if o.Err == nil && o.At >= 0 {
			now[tp{o.Topic, o.Partition}] = o.At
		}
	})
	r.Consume = float64(delta(cur.Committed, now)) / at.Sub(cur.At).Seconds()
	return r, nil
}

func produceRate(ctx context.Context, adm *kadm.Client, g *Group, cur *Sample) (float64, error) {
	since := cur.At.Add(-produceWindow)
	listed, err := adm.ListOffsetsAfterMilli(ctx, since.UnixMilli(), g.Topics...)
	if err != nil {
		return 0, err
	}
	var n int64
	oldest := cur.At
	for k, end := range cur.Ends {
		o, ok := listed.Lookup(k.topic, k.partition)
		if !ok || o.Err != nil || o.Offset >= end {
			continue
		}
		n += end - o.Offset
		if ts := time.UnixMilli(o.Timestamp); o.Timestamp > 0 && ts.Before(oldest) {
			oldest = ts
		}
	}
	if n == 0 {
		return 0, nil
	}
	// Divide by the span the data covers, not the window: a topic written
	// only in the last five seconds would otherwise read 12 times too slow.
	span := cur.At.Sub(later(oldest, since))
	span = max(span, time.Second)
	return float64(n) / span.Seconds(), nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// delta sums the positive per-partition increases from a to b; a reset
// that moves offsets back is not negative throughput.
func delta(a, b map[tp]int64) int64 {
	var n int64
	for k, vb := range b {
		if va, ok := a[k]; ok && vb > va {
			n += vb - va
		}
	}
	return n
}
