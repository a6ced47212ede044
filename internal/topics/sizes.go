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
		for _, p := range ps {
			t := p.topic
			if n := len(req.Topics); n == 0 || req.Topics[n-1].Topic != t {
				rt := kmsg.NewDescribeLogDirsRequestTopic()
				rt.Topic = t
				req.Topics = append(req.Topics, rt)
			}
			rt := &req.Topics[len(req.Topics)-1]
			rt.Partitions = append(rt.Partitions, p.partition)
		}
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
				for _, rp := range t.Partitions {
					// A partition moving between a broker's dirs
					// is also listed in the new one, as future.
					if p := ix.partition(t.Topic, rp.Partition); p != nil && p.Leader == leader && !rp.IsFuture {
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

// cmpErr keeps the first error.
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

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// isDialError reports whether err is a failure to connect, as to a broker
// that has just died.
func isDialError(err error) bool {
	var oe *net.OpError
	return errors.As(err, &oe) && oe.Op == "dial"
}
