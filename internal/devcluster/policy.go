package devcluster

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// The embedded brokers keep everything in memory, so kafka dev refuses what
// would exhaust them, with the Kafka error a real broker's policy or limit
// would give. A request for 100,000,000 partitions used to crash them.
const (
	// MaxTopicPartitions is the most partitions kafka dev gives a topic.
	MaxTopicPartitions = 10_000
	// MaxClusterPartitions is the most partitions of all topics together.
	MaxClusterPartitions = 50_000
	// MaxBatchBytes is the largest record batch kafka dev stores, whatever
	// a topic's max.message.bytes says.
	MaxBatchBytes = 8 << 20
	// MaxRequestBytes is the largest request kafka dev reads; it closes the
	// connection on a larger one, as a broker does beyond
	// socket.request.max.bytes (whose default this is).
	MaxRequestBytes = 100 << 20
)

// policy makes the cluster refuse requests over the limits above. kfake
// has no create.topic.policy of its own, so control functions answer them.
//
// The cluster-wide total is counted from the names of the topics there
// are, which the policy keeps itself (those listed at start and those
// asked for since), and kfake's PartitionInfos for each: a control
// function runs beside kfake's request loop, which serves such calls while
// it waits. A client of the policy's own would need SleepControl, and two
// such sleeps on one connection race inside kfake.
type policy struct {
	c     *kfake.Cluster
	mu    sync.Mutex
	names map[string]bool // topics that exist or were asked for
}

// addPolicy installs the policy on c. Topics are created only through
// CreateTopics (kafka dev creates none on first use), so the names it
// lists now and those it sees asked for are all there can be.
func addPolicy(c *kfake.Cluster) error {
	p := &policy{c: c, names: map[string]bool{}}
	if err := p.listNames(); err != nil {
		return err
	}
	c.ControlKey(kmsg.CreateTopics.Int16(), func(r kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		req := r.(*kmsg.CreateTopicsRequest)
		asked := map[string]int32{}
		for _, t := range req.Topics {
			asked[t.Topic] = max(t.NumPartitions, 1)
		}
		why := p.refusal(asked, false)
		if why == nil {
			return nil, nil, false
		}
		resp := req.ResponseKind().(*kmsg.CreateTopicsResponse)
		resp.Version = req.Version
		for _, t := range req.Topics {
			rt := kmsg.NewCreateTopicsResponseTopic()
			rt.Topic = t.Topic
			rt.ErrorCode, rt.ErrorMessage = why(t.Topic, "not created")
			resp.Topics = append(resp.Topics, rt)
		}
		return resp, nil, true
	})
	c.ControlKey(kmsg.CreatePartitions.Int16(), func(r kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		req := r.(*kmsg.CreatePartitionsRequest)
		asked := map[string]int32{}
		for _, t := range req.Topics {
			asked[t.Topic] = t.Count
		}
		why := p.refusal(asked, true)
		if why == nil {
			return nil, nil, false
		}
		resp := req.ResponseKind().(*kmsg.CreatePartitionsResponse)
		resp.Version = req.Version
		for _, t := range req.Topics {
			rt := kmsg.NewCreatePartitionsResponseTopic()
			rt.Topic = t.Topic
			rt.ErrorCode, rt.ErrorMessage = why(t.Topic, "not changed")
			resp.Topics = append(resp.Topics, rt)
		}
		return resp, nil, true
	})
	c.ControlKey(kmsg.Produce.Int16(), func(r kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return refuseLargeBatches(r.(*kmsg.ProduceRequest))
	})
	return nil
}

// listNames learns the topics a restarted cluster (--data) brought back.
// No control is installed yet, so an ordinary client may ask.
func (p *policy) listNames() error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(p.c.ListenAddrs()...))
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	topics, err := kadm.NewClient(cl).ListTopicsWithInternal(ctx)
	if err != nil {
		return fmt.Errorf("listing the topics kafka dev restored: %w", err)
	}
	for _, t := range topics {
		p.names[t.Topic] = true
	}
	return nil
}

// verdictFn is one topic's answer in a refused request.
type verdictFn func(topic, notDone string) (int16, *string)

// refusal decides a request that asks for partition counts per topic (new
// topics, or new totals of existing ones when existing is set). It returns
// nil when the request may go ahead. The topic over a limit says why, and
// the others that they were refused with it, since Kafka applies such a
// request whole or not at all.
func (p *policy) refusal(asked map[string]int32, existing bool) verdictFn {
	for t, n := range asked {
		if n > MaxTopicPartitions {
			return func(topic, notDone string) (int16, *string) {
				if topic == t {
					msg := fmt.Sprintf("kafka dev allows at most %d partitions per topic, not %d", MaxTopicPartitions, n)
					return kerr.InvalidPartitions.Code, &msg
				}
				return withOther(notDone)
			}
		}
	}
	have, now := p.count(asked)
	added := 0
	for t, n := range asked {
		added += int(n)
		if existing {
			added -= now[t]
		}
	}
	if have+added <= MaxClusterPartitions {
		return nil
	}
	return func(string, string) (int16, *string) {
		msg := fmt.Sprintf("kafka dev allows at most %d partitions in all topics together; it has %d and this would add %d",
			MaxClusterPartitions, have, added)
		return kerr.PolicyViolation.Code, &msg
	}
}

func withOther(notDone string) (int16, *string) {
	msg := notDone + ": another topic in the request was refused"
	return kerr.PolicyViolation.Code, &msg
}

// count counts the partitions of every topic there is, in all and per
// topic, and remembers the topics of asked. A remembered name kfake no
// longer knows was deleted (or never created) and is forgotten.
func (p *policy) count(asked map[string]int32) (total int, perTopic map[string]int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	perTopic = map[string]int{}
	for t := range p.names {
		infos := p.c.PartitionInfos(t)
		if infos == nil {
			delete(p.names, t)
			continue
		}
		perTopic[t] = len(infos)
		total += len(infos)
	}
	// Remembered after counting: a topic being created does not exist yet,
	// so counting it now would forget it.
	for t := range asked {
		p.names[t] = true
	}
	return total, perTopic
}
