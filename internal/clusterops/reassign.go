package clusterops

import (
	"context"
	"slices"
	"sort"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/topics"
)

// Topic is a topic's replica placement and the brokers it can move to.
type Topic struct {
	Name     string
	Replicas map[int32][]int32 // by partition
	Leaders  map[int32]int32   // by partition; absent when it has none
	Nodes    []Node            // the brokers metadata lists, by ID
}

// DescribeTopic reads one topic's placement and the live brokers in one
// metadata request; topics.ErrNotFound when the topic does not exist.
func DescribeTopic(ctx context.Context, adm *kadm.Client, name string) (Topic, error) {
	m, err := adm.Metadata(ctx, name)
	if err != nil {
		return Topic{}, err
	}
	td, err := topics.Find(m.Topics, name)
	if err != nil {
		return Topic{}, err
	}
	t := Topic{Name: name, Replicas: map[int32][]int32{}, Leaders: map[int32]int32{}}
	for _, p := range td.Partitions {
		t.Replicas[p.Partition] = p.Replicas
		if p.Leader >= 0 { // the protocol's -1: no leader
			t.Leaders[p.Partition] = p.Leader
		}
	}
	for _, b := range m.Brokers {
		rack := ""
		if b.Rack != nil {
			rack = *b.Rack
		}
		t.Nodes = append(t.Nodes, Node{ID: b.NodeID, Rack: rack})
	}
	sort.Slice(t.Nodes, func(i, j int) bool { return t.Nodes[i].ID < t.Nodes[j].ID })
	return t, nil
}

// Reassignment is one partition reassignment in progress.
type Reassignment struct {
	Topic     string
	Partition int32
	Replicas  []int32 // the union of old and new while it runs
	Adding    []int32
	Removing  []int32
}

// InProgress lists the reassignments in progress: of the named topics'
// partitions, or all when none are named. It names every partition in its
// request (from one metadata request) since kadm sends nothing for an
// empty set rather than Kafka's "all".
func InProgress(ctx context.Context, adm *kadm.Client, names ...string) ([]Reassignment, error) {
	m, err := adm.Metadata(ctx, names...)
	if err != nil {
		return nil, err
	}
	set := m.Topics.TopicsSet()
	if len(set) == 0 {
		return nil, nil
	}
	rs, err := adm.ListPartitionReassignments(ctx, set)
	if err != nil {
		return nil, err
	}
	var out []Reassignment
	for _, r := range rs.Sorted() {
		out = append(out, Reassignment{Topic: r.Topic, Partition: r.Partition, Replicas: r.Replicas, Adding: r.AddingReplicas, Removing: r.RemovingReplicas})
	}
	return out, nil
}

// Outcome is how the cluster answered a reassignment request.
type Outcome struct {
	Applied []int32
	Failed  map[int32]error // by partition
}

// Reassign sends the moves of one topic in one AlterPartitionReassignments
// request. A request-level error fails everything and is returned.
func Reassign(ctx context.Context, adm *kadm.Client, topic string, moves []Move) (Outcome, error) {
	var req kadm.AlterPartitionAssignmentsReq
	for _, m := range moves {
		req.Assign(topic, m.Partition, m.New)
	}
	resps, err := adm.AlterPartitionAssignments(ctx, req)
	if err != nil {
		return Outcome{}, err
	}
	o := Outcome{Failed: map[int32]error{}}
	for _, m := range moves {
		r, ok := resps[topic][m.Partition]
		switch {
		case !ok:
			o.Failed[m.Partition] = errNoAnswer
		case r.Err != nil:
			o.Failed[m.Partition] = r.Err
		default:
			o.Applied = append(o.Applied, m.Partition)
		}
	}
	return o, nil
}

type noAnswer struct{}

func (noAnswer) Error() string { return "the cluster did not answer for this partition" }

var errNoAnswer error = noAnswer{}

// Pending returns the partitions among moves that are not done yet: still
// listed as reassigning, or whose replicas differ from the plan, or whose
// ISR is not yet full. One ListPartitionReassignments and one metadata
// request.
func Pending(ctx context.Context, adm *kadm.Client, topic string, moves []Move) ([]int32, error) {
	var set kadm.TopicsSet
	for _, m := range moves {
		set.Add(topic, m.Partition)
	}
	rs, err := adm.ListPartitionReassignments(ctx, set)
	if err != nil {
		return nil, err
	}
	m, err := adm.Metadata(ctx, topic)
	if err != nil {
		return nil, err
	}
	td := m.Topics[topic]
	var pending []int32
	for _, mv := range moves {
		_, moving := rs[topic][mv.Partition]
		p, ok := td.Partitions[mv.Partition]
		if moving || !ok || !sameSet(p.Replicas, mv.New) || len(p.ISR) < len(mv.New) {
			pending = append(pending, mv.Partition)
		}
	}
	return pending, nil
}

func sameSet(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
