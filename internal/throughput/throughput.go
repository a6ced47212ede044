// Package throughput computes message and byte rates from the Kafka protocol
// alone, for topics, partitions, the cluster and consumer groups.
//
// There are two ways to a rate, and commands use both:
//
//   - One shot, no waiting (ProbeWindow): ListOffsets by timestamp finds,
//     per partition, the first record written at or after now−W; the
//     records from there to the end offset, divided by the time they
//     actually cover, are the recent produce rate. Nothing sleeps, so a
//     one-shot command answers in one round of requests.
//   - Between two samples (Sampler, ProduceRates, ConsumeRates): end offsets
//     and committed offsets sampled at two moments; the deltas over the
//     elapsed time are the produce and consume rates. --watch uses
//     successive samples; a one-shot command that needs consume rates
//     takes two committed-offset samples a short interval apart
//     (MeasureConsume), because nothing in the protocol dates a commit.
//
// Observer is how commands use both: it keeps the previous call's
// snapshots, knows a first call (estimates) from later ones (deltas), and
// owns the time budget (--timeout, plus the sampling gap on a first call
// that measures consumers). info, list, topic and consumer-groups GROUP
// all take their rates from it; nothing else in the tree computes a rate.
//
// Byte rates are estimates: messages/s × the average stored record size of
// the topic (leader log-dir size / retained messages, RecordSizes). The
// protocol has no bytes-out figure at all, so bytes out is the groups'
// consume rates × the same average size.
//
// Every function issues a constant number of requests: each kind once for
// all topics or groups, sharded per broker or coordinator by franz-go.
//
// It may import internal/topics and internal/kafka; it is imported by the
// packages that gather what commands show (cluster, groups) and by cmd.
package throughput

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/topics"
)

// DefaultWindow is how far back a one-shot rate looks. A minute smooths out
// producers that batch or burst every few seconds, yet still reflects a
// change within a minute; on a topic younger than the window the rate is
// taken over the data's real age, so a new producer is not under-read.
const DefaultWindow = time.Minute

// DefaultConsumeInterval is the gap between the two committed-offset
// samples of a one-shot consume rate. Consumers commit periodically (the
// Java client every 5 s by default, franz-go every 5 s), so a short gap
// can see zero or one commit and misread a group; one second keeps a
// one-shot command quick, and --watch, which compares samples an interval
// apart, gives the steadier figure.
const DefaultConsumeInterval = time.Second

// minSpan is the shortest time a one-shot rate is divided by, so that one
// record written a millisecond ago does not read as 1,000 msg/s.
const minSpan = time.Second

// Offsets maps topic → partition → offset.
type Offsets map[string]map[int32]int64

// FromListed converts kadm's listed offsets, dropping partitions that
// answered with an error.
func FromListed(l kadm.ListedOffsets) Offsets {
	o := make(Offsets, len(l))
	l.Each(func(lo kadm.ListedOffset) {
		if lo.Err == nil && lo.Partition >= 0 {
			o.Set(lo.Topic, lo.Partition, lo.Offset)
		}
	})
	return o
}

// FromSummaries takes the end offsets that topics.Describe already listed.
func FromSummaries(sums []topics.Summary) Offsets {
	o := make(Offsets, len(sums))
	for _, s := range sums {
		for _, p := range s.Partitions {
			if p.Err == nil {
				o.Set(s.Name, p.Partition, p.End)
			}
		}
	}
	return o
}

// Set records partition p of topic t at offset v.
func (o Offsets) Set(t string, p int32, v int64) { put(o, t, p, v) }

// put is the one setter of a topic → partition map.
func put[V any](m map[string]map[int32]V, t string, p int32, v V) {
	ps := m[t]
	if ps == nil {
		ps = make(map[int32]V)
		m[t] = ps
	}
	ps[p] = v
}

// Rates maps topic → partition → messages per second.
type Rates map[string]map[int32]float64

// Topic is the topic's rate: the sum over its partitions.
func (r Rates) Topic(t string) float64 {
	var s float64
	for _, v := range r[t] {
		s += v
	}
	return s
}

// Total is the sum over every topic and partition.
func (r Rates) Total() float64 {
	var s float64
	for t := range r {
		s += r.Topic(t)
	}
	return s
}

