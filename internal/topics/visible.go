package topics

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// NotVisibleError says which brokers did not yet list a topic, with a
// leader for each of its partitions, when WaitVisible gave up.
type NotVisibleError struct {
	Topic   string
	Brokers []int32
}

func (e *NotVisibleError) Error() string {
	return fmt.Sprintf("topic %q is not yet listed by broker %v", e.Topic, e.Brokers)
}

// WaitVisible waits until every broker lists topic with partitions
// partitions (any number when partitions < 1), each with a leader. A real
// Kafka controller answers CreateTopics once the topic is in its log, and
// each broker learns of it when it replays that log: until then it
// answers UNKNOWN_TOPIC_OR_PARTITION, so `kafka topic`, `write` or `tail`
// run right after `create` would find nothing. kfake lists a topic at
// once, so there this costs one metadata request per broker. It asks
// each broker again, at growing intervals, until ctx ends, and then
// returns a *NotVisibleError naming the brokers still behind (or ctx's
// error when no broker could be asked).
func WaitVisible(ctx context.Context, adm *kadm.Client, cl *kgo.Client, topic string, partitions int) error {
	bm, err := RetryDial(ctx, func() (kadm.Metadata, error) { return adm.BrokerMetadata(ctx) })
	if err != nil {
		return err
	}
	behind := bm.Brokers.NodeIDs()
	for wait := 20 * time.Millisecond; ; wait = min(2*wait, 500*time.Millisecond) {
		behind = stillBehind(ctx, cl, behind, topic, partitions)
		if len(behind) == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return &NotVisibleError{Topic: topic, Brokers: behind}
		case <-time.After(wait):
		}
	}
}

// stillBehind asks each of the brokers, at once, for topic's metadata and
// returns those that do not list it whole, in order. A broker that cannot
// be asked (just stopped) is not waited on: it learns of the topic when
// it is back, before it serves again.
func stillBehind(ctx context.Context, cl *kgo.Client, brokers []int32, topic string, partitions int) []int32 {
	var (
		mu     sync.Mutex
		behind []int32
		wg     sync.WaitGroup
	)
	for _, id := range brokers {
		wg.Go(func() {
			req := kmsg.NewPtrMetadataRequest()
			rt := kmsg.NewMetadataRequestTopic()
			rt.Topic = kmsg.StringPtr(topic)
			req.Topics = append(req.Topics, rt)
			resp, err := req.RequestWith(ctx, cl.Broker(int(id)))
			if err != nil && ctx.Err() == nil && isDialError(err) {
				return
			}
			if err == nil && listsWhole(resp, topic, partitions) {
				return
			}
			mu.Lock()
			behind = append(behind, id)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(behind)
	return behind
}

func listsWhole(resp *kmsg.MetadataResponse, topic string, partitions int) bool {
	for _, t := range resp.Topics {
		if t.Topic == nil || *t.Topic != topic {
			continue
		}
		if kerr.ErrorForCode(t.ErrorCode) != nil || len(t.Partitions) == 0 ||
			(partitions > 0 && len(t.Partitions) != partitions) {
			return false
		}
		// A partition's own error can be REPLICA_NOT_AVAILABLE while a
		// replica is down; the leader is what readers and writers need.
		for _, p := range t.Partitions {
			if p.Leader < 0 {
				return false
			}
		}
		return true
	}
	return false
}
