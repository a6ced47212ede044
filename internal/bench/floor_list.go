package main

import (
	"context"
	"fmt"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// floorList sends the requests kafka list's columns need, as list sends
// them, and keeps nothing of the answers: the time the broker takes to
// serve them, which no client of those columns can beat.
func floorList(brokers []string) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return sendFloor(ctx, cl)
}

// floorPlan is what list learns from its metadata request: which leader to
// ask for which partitions' offsets, and the configs to describe.
type floorPlan struct {
	first    int // the broker asked for metadata
	byLeader map[int32]map[string][]int32
	configs  *kmsg.DescribeConfigsRequest
}

func planFloor(ctx context.Context, cl *kgo.Client) (floorPlan, error) {
	brokersOnly := kmsg.NewPtrMetadataRequest()
	brokersOnly.Topics = []kmsg.MetadataRequestTopic{} // none; nil would be all
	learn, err := brokersOnly.RequestWith(ctx, cl)
	if err != nil {
		return floorPlan{}, err
	}
	if len(learn.Brokers) == 0 {
		return floorPlan{}, fmt.Errorf("no broker listed")
	}
	p := floorPlan{first: int(learn.Brokers[0].NodeID), byLeader: map[int32]map[string][]int32{}, configs: kmsg.NewPtrDescribeConfigsRequest()}
	// Straight to a broker: through the client, franz-go would copy every
	// partition into its cache, which is client work, not the broker's.
	meta, err := kmsg.NewPtrMetadataRequest().RequestWith(ctx, cl.Broker(p.first))
	if err != nil {
		return floorPlan{}, err
	}
	for _, t := range meta.Topics {
		if t.IsInternal {
			continue
		}
		r := kmsg.NewDescribeConfigsRequestResource()
		r.ResourceType, r.ResourceName, r.ConfigNames = kmsg.ConfigResourceTypeTopic, *t.Topic, []string{"retention.ms", "cleanup.policy"}
		p.configs.Resources = append(p.configs.Resources, r)
		for _, part := range t.Partitions {
			if p.byLeader[part.Leader] == nil {
				p.byLeader[part.Leader] = map[string][]int32{}
			}
			p.byLeader[part.Leader][*t.Topic] = append(p.byLeader[part.Leader][*t.Topic], part.Partition)
		}
	}
	return p, nil
}

// sendFloor is list's sequence: all-topic metadata, then at once the
// configs and each leader's end offsets, then each leader's start offsets
// and sizes of the partitions that hold something.
func sendFloor(ctx context.Context, cl *kgo.Client) error {
	p, err := planFloor(ctx, cl)
	if err != nil {
		return err
	}
	var g errGroup
	g.Go(func() error {
		_, err := p.configs.RequestWith(ctx, cl)
		return err
	})
	for leader, parts := range p.byLeader {
		g.Go(func() error {
			b := cl.Broker(int(leader))
			ends, err := listOffsets(ctx, b, parts, -1)
			if err != nil {
				return err
			}
			held := heldPartitions(ends)
			var inner errGroup
			inner.Go(func() error {
				_, err := listOffsets(ctx, b, held, -2)
				return err
			})
			inner.Go(func() error {
				_, err := logDirs(ctx, b, held)
				return err
			})
			return inner.Wait()
		})
	}
	return g.Wait()
}

// heldPartitions is the partitions whose end offset is above 0.
func heldPartitions(ends *kmsg.ListOffsetsResponse) map[string][]int32 {
	held := map[string][]int32{}
	for _, t := range ends.Topics {
		for _, p := range t.Partitions {
			if p.Offset > 0 {
				held[t.Topic] = append(held[t.Topic], p.Partition)
			}
		}
	}
	return held
}

func logDirs(ctx context.Context, b *kgo.Broker, parts map[string][]int32) (*kmsg.DescribeLogDirsResponse, error) {
	dirs := kmsg.NewPtrDescribeLogDirsRequest()
	for t, ps := range parts {
		rt := kmsg.NewDescribeLogDirsRequestTopic()
		rt.Topic, rt.Partitions = t, ps
		dirs.Topics = append(dirs.Topics, rt)
	}
	return dirs.RequestWith(ctx, b)
}

func listOffsets(ctx context.Context, b *kgo.Broker, parts map[string][]int32, at int64) (*kmsg.ListOffsetsResponse, error) {
	req := kmsg.NewPtrListOffsetsRequest()
	req.ReplicaID = -1
	for t, ps := range parts {
		rt := kmsg.NewListOffsetsRequestTopic()
		rt.Topic = t
		for _, p := range ps {
			rp := kmsg.NewListOffsetsRequestTopicPartition()
			rp.Partition, rp.Timestamp, rp.CurrentLeaderEpoch = p, at, -1
			rt.Partitions = append(rt.Partitions, rp)
		}
		req.Topics = append(req.Topics, rt)
	}
	return req.RequestWith(ctx, b)
}
