package topics

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// byLeader groups the partitions of the index by their leader, as the
// metadata Describe fetched named them; leaderless partitions are counted.
func (ix *index) byLeader(want func(*Partition) bool) (leaders map[int32][]partRef, leaderless int) {
	leaders = make(map[int32][]partRef)
	for i := range ix.sums {
		ps := ix.sums[i].Partitions
		for j := range ps {
			p := &ps[j]
			if want != nil && !want(p) {
				continue
			}
			if p.Leader < 0 || p.Err != nil {
				leaderless++
				continue
			}
			leaders[p.Leader] = append(leaders[p.Leader], partRef{ix.names[i], p.Partition})
		}
	}
	return leaders, leaderless
}

// partRef names a partition. The requests are built from these rather
// than from the entries, which other requests' answers are filling in.
type partRef struct {
	topic     string
	partition int32
}

// offsets lists each partition's start and end offsets and, unless since
// is zero, its first offset at or after since.
//
// One request may not name a partition twice, so each kind is a request
// of its own to each leader. End offsets come first: an empty partition
// (end 0) starts at 0 and has no record after any time, so the other two
// kinds are asked only of the partitions that hold something. Clusters
// with thousands of topics have many empty partitions, and listing
// offsets is the brokers' largest cost here.
//
// then, when set, runs alongside the start and since listings, given the
// test for a partition that holds something; so does onEnd, given the
// end offsets (with cl only).
func (ix *index) offsets(ctx context.Context, adm *kadm.Client, cl *kgo.Client, since time.Time, then func(want func(*Partition) bool), onEnd func(context.Context, EndListing)) error {
	type kind struct {
		ts  int64
		set func(*Partition, kadm.ListedOffset)
	}
	kinds := []kind{
		{-1, func(p *Partition, lo kadm.ListedOffset) { p.End = lo.Offset }},
		{-2, func(p *Partition, lo kadm.ListedOffset) { p.Start = lo.Offset }},
	}
	if !since.IsZero() {
		kinds = append(kinds, kind{since.UnixMilli(), func(p *Partition, lo kadm.ListedOffset) { p.Since = lo }})
	}
	errs := make([]error, len(kinds))
	var wg sync.WaitGroup
	if cl == nil {
		for i, k := range kinds {
			wg.Go(func() { errs[i] = ix.listOffsetsKadm(ctx, adm, k.ts, k.set) })
		}
	} else {
		sw := time.Now()
		var listed *endSet
		if onEnd != nil {
			listed = ix.newEndSet()
			kinds[0].set = func(p *Partition, lo kadm.ListedOffset) { p.End = lo.Offset; listed.set(lo) }
		}
		errs[0] = ix.listOffsets(ctx, cl, kinds[0].ts, nil, kinds[0].set)
		if errs[0] == nil || Leaderless(errs[0]) {
			if onEnd != nil {
				e := EndListing{Time: sw.Add(time.Since(sw) / 2), End: listed.m}
				e.Again = func(ctx context.Context) (map[string]map[int32]int64, error) { return ix.listEndAgain(ctx, cl) }
				wg.Go(func() { onEnd(ctx, e) })
			}
			nonEmpty := func(p *Partition) bool { return p.End > 0 }
			for i, k := range kinds[1:] {
				wg.Go(func() { errs[i+1] = ix.listOffsets(ctx, cl, k.ts, nonEmpty, k.set) })
			}
			if then != nil {
				wg.Go(func() { then(nonEmpty) })
			}
		}
	}
	wg.Wait()
	err := firstErr(errs...)
	for _, e := range errs {
		if e != nil && !Leaderless(e) {
			err = e // a real failure outranks offline partitions
		}
	}
	return err
}

