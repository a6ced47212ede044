package devcluster

import (
	"fmt"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// MaxTopicPartitions is the most partitions kafka dev gives a topic. The
// embedded brokers keep every partition in memory, so a request for
// 100,000,000 partitions used to crash them; a real broker would refuse it
// with a policy as well.
const MaxTopicPartitions = 10_000

// addPolicy makes the cluster refuse CreateTopics and CreatePartitions
// requests over MaxTopicPartitions with INVALID_PARTITIONS and a message,
// as a broker's create.topic.policy would. kfake has no such policy of its
// own, so a control function answers those requests.
func addPolicy(c *kfake.Cluster) {
	c.ControlKey(kmsg.CreateTopics.Int16(), func(r kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		req := r.(*kmsg.CreateTopicsRequest)
		refuse := false
		for _, t := range req.Topics {
			refuse = refuse || t.NumPartitions > MaxTopicPartitions
		}
		if !refuse {
			return nil, nil, false
		}
		resp := req.ResponseKind().(*kmsg.CreateTopicsResponse)
		resp.Version = req.Version
		for _, t := range req.Topics {
			rt := kmsg.NewCreateTopicsResponseTopic()
			rt.Topic = t.Topic
			rt.ErrorCode, rt.ErrorMessage = verdict(t.NumPartitions, "not created")
			resp.Topics = append(resp.Topics, rt)
		}
		return resp, nil, true
	})
	c.ControlKey(kmsg.CreatePartitions.Int16(), func(r kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		req := r.(*kmsg.CreatePartitionsRequest)
		refuse := false
		for _, t := range req.Topics {
			refuse = refuse || t.Count > MaxTopicPartitions
		}
		if !refuse {
			return nil, nil, false
		}
		resp := req.ResponseKind().(*kmsg.CreatePartitionsResponse)
		resp.Version = req.Version
		for _, t := range req.Topics {
			rt := kmsg.NewCreatePartitionsResponseTopic()
			rt.Topic = t.Topic
			rt.ErrorCode, rt.ErrorMessage = verdict(t.Count, "not changed")
			resp.Topics = append(resp.Topics, rt)
		}
		return resp, nil, true
	})
}

// verdict is one topic's answer in a refused request: the topic over the
// limit says why, and the others say they were refused with it, since
// Kafka applies such a request whole or not at all.
func verdict(partitions int32, notDone string) (int16, *string) {
	if partitions > MaxTopicPartitions {
		msg := fmt.Sprintf("kafka dev allows at most %d partitions per topic, not %d", MaxTopicPartitions, partitions)
		return kerr.InvalidPartitions.Code, &msg
	}
	msg := notDone + ": another topic in the request was refused"
	return kerr.PolicyViolation.Code, &msg
}
