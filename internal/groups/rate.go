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
			end.Set(p.Topic, p.Partition, p.End)
		}
		if p.Committed != nil {
			committed.Set(p.Topic, p.Partition, *p.Committed)
		}
	}
	return throughput.Snapshot{Time: at, End: end, Committed: map[string]throughput.Offsets{g.Name: committed}}
}

// MeasureRates measures g's rates in round r of a throughput.Observer. cur
// is g's own snapshot. A first round samples again after the observer's
// interval; a later one (under --watch) measures from the previous round.
// adm is unused (the round samples through its observer's client) and
// stays for callers.
func MeasureRates(ctx context.Context, _ *kadm.Client, r *throughput.Round, g *Group, cur throughput.Snapshot) (Rates, error) {
	return MeasureWindow(ctx, r, g, cur, nil)
}
