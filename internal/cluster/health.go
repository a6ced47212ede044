package cluster

import (
	"errors"

	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafka-cli/kafka/internal/topics"
)

// Health is the cluster's status as info shows it; the values are also the
// JSON words.
type Health string

const (
	Available   Health = "available"
	Degraded    Health = "degraded"    // some partitions under-replicated or offline
	Unavailable Health = "unavailable" // no broker answered, or every partition is offline
)

// PartitionHealth counts partitions by state.
type PartitionHealth struct {
	Total, Offline, UnderReplicated int
}

// Add counts p: offline first, for an offline partition has no in-sync
// replicas to speak of.
func (h *PartitionHealth) Add(p topics.Partition) {
	h.Total++
	switch {
	case Offline(p):
		h.Offline++
	case p.UnderReplicated():
		h.UnderReplicated++
	}
}

// HealthOf is the status of a cluster with brokers brokers whose
// partitions are counted in h.
func HealthOf(brokers int, h PartitionHealth) Health {
	switch {
	case brokers == 0 || (h.Total > 0 && h.Offline == h.Total):
		return Unavailable
	case h.Offline > 0 || h.UnderReplicated > 0:
		return Degraded
	}
	return Available
}

// Offline reports a partition without a leader. Brokers answer metadata for
// such a partition with LEADER_NOT_AVAILABLE, and the leader field is then
// not to be trusted.
func Offline(p topics.Partition) bool {
	return p.Offline() || errors.Is(p.Err, kerr.LeaderNotAvailable)
}
