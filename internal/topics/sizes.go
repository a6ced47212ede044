package topics

import (
	"context"
	"errors"
	"net"
	"sync"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// sizes asks each broker, in one request each and all at once, for the
// sizes of the partitions it leads (those of them that want accepts, all
// when nil): only the leader's copy counts
// (replicas hold the same data again), and asking for nothing in
// particular makes some brokers (kfake) list every partition of the
// cluster, several times the work.
func (ix *index) sizes(ctx context.Context, adm *kadm.Client, cl *kgo.Client, want func(*Partition) bool) error {
	leaders, _ := ix.byLeader(want)
	return eachLeader(leaders, func(leader int32, ps []partRef) error {
		req := kmsg.NewPtrDescribeLogDirsRequest()
		req.Topics = make([]kmsg.DescribeLogDirsRequestTopic, 0, topicRuns(ps))
		eachTopicRun(ps, func(topic string, run []partRef) {
			rt := kmsg.NewDescribeLogDirsRequestTopic()
			rt.Topic = topic
			rt.Partitions = make([]int32, len(run))
			for i, p := range run {
				rt.Partitions[i] = p.partition
			}
			req.Topics = append(req.Topics, rt)
		})
		var (
			resp *kmsg.DescribeLogDirsResponse
			err  error
		)
		if cl != nil {
			resp, err = req.RequestWith(ctx, cl.Broker(int(leader)))
		} else {
			resp, err = ix.sizesKadm(ctx, adm, leader, req)
		}
		if err == nil {
			err = kerr.ErrorForCode(resp.ErrorCode)
		}
		if err != nil {
			return err
		}
		for _, d := range resp.Dirs {
			for _, t := range d.Topics {
				ps := ix.partitions(t.Topic)
				for _, rp := range t.Partitions {
					// A partition moving between a broker's dirs
					// is also listed in the new one, as future.
					if p := partitionIn(ps, rp.Partition); p != nil && p.Leader == leader && !rp.IsFuture {
						p.SizeBytes = rp.Size
					}
				}
			}
		}
		return nil
	})
}

// sizesKadm sends req through kadm, when Describe has no kgo client.
func (ix *index) sizesKadm(ctx context.Context, adm *kadm.Client, leader int32, req *kmsg.DescribeLogDirsRequest) (*kmsg.DescribeLogDirsResponse, error) {
	set := make(kadm.TopicsSet)
	for _, t := range req.Topics {
		set.Add(t.Topic, t.Partitions...)
	}
	ds, err := adm.DescribeBrokerLogDirs(ctx, leader, set)
	if err != nil {
		return nil, err
	}
	resp := kmsg.NewPtrDescribeLogDirsResponse()
	for _, d := range ds {
		rd := kmsg.NewDescribeLogDirsResponseDir()
		for t, ps := range d.Topics {
			rt := kmsg.NewDescribeLogDirsResponseDirTopic()
			rt.Topic = t
			for _, p := range ps {
				rp := kmsg.NewDescribeLogDirsResponseDirTopicPartition()
				rp.Partition, rp.Size, rp.IsFuture = p.Partition, p.Size, p.IsFuture
				rt.Partitions = append(rt.Partitions, rp)
			}
			rd.Topics = append(rd.Topics, rt)
		}
		resp.Dirs = append(resp.Dirs, rd)
	}
	return resp, nil
}

// eachTopicRun calls fn for each run of one topic's partitions in ps, in
// order. A topic's partitions are adjacent in ps: byLeader lays them out
// topic by topic.
func eachTopicRun(ps []partRef, fn func(topic string, run []partRef)) {
	for i := 0; i < len(ps); {
		j := i + 1
		for j < len(ps) && ps[j].topic == ps[i].topic {
			j++
		}
		fn(ps[i].topic, ps[i:j])
		i = j
	}
}

// topicRuns counts eachTopicRun's runs, to size a request's topics.
func topicRuns(ps []partRef) int {
	n := 0
	eachTopicRun(ps, func(string, []partRef) { n++ })
	return n
}

// eachLeader runs fn for every leader's partitions, all at once (one
// request per broker each), and returns the first error.
func eachLeader(leaders map[int32][]partRef, fn func(leader int32, ps []partRef) error) error {
	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		firstErr error
	)
	for leader, ps := range leaders {
		wg.Go(func() {
			if err := fn(leader, ps); err != nil {
				mu.Lock()
				firstErr = cmpErr(firstErr, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return firstErr
}

// cmpErr keeps the first error.
func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// isDialError reports whether err is a failure to connect, as to a broker
// that has just died, or a request to a broker id the client's metadata no
// longer lists: franz-go's unexported errUnknownBroker, which a broker
// killed between a listing and the request to it gave (info exited 1 with
// "unknown broker" 9 s after a SIGKILL in a fresh-machine CI run).
func isDialError(err error) bool {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return true
	}
	for e := err; e != nil; e = errors.Unwrap(e) {
		if e.Error() == "unknown broker" {
			return true
		}
	}
	return false
}
