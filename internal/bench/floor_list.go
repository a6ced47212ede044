package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// floorList sends the requests kafka list's columns need, as list sends
// them, and keeps nothing of the answers: the time the broker takes to
// serve them, which no client of those columns can beat. One metadata
// request for every topic, then at once the two configs list shows and
// each leader's end offsets, then the start offsets and sizes of the
// partitions that hold something.
func floorList(brokers []string) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	brokersOnly := kmsg.NewPtrMetadataRequest()
	brokersOnly.Topics = []kmsg.MetadataRequestTopic{} // none; nil would be all
	learn, err := brokersOnly.RequestWith(ctx, cl)
	if err != nil {
		return err
	}
	if len(learn.Brokers) == 0 {
		return fmt.Errorf("no broker listed")
	}
	// Straight to a broker: through the client, franz-go would copy every
	// partition into its cache, which is client work, not the broker's.
	meta, err := kmsg.NewPtrMetadataRequest().RequestWith(ctx, cl.Broker(int(learn.Brokers[0].NodeID)))
	if err != nil {
		return err
	}
	byLeader := map[int32]map[string][]int32{}
	cfg := kmsg.NewPtrDescribeConfigsRequest()
	for _, t := range meta.Topics {
		if t.IsInternal {
			continue
		}
		r := kmsg.NewDescribeConfigsRequestResource()
		r.ResourceType, r.ResourceName, r.ConfigNames = kmsg.ConfigResourceTypeTopic, *t.Topic, []string{"retention.ms", "cleanup.policy"}
		cfg.Resources = append(cfg.Resources, r)
		for _, p := range t.Partitions {
			if byLeader[p.Leader] == nil {
				byLeader[p.Leader] = map[string][]int32{}
			}
			byLeader[p.Leader][*t.Topic] = append(byLeader[p.Leader][*t.Topic], p.Partition)
		}
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil {
			firstErr = err
		}
	}
	wg.Go(func() {
		if _, err := cfg.RequestWith(ctx, cl); err != nil {
			fail(err)
		}
	})
	for leader, parts := range byLeader {
		wg.Go(func() {
			b := cl.Broker(int(leader))
			ends, err := listOffsets(ctx, b, parts, -1)
			if err != nil {
				fail(err)
				return
			}
			held := map[string][]int32{}
			for _, t := range ends.Topics {
				for _, p := range t.Partitions {
					if p.Offset > 0 {
						held[t.Topic] = append(held[t.Topic], p.Partition)
					}
				}
			}
			var inner sync.WaitGroup
			inner.Go(func() {
				if _, err := listOffsets(ctx, b, held, -2); err != nil {
					fail(err)
				}
			})
			dirs := kmsg.NewPtrDescribeLogDirsRequest()
			for t, ps := range held {
				rt := kmsg.NewDescribeLogDirsRequestTopic()
				rt.Topic, rt.Partitions = t, ps
				dirs.Topics = append(dirs.Topics, rt)
			}
			if _, err := dirs.RequestWith(ctx, b); err != nil {
				fail(err)
			}
			inner.Wait()
		})
	}
	wg.Wait()
	return firstErr
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
