package groups

import (
	"context"
	"time"

	"github.com/kafka-cli/kafka/internal/throughput"
)

// MeasureWindow is MeasureRates that, on a first round, keeps sampling
// while settled (when set) says the samples so far cannot judge the group
// yet and the observer allows it (Round.CanExtend): a consumer that
// commits every few seconds shows no movement over a one-second window.
// g's offsets and lags are updated to the last sample.
func MeasureWindow(ctx context.Context, r *throughput.Round, g *Group, cur throughput.Snapshot, settled func([]throughput.Snapshot) bool) (Rates, error) {
	w, err := MeasureGroups(ctx, r, []*Group{g}, cur, settled)
	if err != nil {
		return Rates{}, err
	}
	produced, consumed := keep(w.Produce, g), keep(w.Consume[g.Name], g)
	return Rates{Produce: produced.Total(), ProduceBy: produced, Consume: consumed.Total(), ConsumeBy: consumed, Samples: w.Samples}, nil
}

// Window is the samples and rates of a round over several groups.
type Window struct {
	// Samples are oldest first; each holds every group's commits (a group
	// not sampled again, having no members, keeps its previous ones).
	Samples []throughput.Snapshot
	Produce throughput.Rates
	Consume map[string]throughput.Rates
}

// MeasureGroups measures gs together in round r, as MeasureWindow does one
// group, in the same requests however many groups there are: cur holds
// their end offsets and commits (SnapshotAll), the active ones are sampled
// again, and settled sees all of them. Each group is updated to the last
// sample.
func MeasureGroups(ctx context.Context, r *throughput.Round, gs []*Group, cur throughput.Snapshot, settled func([]throughput.Snapshot) bool) (Window, error) {
	var active []string
	for _, g := range gs {
		if g.Active() && len(g.Partitions) > 0 {
			active = append(active, g.Name)
		}
	}
	m, err := r.Measure(ctx, cur, active)
	if err != nil {
		return Window{}, err
	}
	samples := []throughput.Snapshot{cur}
	if r.First {
		samples = append(samples, m.Last)
		for settled != nil && !settled(samples) && r.CanExtend() {
			if m, err = r.Extend(ctx); err != nil {
				return Window{}, err
			}
			samples = append(samples, m.Last)
		}
	}
	for i := 1; i < len(samples); i++ {
		committed := map[string]throughput.Offsets{}
		for g, o := range samples[i].Committed {
			committed[g] = o
		}
		for _, g := range gs {
			if _, ok := committed[g.Name]; !ok {
				committed[g.Name] = samples[i-1].Committed[g.Name]
			}
		}
		samples[i].Committed = committed
	}
	for _, g := range gs {
		g.apply(samples[len(samples)-1])
	}
	return Window{Samples: samples, Produce: m.Produce, Consume: m.Consume}, nil
}

// SnapshotAll is Snapshot over several groups: their end offsets and each
// one's commits, read at at.
func SnapshotAll(gs []*Group, at time.Time) throughput.Snapshot {
	all := throughput.Snapshot{Time: at, End: throughput.Offsets{}, Committed: map[string]throughput.Offsets{}}
	for _, g := range gs {
		s := Snapshot(g, at)
		for t, ps := range s.End {
			for p, e := range ps {
				all.End.Set(t, p, e)
			}
		}
		all.Committed[g.Name] = s.Committed[g.Name]
	}
	return all
}

// keep limits rates to g's partitions: the sample lists every partition of
// g's topics, and another group's partitions of a shared topic are not g's.
func keep(r throughput.Rates, g *Group) throughput.Rates {
	out := throughput.Rates{}
	for _, p := range g.Partitions {
		if v, ok := r[p.Topic][p.Partition]; ok {
			if out[p.Topic] == nil {
				out[p.Topic] = map[int32]float64{}
			}
			out[p.Topic][p.Partition] = v
		}
	}
	return out
}

// apply moves g's end offsets, commits and lags to those of s.
func (g *Group) apply(s throughput.Snapshot) {
	committed := s.Committed[g.Name]
	g.Lag, g.Unknown = 0, 0
	for i := range g.Partitions {
		p := &g.Partitions[i]
		if p.Err != nil {
			continue
		}
		if e, ok := s.End[p.Topic][p.Partition]; ok {
			p.End = e
		}
		if c, ok := committed[p.Topic][p.Partition]; ok {
			p.Committed = &c
		}
		if p.Committed == nil {
			p.Lag = nil
			g.Unknown++
			continue
		}
		lag := max(p.End-*p.Committed, 0)
		p.Lag = &lag
		g.Lag += lag
	}
}