// Bytes converts message rates to bytes per second with each topic's
// average record size (RecordSizes). A topic with no known size counts 0.
func (r Rates) Bytes(sizes map[string]float64) float64 {
	var s float64
	for t := range r {
		s += r.Topic(t) * sizes[t]
	}
	return s
}

func (r Rates) set(t string, p int32, v float64) { put(r, t, p, v) }

// RecordSize is the average stored size of one record, in bytes: the
// leaders' log size over the retained messages, batch headers included. It
// is 0 when there is nothing to average.
func RecordSize(sizeBytes, messages int64) float64 {
	if sizeBytes <= 0 || messages <= 0 {
		return 0
	}
	return float64(sizeBytes) / float64(messages)
}

// RecordSizes is RecordSize per topic.
func RecordSizes(sums []topics.Summary) map[string]float64 {
	m := make(map[string]float64, len(sums))
	for _, s := range sums {
		m[s.Name] = RecordSize(s.SizeBytes, s.Messages)
	}
	return m
}

// Window is the answer to "where did each partition stand W ago?".
type Window struct {
	At     time.Time          // when the probe was sent, on this host's clock
	Length time.Duration      // W
	First  kadm.ListedOffsets // per partition, the first record at or after At−W, with its timestamp
}

// ProbeWindow lists, for every partition of the topics (all non-internal
// topics when none are named), the first record at or after now−length.
// It is one metadata request plus one ListOffsets per broker.
func ProbeWindow(ctx context.Context, adm *kadm.Client, length time.Duration, topicNames ...string) (Window, error) {
	at := time.Now()
	first, err := adm.ListOffsetsAfterMilli(ctx, at.Add(-length).UnixMilli(), topicNames...)
	if err != nil && !topics.Leaderless(err) {
		return Window{}, err
	}
	return Window{At: at, Length: length, First: first}, nil
}

// WindowFromSummaries is the window that topics.Describe listed with
// Options.Since = at−length (Partition.Since): the cheap way, sharing
// Describe's metadata, for commands that describe topics anyway.
func WindowFromSummaries(at time.Time, length time.Duration, sums []topics.Summary) Window {
	first := make(kadm.ListedOffsets, len(sums))
	for _, s := range sums {
		m := make(map[int32]kadm.ListedOffset, len(s.Partitions))
		for _, p := range s.Partitions {
			m[p.Partition] = p.Since
		}
		first[s.Name] = m
	}
	return Window{At: at, Length: length, First: first}
}

// Rates gives messages/s per partition: the records from the window's
// first offset to end, divided by the time they cover. That time is from
// the topic's earliest record in the window to the probe, at most the
// window, so a topic younger than the window is not under-read. It is the
// same for all of a topic's partitions: a producer spreads its records over
// them unevenly (sticky partitioning), and a partition first written a
// moment ago would otherwise read as if it had taken all the traffic.
//
// Timestamps are the producer's CreateTime unless the topic uses
// LogAppendTime; clock skew between producer and this host shifts the
// figure by skew/W, under 2% for a second's skew.
func (w Window) Rates(end Offsets) Rates {
	counts := Offsets{}
	earliest := make(map[string]int64) // topic → earliest timestamp in window, ms
	w.First.Each(func(lo kadm.ListedOffset) {
		if lo.Err != nil || lo.Partition < 0 {
			return
		}
		e, ok := end[lo.Topic][lo.Partition]
		if !ok {
			return
		}
		n := int64(0)
		if lo.Offset >= 0 { // -1: no record in the window
			n = max(e-lo.Offset, 0)
		}
		counts.Set(lo.Topic, lo.Partition, n)
		if n > 0 && lo.Timestamp >= 0 {
			if ts, ok := earliest[lo.Topic]; !ok || lo.Timestamp < ts {
				earliest[lo.Topic] = lo.Timestamp
			}
		}
	})
	r := make(Rates)
	for t, ps := range counts {
		span := w.Length
		if ts, ok := earliest[t]; ok {
			span = w.At.Sub(time.UnixMilli(ts))
		}
		span = min(max(span, minSpan), w.Length)
		for p, n := range ps {
			r.set(t, p, float64(n)/span.Seconds())
		}
	}
	return r
}
