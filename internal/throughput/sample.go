package throughput

import (
	"context"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/topics"
)

// Snapshot is the cluster's offsets at one moment.
type Snapshot struct {
	// Time is the midpoint of the requests that took the snapshot.
	Time time.Time
	// End holds end offsets; nil when the sampler skipped them.
	End Offsets
	// Committed holds each group's committed offsets; groups whose fetch
	// failed are absent.
	Committed map[string]Offsets
}

// Sampler takes snapshots of end offsets and committed offsets.
type Sampler struct {
	Admin *kadm.Client
	// Topics whose end offsets are sampled; nil means every non-internal
	// topic. Ignored when NoEnd is set.
	Topics []string
	NoEnd  bool
	// ListEnd, when set, lists the end offsets in place of kadm's
	// ListEndOffsets (Topics is then ignored).
	ListEnd func(context.Context) (Offsets, error)
	// Groups whose committed offsets are sampled; nil means none.
	Groups []string
}

// Sample takes one snapshot: one ListOffsets per broker and one OffsetFetch
// per group coordinator (groups are batched), issued concurrently.
func (s *Sampler) Sample(ctx context.Context) (Snapshot, error) {
	sw := Start()
	var (
		wg        sync.WaitGroup
		end       Offsets
		committed map[string]Offsets
		endErr    error
	)
	if !s.NoEnd {
		wg.Go(func() {
			if s.ListEnd != nil {
				end, endErr = s.ListEnd(ctx)
				return
			}
			var l kadm.ListedOffsets
			l, err := s.Admin.ListEndOffsets(ctx, s.Topics...)
			if err != nil && !topics.Leaderless(err) {
				endErr = err
				return
			}
			end = FromListed(l)
		})
	}
	if len(s.Groups) > 0 {
		wg.Go(func() { committed = fetchCommitted(ctx, s.Admin, s.Groups) })
	}
	wg.Wait()
	if endErr != nil {
		return Snapshot{}, endErr
	}
	if ctx.Err() != nil {
		return Snapshot{}, ctx.Err()
	}
	return Snapshot{Time: sw.Mid(), End: end, Committed: committed}, nil
}

func fetchCommitted(ctx context.Context, adm *kadm.Client, groups []string) map[string]Offsets {
	out := make(map[string]Offsets, len(groups))
	for g, r := range adm.FetchManyOffsets(ctx, groups...) {
		if r.Err != nil {
			continue
		}
		o := make(Offsets)
		r.Fetched.Each(func(or kadm.OffsetResponse) {
			if or.Err == nil && or.At >= 0 {
				o.Set(or.Topic, or.Partition, or.At)
			}
		})
		out[g] = o
	}
	return out
}

// ProduceRates is messages/s per partition between two snapshots' end
// offsets. Partitions missing from either snapshot are left out; an end
// offset that went backwards (a recreated topic) counts 0.
func ProduceRates(prev, cur Snapshot) Rates {
	return deltaRates(prev.End, cur.End, cur.Time.Sub(prev.Time))
}

// ConsumeRates is, per group, messages/s per partition between two
// snapshots' committed offsets. A group consumes at the rate its commits
// advance, so the figure lags the consumer by its commit interval and is
// only as fine as that interval: with commits every 5 s, two samples 1 s
// apart see either nothing or a 5 s jump. A commit that moved backwards
// (an offset reset) counts 0.
func ConsumeRates(prev, cur Snapshot) map[string]Rates {
	dt := cur.Time.Sub(prev.Time)
	out := make(map[string]Rates, len(cur.Committed))
	for g, c := range cur.Committed {
		p, ok := prev.Committed[g]
		if !ok {
			continue
		}
		out[g] = deltaRates(p, c, dt)
	}
	return out
}

func deltaRates(prev, cur Offsets, dt time.Duration) Rates {
	r := make(Rates)
	if dt <= 0 {
		return r
	}
	for t, ps := range cur {
		for p, c := range ps {
			o, ok := prev[t][p]
			if !ok {
				continue
			}
			r.set(t, p, float64(max(c-o, 0))/dt.Seconds())
		}
	}
	return r
}

// GroupTotals sums each group's rates over its partitions.
func GroupTotals(rates map[string]Rates) map[string]float64 {
	m := make(map[string]float64, len(rates))
	for g, r := range rates {
		m[g] = r.Total()
	}
	return m
}

// ConsumeBytes estimates bytes out per second: every group's consume rate
// on each topic × that topic's average record size.
func ConsumeBytes(rates map[string]Rates, sizes map[string]float64) float64 {
	var s float64
	for _, r := range rates {
		s += r.Bytes(sizes)
	}
	return s
}
