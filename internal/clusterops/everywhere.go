package clusterops

import (
	"context"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/topics"
)

// MovedEverywhere waits until every broker's metadata shows each move's
// partition with its new replicas, all in sync. Pending asks one broker;
// on Kafka 3.9 another broker still listed the replicas of the move's
// middle (old and new together) after that one showed it done, so a
// command run at once could show the move unfinished.
func MovedEverywhere(ctx context.Context, adm *kadm.Client, cl *kgo.Client, topic string, moves []Move) error {
	return everyBrokerShows(ctx, adm, cl, topic, func(parts map[int32]kmsg.MetadataResponseTopicPartition) bool {
		for _, m := range moves {
			p, ok := parts[m.Partition]
			if !ok || !sameSet(p.Replicas, m.New) || len(p.ISR) < len(m.New) {
				return false
			}
		}
		return true
	})
}

// ElectedEverywhere waits until every broker's metadata shows each
// election's partition led by its preferred replica.
func ElectedEverywhere(ctx context.Context, adm *kadm.Client, cl *kgo.Client, topic string, es []Election) error {
	return everyBrokerShows(ctx, adm, cl, topic, func(parts map[int32]kmsg.MetadataResponseTopicPartition) bool {
		for _, e := range es {
			if p, ok := parts[e.Partition]; !ok || p.Leader != e.Preferred {
				return false
			}
		}
		return true
	})
}

// everyBrokerShows asks every broker for topic's metadata until done
// holds for each one's partitions; a broker still behind when ctx ends
// is named in a *topics.BehindError.
func everyBrokerShows(ctx context.Context, adm *kadm.Client, cl *kgo.Client, topic string, done func(map[int32]kmsg.MetadataResponseTopicPartition) bool) error {
	behind, err := topics.UntilEveryBroker(ctx, adm, cl, func(ctx context.Context, b *kgo.Broker) (bool, error) {
		req := kmsg.NewPtrMetadataRequest()
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(topic)
		req.Topics = append(req.Topics, rt)
		resp, err := req.RequestWith(ctx, b)
		if err != nil {
			return false, err
		}
		parts := map[int32]kmsg.MetadataResponseTopicPartition{}
		for _, t := range resp.Topics {
			if t.Topic != nil && *t.Topic == topic {
				for _, p := range t.Partitions {
					parts[p.Partition] = p
				}
			}
		}
		return done(parts), nil
	})
	if len(behind) > 0 {
		return &topics.BehindError{Brokers: behind}
	}
	return err
}
