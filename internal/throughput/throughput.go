// Package throughput computes message and byte rates from the Kafka protocol
// alone, for topics, partitions, the cluster and consumer groups.
//
// Every rate is an offset delta over this host's wall clock: end offsets
// and committed offsets sampled at two moments, the deltas divided by the
// time between (Sampler, ProduceRates, ConsumeRates). Record timestamps
// are never used, since the producer sets them: a backfill or a mirror
// dates its records hours back, a skewed clock minutes ahead, and a rate
// read from them would be off by any factor. A one-shot command samples
// twice, a short interval apart (which a commit needs anyway: nothing in
// the protocol dates one); --watch uses successive samples.
//
// Observer is how commands do both: it keeps the previous call's
// snapshots, knows a first call (two samples now) from later ones
// (deltas), and owns the time budget (--timeout, plus the sampling gap on
// a first call). info, list, topic and consumer-groups GROUP all take
// their rates from it; nothing else in the tree computes a rate.
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
// packages that gather what commands show (cluster, groups, monitor,
// traffic) and by cmd.
package throughput

import (
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/topics"
)

// DefaultConsumeInterval is the gap between the two samples of a
// one-shot rate. Consumers commit periodically (the
// Java client every 5 s by default, franz-go every 5 s), so a short gap
// can see zero or one commit and misread a group; one second keeps a
// one-shot command quick, and --watch, which compares samples an interval
// apart, gives the steadier figure.
const DefaultConsumeInterval = time.Second

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
