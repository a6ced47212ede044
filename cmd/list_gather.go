package cmd

import (
	"context"
	"time"

	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/throughput"
	"github.com/kafka-cli/kafka/internal/topics"
)

// listOptionsFor is what list asks of topics.Describe: only the configs
// its columns show, and sizes and start offsets of the partitions that
// hold something.
func listOptionsFor(cl *kafka.Client, all bool) topics.Options {
	return topics.Options{Internal: all, Configs: true, Offsets: true, Sizes: true,
		ConfigKeys: []string{"retention.ms", "cleanup.policy"}, ConfigsOptional: true, Client: cl.Client}
}

// listTopics is list --no-rates: one round of requests, within --timeout.
func listTopics(ctx context.Context, cl *kafka.Client, all bool) (listed, error) {
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	return kafka.Bound(ctx, func(ctx context.Context) (listed, error) {
		// First alone, as throughput.Observe does for the rated list:
		// the client learns the brokers before requests go out at once.
		if err := topics.LearnBrokers(ctx, cl.Admin); err != nil {
			return listed{}, err
		}
		sums, _, err := topics.Describe(ctx, cl.Admin, listOptionsFor(cl, all))
		return listed{sums: sums}, err
	})
}

// listTopicsWithRates is list with its produce rates. The sampling gap
// starts when the first end offsets are in and the other requests
// (configs, start offsets, sizes) run inside it, so the command takes
// the metadata, one end-offset listing, the gap and a second listing;
// the second lists from the leaders the metadata named, with no new
// metadata request.
func listTopicsWithRates(ctx context.Context, cl *kafka.Client, all bool, interval time.Duration) (listed, error) {
	obs := &throughput.Observer{Admin: cl.Admin, ConsumeInterval: interval}
	return throughput.Observe(ctx, obs, cl.Timeout, func(ctx context.Context, r *throughput.Round) (listed, error) {
		var (
			m      throughput.Measured
			mErr   error
			called bool
		)
		o := listOptionsFor(cl, all)
		o.OnEnd = func(ctx context.Context, e topics.EndListing) {
			called = true
			r.Overlap, r.ListEnd = true, func(ctx context.Context) (throughput.Offsets, error) { return e.Again(ctx) }
			m, mErr = r.Measure(ctx, throughput.Snapshot{Time: e.Time, End: e.End}, nil)
		}
		sums, _, err := topics.Describe(ctx, cl.Admin, o)
		if err != nil {
			return listed{}, err
		}
		if mErr != nil {
			return listed{}, mErr
		}
		if !called {
			// No partition at all, or none listed: nothing to rate.
			m.Produce = throughput.Rates{}
		}
		return listed{sums: sums, rates: m.Produce}, nil
	})
}
