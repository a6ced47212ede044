package topics

import (
	"context"
	"errors"
	"sync"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// listOffsets lists one kind of offset (timestamp -2 start, -1 end, or a
// millisecond time) for every partition of tds, with one ListOffsets
// request to each partition leader that Describe's metadata named. Both
// kadm's ListXOffsets calls and franz-go's own sharding fetch metadata
// again first; on 50,000 partitions that metadata is most of the cost.
// The leaders are moments old; a partition whose leader moved since
// answers NOT_LEADER_OR_FOLLOWER and is shown without offsets.
//
// A by-time listing answers -1 for a partition with no record at or after
// the time; it is returned as is (kadm would list end offsets again).
//
// Partitions without a leader come back as a *kadm.ShardErrors of
// LEADER_NOT_AVAILABLE, which Leaderless recognises.
func listOffsets(ctx context.Context, cl *kgo.Client, tds kadm.TopicDetails, names []string, timestamp int64) (kadm.ListedOffsets, error) {
	byLeader := make(map[int32]*kmsg.ListOffsetsRequest)
	var leaderless []kadm.ShardError
	for _, t := range names {
		for _, pd := range tds[t].Partitions { // order is irrelevant to the broker
			if pd.Leader < 0 || pd.Err != nil {
				req := kmsg.NewPtrListOffsetsRequest()
				leaderless = append(leaderless, kadm.ShardError{Req: req, Err: kerr.LeaderNotAvailable})
				continue
			}
			req := byLeader[pd.Leader]
			if req == nil {
				req = kmsg.NewPtrListOffsetsRequest()
				byLeader[pd.Leader] = req
			}
			if n := len(req.Topics); n == 0 || req.Topics[n-1].Topic != t {
				rt := kmsg.NewListOffsetsRequestTopic()
				rt.Topic = t
				req.Topics = append(req.Topics, rt)
			}
			rp := kmsg.NewListOffsetsRequestTopicPartition()
			rp.Partition = pd.Partition
			rp.Timestamp = timestamp
			rt := &req.Topics[len(req.Topics)-1]
			rt.Partitions = append(rt.Partitions, rp)
		}
	}

	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		out      = make(kadm.ListedOffsets)
		firstErr error
	)
	for leader, req := range byLeader {
		wg.Go(func() {
			resp, err := req.RequestWith(ctx, cl.Broker(int(leader)))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			for _, t := range resp.Topics {
				m := out[t.Topic]
				if m == nil {
					m = make(map[int32]kadm.ListedOffset)
					out[t.Topic] = m
				}
				for _, p := range t.Partitions {
					perr := kerr.ErrorForCode(p.ErrorCode)
					if errors.Is(perr, kerr.TopicAuthorizationFailed) && firstErr == nil {
						firstErr = perr
					}
					m[p.Partition] = kadm.ListedOffset{
						Topic: t.Topic, Partition: p.Partition, Timestamp: p.Timestamp,
						Offset: p.Offset, LeaderEpoch: p.LeaderEpoch, Err: perr,
					}
				}
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return out, firstErr
	}
	if len(leaderless) > 0 {
		// The shape kadm gives, so Leaderless recognises it.
		return out, &kadm.ShardErrors{Name: "ListOffsets", Errs: leaderless, AllFailed: len(byLeader) == 0}
	}
	return out, nil
}
