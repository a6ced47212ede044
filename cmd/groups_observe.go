package cmd

import (
	"context"
	"time"

	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/throughput"
)

// stallSamples is how many sampling intervals a one-shot run may sample a
// group for before it calls a held partition whose commit has not moved
// stalled: six, so that a consumer committing every 5 s (the Java client's
// and franz-go's default) is seen to commit.
const stallSamples = 6

// groupObserver observes one group round after round: its rates come from
// obs, and its partitions' samples accumulate in window, so that under
// --watch statuses are judged over the last health.DefaultWindow rounds,
// as Burrow judges over its last commits.
type groupObserver struct {
	cl     *kafka.Client
	obs    *throughput.Observer
	window health.Window
	// lastGen is the generation at the end of the previous round; nil
	// before one, or when unknown.
	lastGen *int32
}

func newGroupObserver(cl *kafka.Client, interval time.Duration) *groupObserver {
	if interval <= 0 {
		interval = throughput.DefaultConsumeInterval
	}
	return &groupObserver{cl: cl, obs: &throughput.Observer{
		Admin: cl.Admin, ConsumeInterval: interval, Extend: (stallSamples - 1) * interval,
	}}
}

// observe describes the group and measures its rates in a round of the
// observer (whose previous round, under --watch, is the base of the
// rates), then judges its health over the window of samples.
func (o *groupObserver) observe(ctx context.Context, name string) (groupDetailView, error) {
	type observed struct {
		g      *groups.Group
		rates  groups.Rates
		oldest map[string]map[int32]time.Time
		at     time.Time
		ret    map[string]groups.Retention
		// the generation when the round's sampling began and ended
		genWas, genNow *int32
	}
	cl := o.cl
	res, err := throughput.Observe(ctx, o.obs, cl.Timeout, func(ctx context.Context, r *throughput.Round) (observed, error) {
		sw := throughput.Start()
		g, err := groups.Describe(ctx, cl.Client, cl.Admin, name)
		if err != nil {
			return observed{}, err
		}
		sw.Stop()
		settled := func(snaps []throughput.Snapshot) bool { return !anyStalled(g, snaps) }
		rates, err := groups.MeasureWindow(ctx, r, g, groups.Snapshot(g, sw.Mid()), settled)
		if err != nil {
			return observed{}, err
		}
		octx, cancel := context.WithTimeout(ctx, cl.Timeout)
		defer cancel()
		oldest := groups.OldestUnread(octx, cl.Client, g)
		ob := observed{g: g, rates: rates, oldest: oldest, at: time.Now(), ret: groups.Retentions(octx, cl.Admin, g), genWas: o.lastGen, genNow: g.Generation}
		if r.First {
			// A first round samples for a while: a rebalance can start
			// and end within it, so ask again.
			ob.genWas, ob.genNow = g.Generation, groups.Generation(octx, cl.Client, cl.Admin, name)
		}
		return ob, nil
	})
	if err != nil {
		return groupDetailView{}, err
	}
	keep := map[health.Key]bool{}
	for k, ss := range healthSamples(res.g, res.rates.Samples) {
		keep[k] = true
		for _, s := range ss {
			o.window.Add(k, s)
		}
	}
	o.window.Retain(func(k health.Key) bool { return keep[k] })
	o.lastGen = res.genNow
	v := newGroupDetailView(cl.Config, res.g, res.rates)
	v.Generation = res.genNow
	applyHealth(&v, res.g, res.rates, &o.window, res.genWas)
	applyLagSeconds(&v, res.g, res.oldest, res.at)
	applyLossETA(&v, res.g, res.rates, res.ret)
	return v, nil
}

// healthSamples turns a group's snapshots into each partition's samples,
// oldest first. A partition missing from a snapshot (its offsets could not
// be read) has no sample there.
func healthSamples(g *groups.Group, snaps []throughput.Snapshot) map[health.Key][]health.Sample {
	out := map[health.Key][]health.Sample{}
	for _, p := range g.Partitions {
		if p.Err != nil {
			continue
		}
		k := health.Key{Topic: p.Topic, Partition: p.Partition}
		for _, s := range snaps {
			end, ok := s.End[p.Topic][p.Partition]
			if !ok {
				continue
			}
			sample := health.Sample{At: s.Time.UnixNano(), Start: p.Start, End: end, Held: p.Member != nil}
			if committed, ok := s.Committed[g.Name][p.Topic][p.Partition]; ok {
				sample.Committed = &committed
			}
			out[k] = append(out[k], sample)
		}
	}
	return out
}

// anyStalled reports whether, on the samples so far, some partition of g
// would be called stalled.
func anyStalled(g *groups.Group, snaps []throughput.Snapshot) bool {
	for _, ss := range healthSamples(g, snaps) {
		if health.Classify(ss, 0) == health.Stalled {
			return true
		}
	}
	return false
}
