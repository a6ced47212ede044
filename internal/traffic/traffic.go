// Package traffic observes one topic's traffic for kafka topic: its
// produce rate and the consumer groups reading it, with their lag and
// consume rates. The rates themselves are computed in throughput; the
// groups' offsets come from groups.
//
// It may import groups, throughput and topics; only cmd imports it.
package traffic

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/throughput"
	"github.com/kafka-cli/kafka/internal/topics"
)

// Reader is a consumer group reading one topic, with its figures on that
// topic alone.
type Reader struct {
	Group   string // as the cluster knows it
	Members int
	Lag     int64   // sum of the topic's partition lags that are known
	Consume float64 // messages per second the group commits on the topic
}

// Traffic is one topic with its produce rate and the groups reading it.
type Traffic struct {
	Summary    topics.Summary
	Produce    float64 // messages per second written to the topic
	RecordSize float64 // average stored record size, bytes (throughput.RecordSize)
	Readers    []Reader
}

// ConsumeBytes estimates the bytes per second the readers take off the
// topic: their consume rates × the average stored record size.
func (t Traffic) ConsumeBytes() float64 {
	var s float64
	for _, r := range t.Readers {
		s += r.Consume
	}
	return s * t.RecordSize
}

// Observer measures one topic's traffic. Its rates come from a
// throughput.Observer, which keeps the previous samples (so that under
// --watch rates are the deltas since the previous observation) and owns
// the time budget.
type Observer struct {
	Client *kgo.Client // the client under Rates.Admin
	Topic  string      // as the cluster knows it
	// Keep selects the groups considered (nil keeps all), such as those
	// under KAFKA_PREFIX.
	Keep  func(string) bool
	Rates throughput.Observer
}

// Observe describes the topic and the groups reading it, within
// Rates.Budget(timeout). found is false when the topic does not exist.
// Requests: topics.Describe's and List's, issued concurrently and each
// batched for all groups, plus on the first observation two OffsetFetch
// rounds for the readers with members.
func (o *Observer) Observe(ctx context.Context, timeout time.Duration) (tr Traffic, found bool, err error) {
	type observed struct {
		tr    Traffic
		found bool
	}
	v, err := throughput.Observe(ctx, &o.Rates, timeout, func(ctx context.Context, r *throughput.Round) (observed, error) {
		tr, found, err := o.observe(ctx, r)
		if err == nil && !found {
			// Nothing to keep as a base: report the miss without
			// recording an observation.
			return observed{}, errTopicMissing
		}
		return observed{tr, found}, err
	})
	if err == errTopicMissing {
		return Traffic{}, false, nil
	}
	return v.tr, v.found, err
}

var errTopicMissing = errors.New("topic missing")

func (o *Observer) observe(ctx context.Context, r *throughput.Round) (tr Traffic, found bool, err error) {
	adm := o.Rates.Admin
	var (
		wg         sync.WaitGroup
		sums       []topics.Summary
		gs         []groups.Group
		dErr, lErr error
		desc       throughput.Stopwatch
	)
	wg.Go(func() {
		desc = throughput.Start()
		opts := topics.Options{Configs: true, Offsets: true, Sizes: true, Client: o.Client}
		sums, _, dErr = topics.Describe(ctx, adm, opts, o.Topic)
		desc.Stop()
	})
	wg.Go(func() {
		gs, lErr = groups.List(ctx, o.Client, adm, o.Keep)
	})
	wg.Wait()
	if dErr != nil {
		return Traffic{}, false, dErr
	}
	if len(sums) == 0 {
		return Traffic{}, false, nil
	}
	if lErr != nil {
		return Traffic{}, true, lErr
	}
	tr.Summary = sums[0]
	tr.RecordSize = throughput.RecordSize(tr.Summary.SizeBytes, tr.Summary.Messages)

	// The listing's commits are not the base of the consume rates: the
	// listing takes several rounds, so no one moment dates them, and on a
	// one-second window a tenth of a second is a tenth of the rate. Round
	// samples the active groups' commits itself.
	cur := throughput.Snapshot{Time: desc.Mid(), End: throughput.FromSummaries(sums)}
	var active []string
	for i := range gs {
		rd, ok := readerOf(&gs[i], o.Topic)
		if !ok {
			continue
		}
		if rd.Members > 0 {
			active = append(active, rd.Group)
		}
		tr.Readers = append(tr.Readers, rd)
	}
	m, err := r.Measure(ctx, cur, active)
	if err != nil {
		return Traffic{}, true, err
	}
	tr.Produce = m.Produce.Topic(o.Topic)
	for i := range tr.Readers {
		tr.Readers[i].Consume = m.Consume[tr.Readers[i].Group].Topic(o.Topic)
	}
	return tr, true, nil
}

// readerOf reports whether g reads topic (is assigned or has committed to
// one of its partitions), with its lag there.
func readerOf(g *groups.Group, topic string) (Reader, bool) {
	r := Reader{Group: g.Name, Members: len(g.Members)}
	reads := false
	for _, p := range g.Partitions {
		if p.Topic != topic {
			continue
		}
		reads = true
		if p.Lag != nil {
			r.Lag += *p.Lag
		}
	}
	return r, reads
}
