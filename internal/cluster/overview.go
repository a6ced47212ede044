package cluster

import (
	"context"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/throughput"
	"github.com/kafka-cli/kafka/internal/topics"
)

// Overview is everything `kafka info` shows, gathered in one round of
// concurrent requests (plus the consume-rate sampling interval when some
// group has members).
type Overview struct {
	Brokers
	Version string           // "" when unknown
	Topics  []topics.Summary // every topic, internal ones included
	Groups  []Group
	// Produce is messages/s per partition of the non-internal topics.
	Produce throughput.Rates
	// Consume is, per group, messages/s per partition consumed.
	Consume map[string]throughput.Rates
	// RecordSizes is each topic's average stored record size.
	RecordSizes map[string]float64
}

// Observer takes overviews. Its rates come from a throughput.Observer,
// which keeps the previous samples (so that under --watch rates are the
// deltas since the previous overview) and owns the time budget.
type Observer struct {
	// Client is the client under Rates.Admin: brokers are asked through
	// it, and it lets offsets be listed over one metadata request (see
	// topics.Options.Client).
	Client *kgo.Client
	Rates  throughput.Observer
}

// Overview gathers the cluster's state and rates within
// Rates.Budget(timeout).
func (o *Observer) Overview(ctx context.Context, timeout time.Duration) (Overview, error) {
	return throughput.Observe(ctx, &o.Rates, timeout, o.overview)
}

func (o *Observer) overview(ctx context.Context, r *throughput.Round) (Overview, error) {
	adm := o.Rates.Admin
	var (
		wg               sync.WaitGroup
		ov               Overview
		bErr, tErr, gErr error
		desc             throughput.Stopwatch
	)
	wg.Go(func() { ov.Brokers, bErr = DescribeBrokers(ctx, o.Client) })
	wg.Go(func() { ov.Version = Version(ctx, adm) })
	wg.Go(func() {
		desc = throughput.Start()
		opts := topics.Options{Internal: true, Offsets: true, Sizes: true, Client: o.Client}
		if o.Client != nil {
			// The second sample lists from the same leaders, with no
			// metadata request of its own.
			opts.OnEnd = func(_ context.Context, e topics.EndListing) {
				r.ListEnd = func(ctx context.Context) (throughput.Offsets, error) { return e.Again(ctx) }
			}
		}
		ov.Topics, _, tErr = topics.Describe(ctx, adm, opts)
		desc.Stop()
	})
	wg.Go(func() { ov.Groups, gErr = Groups(ctx, adm) })
	wg.Wait()
	for _, err := range []error{bErr, tErr, gErr} {
		if err != nil {
			return Overview{}, err
		}
	}

	var public []topics.Summary
	for _, s := range ov.Topics {
		if !s.Internal {
			public = append(public, s)
		}
	}
	end := throughput.Snapshot{Time: desc.Mid(), End: throughput.FromSummaries(public)}
	var active []string
	for _, g := range ov.Groups {
		if g.Active() {
			active = append(active, g.Name)
		}
	}
	m, err := r.Measure(ctx, end, active)
	if err != nil {
		return Overview{}, err
	}
	ov.Produce, ov.Consume = m.Produce, m.Consume
	ov.RecordSizes = throughput.RecordSizes(ov.Topics)
	return ov, nil
}
