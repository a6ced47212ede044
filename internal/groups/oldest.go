package groups

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// OldestUnread reads the timestamp of the record at each lagging
// partition's committed offset (the oldest record the group has not read),
// so that lag can be told in time. kgo batches the partitions into one
// fetch per leader and returns whole batches, so each partition costs a
// small bounded read; it stops when every partition answered or ctx ends,
// returning what it got. A partition is lagging when its lag is known and
// above zero and its commit is still retained.
func OldestUnread(ctx context.Context, cl *kgo.Client, g *Group) map[string]map[int32]time.Time {
	want := map[string]map[int32]kgo.Offset{}
	left := 0
	for _, p := range g.Partitions {
		if p.Err != nil || p.Lag == nil || *p.Lag <= 0 || *p.Committed < p.Start {
			continue
		}
		if want[p.Topic] == nil {
			want[p.Topic] = map[int32]kgo.Offset{}
		}
		want[p.Topic][p.Partition] = kgo.NewOffset().At(*p.Committed)
		left++
	}
	got := map[string]map[int32]time.Time{}
	if left == 0 {
		return got
	}
	cl.AddConsumePartitions(want)
	defer cl.RemoveConsumePartitions(toPartitions(want))
	for left > 0 && ctx.Err() == nil {
		fs := cl.PollRecords(ctx, 0)
		fs.EachPartition(func(fp kgo.FetchTopicPartition) {
			if len(fp.Records) == 0 {
				return
			}
			// The first record is the one at the commit; the rest are
			// newer.
			r := fp.Records[0]
			if got[r.Topic] == nil {
				got[r.Topic] = map[int32]time.Time{}
			}
			if _, ok := got[r.Topic][r.Partition]; !ok {
				got[r.Topic][r.Partition] = r.Timestamp
				left--
			}
		})
		// Stop this partition's fetches once answered, so that a busy
		// partition does not stream records nobody reads.
		for t, ps := range got {
			rm := map[string][]int32{}
			for p := range ps {
				if _, ok := want[t][p]; ok {
					rm[t] = append(rm[t], p)
					delete(want[t], p)
				}
			}
			if len(rm) > 0 {
				cl.RemoveConsumePartitions(rm)
			}
		}
	}
	return got
}

func toPartitions(m map[string]map[int32]kgo.Offset) map[string][]int32 {
	out := map[string][]int32{}
	for t, ps := range m {
		for p := range ps {
			out[t] = append(out[t], p)
		}
	}
	return out
}
