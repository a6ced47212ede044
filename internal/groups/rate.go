package groups

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/throughput"
)

// Rates are a group's consume rate and the produce rate on the partitions
// it reads, in messages per second.
type Rates struct {
	Consume float64
	Produce float64
	// Per partition, over the same rounds as the totals.
	ConsumeBy, ProduceBy throughput.Rates
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
			end.Set(p.Topic, p.Partition, p.End)
		}
		if p.Committed != nil {
			committed.Set(p.Topic, p.Partition, *p.Committed)
		}
	}
	return throughput.Snapshot{Time: at, End: end, Committed: map[string]throughput.Offsets{g.Name: committed}}
}

// MeasureRates measures g's rates in round r of a throughput.Observer. cur
// is g's own snapshot. On later rounds (under --watch) both rates are the
// offset deltas since the previous round. On the first, the produce rate
// is the records of the last minute over the time they cover, and the
// consume rate is the committed-offset delta over the observer's sampling
// interval, read now; a group with no members commits nothing, so it is
// not waited for.
func MeasureRates(ctx context.Context, adm *kadm.Client, r *throughput.Round, g *Group, cur throughput.Snapshot) (Rates, error) {
	var w throughput.Window
	if r.First && len(g.Partitions) > 0 {
		var err error
		if w, err = throughput.ProbeWindow(ctx, adm, r.WindowLength(), g.Topics...); err != nil {
			return Rates{}, err
		}
	}
	produced := r.Produce(cur, w)
	rates := Rates{Produce: produced.Total(), ProduceBy: produced}
	var active []string
	if g.Active() && len(g.Partitions) > 0 {
		active = []string{g.Name}
	}
	consumed, err := r.Consume(ctx, &cur, active)
	if err != nil {
		return Rates{}, err
	}
	rates.Consume, rates.ConsumeBy = consumed[g.Name].Total(), consumed[g.Name]
	return rates, nil
}
