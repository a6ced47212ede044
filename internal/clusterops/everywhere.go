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
// command run at once could show the move unfinished. A broker still
// behind when ctx ends is named in a *topics.BehindError.
func MovedEverywhere(ctx context.Context, adm *kadm.Client, cl *kgo.Client, topic string, moves []Move) error {
	return topics.UntilEveryBrokerShows(ctx, adm, cl, topic, func(t kmsg.MetadataResponseTopic) bool {
		parts := partitionsOf(t)
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
	return topics.UntilEveryBrokerShows(ctx, adm, cl, topic, func(t kmsg.MetadataResponseTopic) bool {
		parts := partitionsOf(t)
		for _, e := range es {
			if p, ok := parts[e.Partition]; !ok || p.Leader != e.Preferred {
				return false
			}
		}
		return true
	})
}

func partitionsOf(t kmsg.MetadataResponseTopic) map[int32]kmsg.MetadataResponseTopicPartition {
	parts := make(map[int32]kmsg.MetadataResponseTopicPartition, len(t.Partitions))
	for _, p := range t.Partitions {
		parts[p.Partition] = p
	}
	return parts
}
