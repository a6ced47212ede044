package groups

import (
	"context"
	"sort"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// oldestRounds bounds the fetch rounds of OldestUnreadAll: groups reading
// one partition at offsets further apart than a fetch returns (about a
// MiB of records) need a round each, and those beyond the bound are left
// unknown rather than costing a request per group.
const oldestRounds = 3

// OldestUnread reads the timestamp of the record at each lagging
// partition's committed offset (the oldest record the group has not read),
// so that lag can be told in time. A partition is lagging when its lag is
// known and above zero and its commit is still retained. It stops when
// every partition answered or ctx ends, returning what it got.
func OldestUnread(ctx context.Context, cl *kgo.Client, g *Group) map[string]map[int32]time.Time {
	return OldestUnreadAll(ctx, cl, []*Group{g})[g.Name]
}

// OldestUnreadAll is OldestUnread for several groups, by group name, in
// at most oldestRounds rounds of fetches however many groups there are:
// each round fetches every partition once, from the lowest commit still
// unanswered, batched by kgo into one fetch per leader, and one answer
// serves every group whose commit falls inside the records it returned.
func OldestUnreadAll(ctx context.Context, cl *kgo.Client, gs []*Group) map[string]map[string]map[int32]time.Time {
	type want struct {
		group  string
		offset int64
	}
	pending := map[string]map[int32][]want{}
	got := map[string]map[string]map[int32]time.Time{}
	for _, g := range gs {
		got[g.Name] = map[string]map[int32]time.Time{}
		for _, p := range g.Partitions {
			if p.Err != nil || p.Lag == nil || *p.Lag <= 0 || *p.Committed < p.Start {
				continue
			}
			if pending[p.Topic] == nil {
				pending[p.Topic] = map[int32][]want{}
			}
			pending[p.Topic][p.Partition] = append(pending[p.Topic][p.Partition], want{g.Name, *p.Committed})
		}
	}
	for _, ps := range pending {
		for p, ws := range ps {
			sort.Slice(ws, func(i, j int) bool { return ws[i].offset < ws[j].offset })
			ps[p] = ws
		}
	}
	for round := 0; round < oldestRounds && len(pending) > 0 && ctx.Err() == nil; round++ {
		from := map[string]map[int32]kgo.Offset{}
		for t, ps := range pending {
			from[t] = map[int32]kgo.Offset{}
			for p, ws := range ps {
				from[t][p] = kgo.NewOffset().At(ws[0].offset)
			}
		}
		for t, ps := range fetchFrom(ctx, cl, from) {
			for p, recs := range ps {
				ws := pending[t][p]
				// Records are in offset order; a commit inside them is
				// answered by the first record at or after it.
				last := recs[len(recs)-1].Offset
				i := 0
				for ; i < len(ws) && ws[i].offset <= last; i++ {
					j := sort.Search(len(recs), func(k int) bool { return recs[k].Offset >= ws[i].offset })
					gt := got[ws[i].group]
					if gt[t] == nil {
						gt[t] = map[int32]time.Time{}
					}
					gt[t][p] = recs[j].Timestamp
				}
				if pending[t][p] = ws[i:]; len(ws[i:]) == 0 {
					delete(pending[t], p)
				}
			}
			if len(pending[t]) == 0 {
				delete(pending, t)
			}
		}
	}
	return got
}

// fetchFrom consumes each partition from its offset until each has
// returned records, or ctx ends, and returns what each first returned.
func fetchFrom(ctx context.Context, cl *kgo.Client, from map[string]map[int32]kgo.Offset) map[string]map[int32][]*kgo.Record {
	left := 0
	for _, ps := range from {
		left += len(ps)
	}
	got := map[string]map[int32][]*kgo.Record{}
	cl.AddConsumePartitions(from)
	defer cl.RemoveConsumePartitions(toPartitions(from))
	for left > 0 && ctx.Err() == nil {
		fs := cl.PollRecords(ctx, 0)
		rm := map[string][]int32{}
		fs.EachPartition(func(fp kgo.FetchTopicPartition) {
			if len(fp.Records) == 0 {
				return
			}
			if _, ok := got[fp.Topic][fp.Partition]; ok {
				return
			}
			if got[fp.Topic] == nil {
				got[fp.Topic] = map[int32][]*kgo.Record{}
			}
			got[fp.Topic][fp.Partition] = fp.Records
			rm[fp.Topic] = append(rm[fp.Topic], fp.Partition)
			left--
		})
		// Stop answered partitions' fetches, so that a busy partition does
		// not stream records nobody reads.
		if len(rm) > 0 {
			cl.RemoveConsumePartitions(rm)
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
