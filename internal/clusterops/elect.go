package clusterops

import (
	"context"
	"errors"
	"slices"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
)

// Election is one partition whose leader is not its preferred replica, the
// first in its replica list.
type Election struct {
	Partition int32
	Leader    *int32 // nil when it has none
	Preferred int32
}

// PlanElection lists the topic's partitions led by another broker than
// their preferred replica, by partition.
func PlanElection(t Topic) []Election {
	var out []Election
	for p, rs := range t.Replicas {
		leader, led := t.Leaders[p]
		if len(rs) == 0 || led && leader == rs[0] {
			continue
		}
		e := Election{Partition: p, Preferred: rs[0]}
		if led {
			e.Leader = &leader
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Election) int { return int(a.Partition - b.Partition) })
	return out
}

// ElectPreferred runs a preferred leader election for the partitions in
// one ElectLeaders request. A partition the cluster says needs no election
// (its leader moved back meanwhile) counts as applied. A request-level
// error fails everything and is returned.
func ElectPreferred(ctx context.Context, adm *kadm.Client, topic string, es []Election) (Outcome, error) {
	var set kadm.TopicsSet
	for _, e := range es {
		set.Add(topic, e.Partition)
	}
	rs, err := adm.ElectLeaders(ctx, kadm.ElectPreferredReplica, set)
	if err != nil {
		return Outcome{}, err
	}
	o := Outcome{Failed: map[int32]error{}}
	for _, e := range es {
		r, ok := rs[topic][e.Partition]
		switch {
		case !ok:
			o.Failed[e.Partition] = errNoAnswer
		case r.Err != nil && !errors.Is(r.Err, kerr.ElectionNotNeeded):
			o.Failed[e.Partition] = r.Err
		default:
			o.Applied = append(o.Applied, e.Partition)
		}
	}
	return o, nil
}

// LeadersPending returns the partitions among es whose leader, in one
// metadata request, is not yet their preferred replica.
func LeadersPending(ctx context.Context, adm *kadm.Client, topic string, es []Election) ([]int32, error) {
	m, err := adm.Metadata(ctx, topic)
	if err != nil {
		return nil, err
	}
	td := m.Topics[topic]
	var pending []int32
	for _, e := range es {
		if p, ok := td.Partitions[e.Partition]; !ok || p.Leader != e.Preferred {
			pending = append(pending, e.Partition)
		}
	}
	return pending, nil
}
