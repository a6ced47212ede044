package groups

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/throughput"
)

// Rates are a group's consume rate and the produce rate on the partitions
// it reads, in messages per second, both over the same span.
type Rates struct {
	Consume float64
	Produce float64
	// Per partition, over the same rounds as the totals.
	ConsumeBy, ProduceBy throughput.Rates
	// Samples are the group's offsets across the span, oldest first: on
	// a first round the caller's snapshot and each sample taken since; on
	// a later one the caller's alone (the base is the previous round's).
	// A sample lacking the group's commits (a group with no members is
	// not sampled again) keeps the commits of the one before.
	Samples []throughput.Snapshot
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

// CatchUpKind is how a group stands against its producers.
type CatchUpKind int

const (
	CaughtUp      CatchUpKind = iota // no lag
	Catching                         // consumes faster than produced: ETA says when
	FallingBehind                    // produced faster than consumed, by Behind msg/s
	NotConsuming                     // lag, and the group consumes nothing
	KeepingPace                      // consumes exactly as fast as produced: never catches up
)

// CatchUp is a group's verdict on catching up.
type CatchUp struct {
	Kind   CatchUpKind
	ETA    time.Duration // with Catching
	Behind float64       // with FallingBehind, messages per second
}

// CatchUpOf decides whether and when a group with lag, at rates r,
// catches up.
func CatchUpOf(lag int64, r Rates) CatchUp {
	eta, ok, behind := ETA(lag, r)
	switch {
	case lag <= 0:
		return CatchUp{Kind: CaughtUp}
	case ok:
		return CatchUp{Kind: Catching, ETA: eta}
	case behind > 0:
		return CatchUp{Kind: FallingBehind, Behind: behind}
	case r.Consume == 0:
		return CatchUp{Kind: NotConsuming}
	}
	return CatchUp{Kind: KeepingPace}
}

// Snapshot records g's end and committed offsets as read at at, in the
// throughput engine's form, so that --watch can measure rates between
// successive refreshes.
func Snapshot(g *Group, at time.Time) throughput.Snapshot {
	end, committed := throughput.Offsets{}, throughput.Offsets{}
	for _, p := range g.Partitions {
		if p.Err == nil {
			put(end, p.Topic, p.Partition, p.End)
		}
		if p.Committed >= 0 {
			put(committed, p.Topic, p.Partition, p.Committed)
		}
	}
	return throughput.Snapshot{Time: at, End: end, Committed: map[string]throughput.Offsets{g.Name: committed}}
}

func put(o throughput.Offsets, t string, p int32, v int64) {
	if o[t] == nil {
		o[t] = map[int32]int64{}
	}
	o[t][p] = v
}

// MeasureRates measures g's rates in round r of a throughput.Observer. cur
// is g's own snapshot. A first round samples again after the observer's
// interval; a later one (under --watch) measures from the previous round.
// adm is unused (the round samples through its observer's client) and
// stays for callers.
func MeasureRates(ctx context.Context, _ *kadm.Client, r *throughput.Round, g *Group, cur throughput.Snapshot) (Rates, error) {
	return MeasureWindow(ctx, r, g, cur, nil)
}

// MeasureWindow is MeasureRates that, on a first round, keeps sampling
// while settled (when set) says the samples so far cannot judge the group
// yet and the observer allows it (Round.CanExtend): a consumer that
// commits every few seconds shows no movement over a one-second window.
// g's offsets and lags are updated to the last sample.
func MeasureWindow(ctx context.Context, r *throughput.Round, g *Group, cur throughput.Snapshot, settled func([]throughput.Snapshot) bool) (Rates, error) {
	var active []string
	if g.Active() && len(g.Partitions) > 0 {
		active = []string{g.Name}
	}
	m, err := r.Measure(ctx, cur, active)
	if err != nil {
		return Rates{}, err
	}
	samples := []throughput.Snapshot{cur}
	if r.First {
		samples = append(samples, m.Last)
		for settled != nil && !settled(samples) && r.CanExtend() {
			if m, err = r.Extend(ctx); err != nil {
				return Rates{}, err
			}
			samples = append(samples, m.Last)
		}
	}
	for i := 1; i < len(samples); i++ {
		if _, ok := samples[i].Committed[g.Name]; !ok {
			if samples[i].Committed == nil {
				samples[i].Committed = map[string]throughput.Offsets{}
			}
			samples[i].Committed[g.Name] = samples[i-1].Committed[g.Name]
		}
	}
	g.apply(samples[len(samples)-1])
	produced, consumed := keep(m.Produce, g), keep(m.Consume[g.Name], g)
	return Rates{Produce: produced.Total(), ProduceBy: produced, Consume: consumed.Total(), ConsumeBy: consumed, Samples: samples}, nil
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
			p.Committed = c
		}
		if p.Committed < 0 {
			p.Lag = -1
			g.Unknown++
			continue
		}
		p.Lag = max(p.End-p.Committed, 0)
		g.Lag += p.Lag
	}
}
