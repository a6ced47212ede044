package devcluster

import (
	"fmt"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// refuseLargeBatches answers a produce request that carries a batch over
// MaxBatchBytes: that batch gets MESSAGE_TOO_LARGE with the limit, the
// request's other batches POLICY_VIOLATION, since kfake takes a request
// whole. Other requests go on to kfake.
func refuseLargeBatches(req *kmsg.ProduceRequest) (kmsg.Response, error, bool) {
	over := false
	for _, t := range req.Topics {
		for _, p := range t.Partitions {
			over = over || len(p.Records) > MaxBatchBytes
		}
	}
	if !over {
		return nil, nil, false
	}
	if req.Acks == 0 {
		return nil, nil, true // such a producer reads no answer
	}
	resp := req.ResponseKind().(*kmsg.ProduceResponse)
	resp.Version = req.Version
	for _, t := range req.Topics {
		rt := kmsg.NewProduceResponseTopic()
		rt.Topic, rt.TopicID = t.Topic, t.TopicID
		for _, p := range t.Partitions {
			rp := kmsg.NewProduceResponseTopicPartition()
			rp.Partition = p.Partition
			msg := "not written: another batch in the request was over kafka dev's limit"
			rp.ErrorCode = kerr.PolicyViolation.Code
			if len(p.Records) > MaxBatchBytes {
				msg = fmt.Sprintf("kafka dev stores record batches of at most %d bytes, not %d", MaxBatchBytes, len(p.Records))
				rp.ErrorCode = kerr.MessageTooLarge.Code
			}
			rp.ErrorMessage = &msg
			rt.Partitions = append(rt.Partitions, rp)
		}
		resp.Topics = append(resp.Topics, rt)
	}
	return resp, nil, true
}