// listOffsets lists one kind of offset (timestamp -2 start, -1 end, or a
// millisecond time) for every partition of the index that want accepts
// (all when nil) and hands each answer without error to set.
//
// It sends one ListOffsets request to each partition leader that
// Describe's metadata named. Both kadm's ListXOffsets calls and franz-go's
// own sharding fetch metadata again first; on 50,000 partitions that
// metadata is most of the cost. The leaders are moments old; a partition
// whose leader moved since answers NOT_LEADER_OR_FOLLOWER and is shown
// without offsets. A by-time listing answers -1 for a partition with no
// record at or after the time; it is kept as is (kadm would list end
// offsets again).
//
// Partitions without a leader come back as a *kadm.ShardErrors of
// LEADER_NOT_AVAILABLE, which Leaderless recognises.
func (ix *index) listOffsets(ctx context.Context, cl *kgo.Client, timestamp int64, want func(*Partition) bool, set func(*Partition, kadm.ListedOffset)) error {
	leaders, leaderless := ix.byLeader(want)
	// A leader that refuses connections is a broker that has just died:
	// the cluster lists it until the controller fences it. Its partitions
	// are shown as leaderless rather than failing the whole listing,
	// unless no leader answered at all.
	var unreachable, reached atomic.Int64
	var dialErr atomic.Pointer[error]
	firstErr := eachLeader(leaders, func(leader int32, ps []partRef) error {
		req := kmsg.NewPtrListOffsetsRequest()
		req.Topics = make([]kmsg.ListOffsetsRequestTopic, 0, topicRuns(ps))
		eachTopicRun(ps, func(topic string, run []partRef) {
			rt := kmsg.NewListOffsetsRequestTopic()
			rt.Topic = topic
			rt.Partitions = make([]kmsg.ListOffsetsRequestTopicPartition, len(run))
			for i, p := range run {
				rt.Partitions[i] = kmsg.NewListOffsetsRequestTopicPartition()
				rt.Partitions[i].Partition = p.partition
				rt.Partitions[i].Timestamp = timestamp
			}
			req.Topics = append(req.Topics, rt)
		})
		resp, err := req.RequestWith(ctx, cl.Broker(int(leader)))
		if err != nil {
			if ctx.Err() == nil && isDialError(err) {
				unreachable.Add(int64(len(ps)))
				dialErr.CompareAndSwap(nil, &err)
				return nil
			}
			return err
		}
		reached.Add(1)
		var authErr error
		for _, t := range resp.Topics {
			ps := ix.partitions(t.Topic)
			for _, rp := range t.Partitions {
				perr := kerr.ErrorForCode(rp.ErrorCode)
				if perr != nil {
					if errors.Is(perr, kerr.TopicAuthorizationFailed) {
						authErr = cmpErr(authErr, perr)
					}
					continue
				}
				if p := partitionIn(ps, rp.Partition); p != nil {
					set(p, kadm.ListedOffset{
						Topic: t.Topic, Partition: rp.Partition, Timestamp: rp.Timestamp,
						Offset: rp.Offset, LeaderEpoch: rp.LeaderEpoch,
					})
				}
			}
		}
		return authErr
	})
	if firstErr != nil {
		return firstErr
	}
	if reached.Load() == 0 && unreachable.Load() > 0 {
		return *dialErr.Load()
	}
	leaderless += int(unreachable.Load())
	if leaderless > 0 {
		// The shape kadm gives, so Leaderless recognises it.
		errs := make([]kadm.ShardError, leaderless)
		for i := range errs {
			errs[i] = kadm.ShardError{Req: kmsg.NewPtrListOffsetsRequest(), Err: kerr.LeaderNotAvailable}
		}
		return &kadm.ShardErrors{Name: "ListOffsets", Errs: errs, AllFailed: len(leaders) == 0}
	}
	return nil
}

func (ix *index) listOffsetsKadm(ctx context.Context, adm *kadm.Client, timestamp int64, set func(*Partition, kadm.ListedOffset)) error {
	var (
		los kadm.ListedOffsets
		err error
	)
	switch timestamp {
	case -2:
		los, err = adm.ListStartOffsets(ctx, ix.names...)
	case -1:
		los, err = adm.ListEndOffsets(ctx, ix.names...)
	default:
		los, err = adm.ListOffsetsAfterMilli(ctx, timestamp, ix.names...)
	}
	los.Each(func(lo kadm.ListedOffset) {
		if p := ix.partition(lo.Topic, lo.Partition); p != nil && lo.Err == nil {
			set(p, lo)
		}
	})
	return err
}
