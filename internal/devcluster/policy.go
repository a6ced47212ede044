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
	tooMany := func(n int32) *string {
		msg := fmt.Sprintf("kafka dev allows at most %d partitions per topic, not %d", MaxTopicPartitions, n)
		return &msg
	}
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
			rt.ErrorCode = kerr.PolicyViolation.Code
			msg := "not created: another topic in the request was refused"
			rt.ErrorMessage = &msg
			if t.NumPartitions > MaxTopicPartitions {
				rt.ErrorCode, rt.ErrorMessage = kerr.InvalidPartitions.Code, tooMany(t.NumPartitions)
			}
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
			rt.ErrorCode = kerr.PolicyViolation.Code
			msg := "not changed: another topic in the request was refused"
			rt.ErrorMessage = &msg
			if t.Count > MaxTopicPartitions {
				rt.ErrorCode, rt.ErrorMessage = kerr.InvalidPartitions.Code, tooMany(t.Count)
			}
			resp.Topics = append(resp.Topics, rt)
		}
		return resp, nil, true
	})
}
