// Package monitor gathers what kafka top shows, one Snapshot per refresh:
// each topic's produce rate, and each consumer group's lag in messages and
// in time, status, consume rate and advice. It builds on the packages that
// already own those figures (throughput's Observer for rates, groups for
// offsets and lag, health for statuses and advice) and adds no request of
// its own kind.
//
// It may import topics, groups, health and throughput; cmd and internal/tui
// import it.
package monitor

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/throughput"
	"github.com/kafka-cli/kafka/internal/topics"
)

// Topic is one topic's traffic.
type Topic struct {
	Name        string // without the user's prefix
	Partitions  int
	MsgsPerSec  float64
	BytesPerSec float64 // an estimate: msgs/s × average stored record size
}

// Partition is one partition of a group.
type Partition struct {
	Topic      string
	Partition  int32
	Committed  *int64 // nil: no commit yet
	End        int64
	Lag        *int64   // nil: unknown
	LagSeconds *float64 // age of the oldest unread record; nil: unknown or not lagging
	Status     health.Status
	Consume    float64 // msg/s
	Produce    float64 // msg/s
	Client     string  // the holding member's client.id; "" when unheld
}

// Group is one consumer group's health.
type Group struct {
	Name       string // without the user's prefix
	State      string
	Members    int
	Lag        int64    // sum of the known lags
	Unknown    int      // partitions with no commit yet
	LagSeconds *float64 // the largest partition LagSeconds; nil: unknown
	Status     health.Status
	Consume    float64
	Produce    float64
	Advice     []string
	Partitions []Partition
}

// Snapshot is one refresh.
type Snapshot struct {
	At     time.Time
	Topics []Topic // sorted by name
	Groups []Group // sorted by name
}

// Observer takes snapshots, call after call; under it a
// throughput.Observer keeps the previous offsets, so rates are the deltas
// between refreshes, and a health.Window per group keeps the samples its
// statuses are judged over.
type Observer struct {
	Client *kgo.Client
	Admin  *kadm.Client
	// Keep says which topics and groups are the user's (the prefix);
	// nil keeps all. Display strips what Keep matched; nil shows names
	// as they are.
	Keep    func(string) bool
	Display func(string) string
	// ConsumeInterval is the gap between a first call's two samples
	// (throughput's default when zero).
	ConsumeInterval time.Duration
	// StallSpan is how long a held partition's commit must stay unmoved
	// before it is called stalled (health.MinStallSpan when zero).
	StallSpan time.Duration

	once    sync.Once
	rates   *throughput.Observer
	windows map[string]*health.Window
}

func (o *Observer) init() {
	o.once.Do(func() {
		o.rates = &throughput.Observer{Admin: o.Admin, ConsumeInterval: o.ConsumeInterval}
		o.windows = map[string]*health.Window{}
	})
}

// Observe takes one snapshot within the rates observer's budget for
// timeout: --timeout, plus the sampling gap on the first call.
func (o *Observer) Observe(ctx context.Context, timeout time.Duration) (Snapshot, error) {
	o.init()
	return throughput.Observe(ctx, o.rates, timeout, func(ctx context.Context, r *throughput.Round) (Snapshot, error) {
		return o.observe(ctx, timeout, r)
	})
}

func (o *Observer) observe(ctx context.Context, timeout time.Duration, r *throughput.Round) (Snapshot, error) {
	var (
		wg         sync.WaitGroup
		sums       []topics.Summary
		gs         []groups.Group
		tErr, gErr error
		desc       throughput.Stopwatch
	)
	wg.Go(func() {
		desc = throughput.Start()
		opts := topics.Options{Offsets: true, Sizes: true, Client: o.Client}
		sums, _, tErr = topics.Describe(ctx, o.Admin, opts)
		desc.Stop()
	})
	wg.Go(func() {
		gs, gErr = groups.List(ctx, o.Client, o.Admin, o.Keep)
	})
	wg.Wait()
	if tErr != nil {
		return Snapshot{}, tErr
	}
	if gErr != nil {
		return Snapshot{}, gErr
	}
	var mine []topics.Summary
	for _, s := range sums {
		if !s.Internal && o.keep(s.Name) {
			mine = append(mine, s)
		}
	}
	// The listing's commits are not the base of the consume rates: the
	// listing takes several rounds, so no one moment dates them. The
	// round samples the active groups' commits itself.
	cur := throughput.Snapshot{Time: desc.Mid(), End: throughput.FromSummaries(mine)}
	var active []string
	for i := range gs {
		g := &gs[i]
		if g.Err != nil {
			continue
		}
		if g.Active() && len(g.Partitions) > 0 {
			active = append(active, g.Name)
		}
	}
	m, err := r.Measure(ctx, cur, active)
	if err != nil {
		return Snapshot{}, err
	}
	produce, consume := m.Produce, m.Consume
	sizes := throughput.RecordSizes(mine)

	snap := Snapshot{At: time.Now()}
	for _, s := range mine {
		snap.Topics = append(snap.Topics, Topic{
			Name: o.display(s.Name), Partitions: len(s.Partitions),
			MsgsPerSec: produce.Topic(s.Name), BytesPerSec: produce.Topic(s.Name) * sizes[s.Name],
		})
	}
	// Lag in time reads records on the shared client, one group at a
	// time; it gets part of the budget so the snapshot itself is never
	// lost to it, and a group it had no time for shows an unknown age.
	octx, cancel := context.WithTimeout(ctx, timeout/2)
	defer cancel()
	seen := map[string]bool{}
	for i := range gs {
		g := &gs[i]
		if g.Err != nil {
			continue
		}
		seen[g.Name] = true
		snap.Groups = append(snap.Groups, o.group(octx, g, produce, consume[g.Name]))
	}
	for name := range o.windows {
		if !seen[name] {
			delete(o.windows, name)
		}
	}
	sort.Slice(snap.Groups, func(i, j int) bool { return snap.Groups[i].Name < snap.Groups[j].Name })
	return snap, nil
}

func (o *Observer) stallSpan() time.Duration {
	if o.StallSpan > 0 {
		return o.StallSpan
	}
	return health.MinStallSpan
}

func (o *Observer) keep(name string) bool { return o.Keep == nil || o.Keep(name) }

func (o *Observer) display(name string) string {
	if o.Display == nil {
		return name
	}
	return o.Display(name)
}
