package topics

import (
	"context"
	"errors"
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
// once, so there this costs one metadata request per broker. It returns a
// *NotVisibleError naming the brokers still behind when ctx ends (or
// ctx's error when no broker could be asked).
func WaitVisible(ctx context.Context, adm *kadm.Client, cl *kgo.Client, topic string, partitions int) error {
	err := UntilEveryBrokerShows(ctx, adm, cl, topic, func(t kmsg.MetadataResponseTopic) bool {
		return listsWhole(t, partitions)
	})
	if b := (*BehindError)(nil); errors.As(err, &b) {
		return &NotVisibleError{Topic: topic, Brokers: b.Brokers}
	}
	return err
}

// UntilEveryBrokerShows is UntilEveryBroker on topic's metadata: done
// says whether one broker's answer for the topic shows the change (it is
// not called for a broker that does not list the topic).
func UntilEveryBrokerShows(ctx context.Context, adm *kadm.Client, cl *kgo.Client, topic string, done func(kmsg.MetadataResponseTopic) bool) error {
	return UntilEveryBroker(ctx, adm, cl, func(ctx context.Context, b *kgo.Broker) (bool, error) {
		req := kmsg.NewPtrMetadataRequest()
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(topic)
		req.Topics = append(req.Topics, rt)
		resp, err := req.RequestWith(ctx, b)
		if err != nil {
			return false, err
		}
		for _, t := range resp.Topics {
			if t.Topic != nil && *t.Topic == topic {
				return done(t), nil
			}
		}
		return false, nil
	})
}

// BehindError names the brokers that had not yet applied a change (an ACL,
// a user's password, a move) when a wait on UntilEveryBroker ended.
type BehindError struct {
	Brokers []int32
}

func (e *BehindError) Error() string {
	return fmt.Sprintf("broker %v does not apply the change yet", e.Brokers)
}

// UntilEveryBroker asks every broker, at once, whether it has caught up
// (check), and asks those that have not again, at growing intervals, until
// each has or ctx ends; it then returns a *BehindError naming the brokers
// still behind, in order. Changes a real KRaft controller has accepted (topics, ACLs) reach
// each broker when it replays the metadata log, a moment apart, and a
// command run at once against a broker still behind would not see them.
// A broker that refuses the connection (just stopped) is not waited on:
// it catches up when it is back, before it serves again. Any other error
// is the broker listing's, when no broker could be asked.
func UntilEveryBroker(ctx context.Context, adm *kadm.Client, cl *kgo.Client, check func(context.Context, *kgo.Broker) (bool, error)) error {
	bm, err := RetryDial(ctx, func() (kadm.Metadata, error) { return adm.BrokerMetadata(ctx) })
	if err != nil {
		return err
	}
	behind := bm.Brokers.NodeIDs()
	for wait := 20 * time.Millisecond; ; wait = min(2*wait, 500*time.Millisecond) {
		behind = stillBehind(ctx, cl, behind, check)
		if len(behind) == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return &BehindError{Brokers: behind}
		case <-time.After(wait):
		}
	}
}

func stillBehind(ctx context.Context, cl *kgo.Client, brokers []int32, check func(context.Context, *kgo.Broker) (bool, error)) []int32 {
	var (
		mu     sync.Mutex
		behind []int32
		wg     sync.WaitGroup
	)
	for _, id := range brokers {
		wg.Go(func() {
			ok, err := check(ctx, cl.Broker(int(id)))
			if ok || (err != nil && ctx.Err() == nil && isDialError(err)) {
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

func listsWhole(t kmsg.MetadataResponseTopic, partitions int) bool {
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
