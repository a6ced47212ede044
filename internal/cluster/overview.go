package cluster

import (
	"context"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
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

// Observer takes overviews. It keeps the last samples, so that when it is
// asked again (--watch) rates come from the deltas since the previous
// overview rather than from the timestamp window.
type Observer struct {
	Admin *kadm.Client
	// Client is the client under Admin; it lets offsets be listed over
	// one metadata request (see topics.Options.Client).
	Client *kgo.Client
	// Window is how far back the first overview's produce rates look
	// (throughput.DefaultWindow when zero).
	Window time.Duration
	// ConsumeInterval is the gap between the first overview's two
	// committed-offset samples (throughput.DefaultConsumeInterval when
	// zero). It is only spent when some group has members.
	ConsumeInterval time.Duration

	mu sync.Mutex

	prevEnd, prevCommitted *throughput.Snapshot
}

// Overview gathers the cluster's state and rates.
func (o *Observer) Overview(ctx context.Context) (Overview, error) {
	// A caller may give up on a call franz-go is still finishing
	// (kafka.Bound); the next call waits for it, as both use the samples.
	o.mu.Lock()
	defer o.mu.Unlock()
	var (
		wg                         sync.WaitGroup
		ov                         Overview
		committed                  throughput.Snapshot
		bErr, tErr, gErr           error
		descStart, descEnd         time.Time
		firstConsume               = o.prevCommitted == nil
		windowLen, consumeInterval = o.Window, o.ConsumeInterval
	)
	if windowLen <= 0 {
		windowLen = throughput.DefaultWindow
	}
	if consumeInterval <= 0 {
		consumeInterval = throughput.DefaultConsumeInterval
	}
	wg.Go(func() { ov.Brokers, bErr = DescribeBrokers(ctx, o.Admin) })
	wg.Go(func() { ov.Version = Version(ctx, o.Admin) })
	wg.Go(func() {
		descStart = time.Now()
		opts := topics.Options{Internal: true, Offsets: true, Sizes: true, Client: o.Client}
		if o.prevEnd == nil {
			opts.Since = descStart.Add(-windowLen)
		}
		ov.Topics, _, tErr = topics.Describe(ctx, o.Admin, opts)
		descEnd = time.Now()
	})
	wg.Go(func() {
		if ov.Groups, gErr = Groups(ctx, o.Admin); gErr != nil {
			return
		}
		var active []string
		for _, g := range ov.Groups {
			if g.Active() {
				active = append(active, g.Name)
			}
		}
		if firstConsume {
			ov.Consume, committed, gErr = throughput.MeasureConsume(ctx, o.Admin, consumeInterval, active...)
			return
		}
		s := throughput.Sampler{Admin: o.Admin, NoEnd: true, Groups: active}
		if committed, gErr = s.Sample(ctx); gErr == nil {
			ov.Consume = throughput.ConsumeRates(*o.prevCommitted, committed)
		}
	})
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
	end := throughput.Snapshot{Time: descStart.Add(descEnd.Sub(descStart) / 2), End: throughput.FromSummaries(public)}
	if o.prevEnd == nil {
		ov.Produce = throughput.WindowFromSummaries(descStart, windowLen, public).Rates(end.End)
	} else {
		ov.Produce = throughput.ProduceRates(*o.prevEnd, end)
	}
	ov.RecordSizes = throughput.RecordSizes(ov.Topics)
	o.prevEnd, o.prevCommitted = &end, &committed
	return ov, nil
}
