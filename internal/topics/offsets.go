package topics

import (
	"context"
	"errors"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// listOffsets lists one kind of offset (timestamp -2 start, -1 end, or a
// millisecond time) for the given partitions, in one ListOffsets request
// per partition leader. franz-go shards it over the metadata it cached from
// Describe's own metadata request moments before, whereas each kadm
// ListXOffsets call fetches metadata again: on 50,000 partitions that
// metadata is most of the cost.
//
// A by-time listing answers -1 for a partition with no record at or after
// the time; it is returned as is (kadm would list end offsets again).
func listOffsets(ctx context.Context, cl *kgo.Client, parts map[string][]int32, timestamp int64) (kadm.ListedOffsets, error) {
	req := kmsg.NewPtrListOffsetsRequest()
	for t, ps := range parts {
		rt := kmsg.NewListOffsetsRequestTopic()
		rt.Topic = t
		for _, p := range ps {
			rp := kmsg.NewListOffsetsRequestTopicPartition()
			rp.Partition = p
			rp.Timestamp = timestamp
			rt.Partitions = append(rt.Partitions, rp)
		}
		req.Topics = append(req.Topics, rt)
	}
	out := make(kadm.ListedOffsets)
	if len(req.Topics) == 0 {
		return out, nil
	}
	var (
		leaderless []kadm.ShardError
		failed     int
	)
	shards := cl.RequestSharded(ctx, req)
	for _, sh := range shards {
		if sh.Err != nil {
			failed++
			if !errors.Is(sh.Err, kerr.LeaderNotAvailable) {
				return out, sh.Err
			}
			leaderless = append(leaderless, kadm.ShardError{Req: sh.Req, Err: sh.Err})
			continue
		}
		resp := sh.Resp.(*kmsg.ListOffsetsResponse)
		for _, t := range resp.Topics {
			m := out[t.Topic]
			if m == nil {
				m = make(map[int32]kadm.ListedOffset)
				out[t.Topic] = m
			}
			for _, p := range t.Partitions {
				perr := kerr.ErrorForCode(p.ErrorCode)
				if errors.Is(perr, kerr.TopicAuthorizationFailed) || errors.Is(perr, kerr.ClusterAuthorizationFailed) {
					return out, perr
				}
				m[p.Partition] = kadm.ListedOffset{
					Topic: t.Topic, Partition: p.Partition, Timestamp: p.Timestamp,
					Offset: p.Offset, LeaderEpoch: p.LeaderEpoch, Err: perr,
				}
			}
		}
	}
	if len(leaderless) > 0 {
		// The same shape kadm gives, so Leaderless recognises it.
		return out, &kadm.ShardErrors{Name: "ListOffsets", Errs: leaderless, AllFailed: failed == len(shards)}
	}
	return out, nil
}
