package groups

import (
	"context"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

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

// TopicObserver measures one topic's traffic. It keeps the last samples, so
// that when asked again (--watch) rates are the deltas since the previous
// observation rather than the one-shot estimates.
type TopicObserver struct {
	Admin  *kadm.Client
	Client *kgo.Client
	Topic  string // as the cluster knows it
	// Keep selects the groups considered (nil keeps all), such as those
	// under KAFKA_PREFIX.
	Keep func(string) bool
	// ConsumeInterval is the gap between the first observation's two
	// committed-offset samples (throughput.DefaultConsumeInterval when
	// zero); only spent when a reader has members.
	ConsumeInterval time.Duration

	mu                     sync.Mutex
	prevEnd, prevCommitted *throughput.Snapshot
}

// Observe describes the topic and the groups reading it. found is false
// when the topic does not exist. Requests: topics.Describe's and
// List's, issued concurrently and each batched for all groups, plus on the
// first observation two OffsetFetch rounds for the readers with members.
func (o *TopicObserver) Observe(ctx context.Context) (tr Traffic, found bool, err error) {
	// See cluster.Observer.Overview: a call given up on finishes first.
	o.mu.Lock()
	defer o.mu.Unlock()
	var (
		wg                 sync.WaitGroup
		sums               []topics.Summary
		gs                 []Group
		dErr, lErr         error
		descStart, descEnd time.Time
		listStart, listEnd time.Time
		first              = o.prevEnd == nil
		window, interval   = throughput.DefaultWindow, o.ConsumeInterval
	)
	if interval <= 0 {
		interval = throughput.DefaultConsumeInterval
	}
	wg.Go(func() {
		opts := topics.Options{Configs: true, Offsets: true, Sizes: true, Client: o.Client}
		descStart = time.Now()
		if first {
			opts.Since = descStart.Add(-window)
		}
		sums, _, dErr = topics.Describe(ctx, o.Admin, opts, o.Topic)
		descEnd = time.Now()
	})
	wg.Go(func() {
		listStart = time.Now()
		gs, lErr = List(ctx, o.Client, o.Admin, o.Keep)
		listEnd = time.Now()
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

	end := throughput.Snapshot{Time: midpoint(descStart, descEnd), End: throughput.FromSummaries(sums)}
	if first {
		tr.Produce = throughput.WindowFromSummaries(descStart, window, sums).Rates(end.End).Topic(o.Topic)
	} else {
		tr.Produce = throughput.ProduceRates(*o.prevEnd, end).Topic(o.Topic)
	}

	committed := throughput.Snapshot{Time: midpoint(listStart, listEnd), Committed: map[string]throughput.Offsets{}}
	var active []string
	for i := range gs {
		r, ok := readerOf(&gs[i], o.Topic)
		if !ok {
			continue
		}
		committed.Committed[r.Group] = Snapshot(&gs[i], committed.Time).Committed[r.Group]
		if r.Members > 0 {
			active = append(active, r.Group)
		}
		tr.Readers = append(tr.Readers, r)
	}
	var consumed map[string]throughput.Rates
	if first {
		// Nothing dates a commit, so a one-shot rate needs two samples;
		// a topic nobody is reading answers at once.
		if consumed, _, err = throughput.MeasureConsume(ctx, o.Admin, interval, active...); err != nil {
			return Traffic{}, true, err
		}
	} else {
		consumed = throughput.ConsumeRates(*o.prevCommitted, committed)
	}
	for i := range tr.Readers {
		tr.Readers[i].Consume = consumed[tr.Readers[i].Group].Topic(o.Topic)
	}
	o.prevEnd, o.prevCommitted = &end, &committed
	return tr, true, nil
}

// readerOf reports whether g reads topic (is assigned or has committed to
// one of its partitions), with its lag there.
func readerOf(g *Group, topic string) (Reader, bool) {
	r := Reader{Group: g.Name, Members: len(g.Members)}
	reads := false
	for _, p := range g.Partitions {
		if p.Topic != topic {
			continue
		}
		reads = true
		if p.Lag > 0 {
			r.Lag += p.Lag
		}
	}
	return r, reads
}

func midpoint(a, b time.Time) time.Time { return a.Add(b.Sub(a) / 2) }
