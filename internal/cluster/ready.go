package cluster

import (
	"context"

	"github.com/twmb/franz-go/pkg/kadm"
)

// Readiness is what one metadata request says about whether the cluster
// (or one topic) is ready: every partition led, every replica in sync.
type Readiness struct {
	Missing         bool // the one topic asked for does not exist (yet)
	NoPartitions    bool // it exists but has no partitions yet
	Partitions      int
	Leaderless      int
	UnderReplicated int
}

// Ready reports whether the partitions are all led and fully in sync; a
// topic asked for must exist and have partitions.
func (r Readiness) Ready() bool {
	return !r.Missing && !r.NoPartitions && r.Leaderless+r.UnderReplicated == 0
}

// CheckReady issues one metadata request for topic, or for every topic
// when topic is empty. With no topic, a cluster without partitions is
// ready: there is nothing to wait for.
func CheckReady(ctx context.Context, adm *kadm.Client, topic string) (Readiness, error) {
	var (
		tds kadm.TopicDetails
		err error
	)
	if topic != "" {
		tds, err = adm.ListTopicsWithInternal(ctx, topic)
	} else {
		tds, err = adm.ListTopicsWithInternal(ctx)
	}
	if err != nil {
		return Readiness{}, err
	}
	var r Readiness
	for _, td := range tds {
		if td.Err != nil {
			if topic != "" {
				return Readiness{Missing: true}, nil
			}
			continue
		}
		for _, p := range td.Partitions {
			r.Partitions++
			switch {
			case p.Leader < 0 || p.Err != nil:
				r.Leaderless++
			case len(p.ISR) < len(p.Replicas):
				r.UnderReplicated++
			}
		}
	}
	r.NoPartitions = topic != "" && r.Partitions == 0
	return r, nil
}
