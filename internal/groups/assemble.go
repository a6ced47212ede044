package groups

import (
	"context"
	"errors"
	"sync"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// assemble builds a group's members and committed partitions from the two
// describes and its offset fetch.
func assemble(name string, cg kadm.DescribedGroup, next map[string]nextGroup, fo kadm.FetchOffsetsResponse) Group {
	g := Group{Name: name}
	if ng, ok := next[name]; ok {
		g.Type, g.State, g.exists, g.Generation = TypeConsumer, ng.state, true, &ng.epoch
		g.Coordinator, g.CoordinatorID = ng.coordinator, ng.coordinatorID
		g.Members = ng.members
		g.Topics = append(g.Topics, ng.subscribed...)
	} else {
		g.Type, g.State, g.Generation = TypeClassic, cg.State, generationOf(cg)
		g.Coordinator = hostPort(cg.Coordinator.Host, cg.Coordinator.Port)
		g.CoordinatorID = cg.Coordinator.NodeID
		switch {
		case errors.Is(cg.Err, kerr.GroupIDNotFound):
		case cg.Err != nil:
			g.Err = cg.Err
		default:
			g.exists = cg.State != "Dead" && cg.State != ""
		}
		for _, m := range cg.Members {
			mem := Member{ID: m.MemberID, InstanceID: deref(m.InstanceID), ClientID: m.ClientID, Host: cleanHost(m.ClientHost), Assigned: map[string][]int32{}}
			if a, ok := m.Assigned.AsConsumer(); ok {
				for _, t := range a.Topics {
					mem.Assigned[t.Topic] = append(mem.Assigned[t.Topic], t.Partitions...)
				}
			}
			if j, ok := m.Join.AsConsumer(); ok {
				g.Topics = append(g.Topics, j.Topics...)
			}
			g.Members = append(g.Members, mem)
		}
	}
	if fo.Err != nil && !errors.Is(fo.Err, kerr.GroupIDNotFound) && g.Err == nil {
		g.Err = fo.Err
	}
	sortMembers(g.Members)

	owner := map[string]map[int32]*Member{}
	for i := range g.Members {
		m := &g.Members[i]
		for t, ps := range m.Assigned {
			if owner[t] == nil {
				owner[t] = map[int32]*Member{}
			}
			for _, p := range ps {
				owner[t][p] = m
			}
		}
	}
	seen := map[string]map[int32]bool{}
	add := func(t string, p int32, committed *int64) {
		if seen[t] == nil {
			seen[t] = map[int32]bool{}
		}
		if seen[t][p] {
			return
		}
		seen[t][p] = true
		g.Partitions = append(g.Partitions, Partition{Topic: t, Partition: p, Committed: committed, Member: owner[t][p]})
	}
	fo.Fetched.Each(func(o kadm.OffsetResponse) {
		if o.Err == nil && o.At >= 0 {
			g.exists = true
			at := o.At
			add(o.Topic, o.Partition, &at)
		}
	})
	for t, ps := range owner {
		for p := range ps {
			add(t, p, nil)
		}
	}
	for t := range seen {
		g.Topics = append(g.Topics, t)
	}
	g.Topics = dedupe(g.Topics)
	sortPartitions(g.Partitions)
	return g
}

// generationOf is a classic group's generation as its members' join
// metadata tells it: each member reports the generation it last belonged
// to, so the group is one past the highest; nil when none reports one.
func generationOf(cg kadm.DescribedGroup) *int32 {
	highest := int32(-1) // below every generation a member can report
	for _, m := range cg.Members {
		if j, ok := m.Join.AsConsumer(); ok && j.Generation > highest {
			highest = j.Generation
		}
	}
	if highest < 0 {
		return nil
	}
	gen := highest + 1
	return &gen
}

// Generation describes the group again for its generation alone: one
// DescribeGroups and one ConsumerGroupDescribe. It is nil when unknown.
func Generation(ctx context.Context, cl *kgo.Client, adm *kadm.Client, name string) *int32 {
	var (
		wg      sync.WaitGroup
		classic kadm.DescribedGroups
		next    map[string]nextGroup
	)
	wg.Go(func() { classic, _ = adm.DescribeGroups(ctx, name) })
	wg.Go(func() { next = describeNext(ctx, cl, []string{name}) })
	wg.Wait()
	if ng, ok := next[name]; ok {
		return &ng.epoch
	}
	if cg, ok := classic[name]; ok && cg.Err == nil {
		return generationOf(cg)
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
