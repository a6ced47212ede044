// Package clusterops holds the cluster operations: per-broker load
// (Brokers) and replica placement and partition reassignment (Plan,
// Reassign). Kafka calls for those commands live here so that cmd stays
// free of kadm and kerr.
//
// It may import topics; only cmd imports it.
package clusterops

import (
	"context"
	"errors"
	"sort"
	"sync"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
)

// BrokerLoad is one broker and what it carries.
type BrokerLoad struct {
	ID   int32
	Host string // "" for a broker that replicas name but metadata does not list
	Port int32
	Rack *string
	// Up is false for a broker that partitions name as a replica but that
	// metadata does not list: it is down or gone.
	Up         bool
	Controller bool
	Leader     int // partitions it leads
	Replicas   int // partition replicas it holds
	// LogDirBytes is the size of its log dirs; nil when it did not say.
	LogDirBytes *int64
	// UnderReplicated is the partitions it leads with a replica out of
	// sync (Kafka's per-broker UnderReplicatedPartitions).
	UnderReplicated int
	// Offline is the partitions with a replica on it and no leader.
	Offline int
}

// Brokers describes every broker from one metadata request for all topics
// (internal ones included) and one DescribeLogDirs per broker, in parallel.
// A broker that fails DescribeLogDirs gets no size rather than failing the
// whole answer.
func Brokers(ctx context.Context, adm *kadm.Client) ([]BrokerLoad, error) {
	var (
		wg   sync.WaitGroup
		dirs kadm.DescribedAllLogDirs
	)
	wg.Go(func() { dirs, _ = adm.DescribeAllLogDirs(ctx, nil) })
	m, err := adm.Metadata(ctx)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	byID := map[int32]*BrokerLoad{}
	for _, b := range m.Brokers {
		byID[b.NodeID] = &BrokerLoad{ID: b.NodeID, Host: b.Host, Port: b.Port, Rack: b.Rack, Up: true, Controller: b.NodeID == m.Controller}
	}
	get := func(id int32) *BrokerLoad {
		if b, ok := byID[id]; ok {
			return b
		}
		b := &BrokerLoad{ID: id}
		byID[id] = b
		return b
	}
	for _, t := range m.Topics {
		for _, p := range t.Partitions {
			offline := p.Leader < 0 || errors.Is(p.Err, kerr.LeaderNotAvailable)
			for _, r := range p.Replicas {
				b := get(r)
				b.Replicas++
				if offline {
					b.Offline++
				}
			}
			if offline {
				continue
			}
			l := get(p.Leader)
			l.Leader++
			if len(p.ISR) < len(p.Replicas) {
				l.UnderReplicated++
			}
		}
	}
	for id, d := range dirs {
		if b, ok := byID[id]; ok && d.Error() == nil {
			size := d.Size()
			b.LogDirBytes = &size
		}
	}
	out := make([]BrokerLoad, 0, len(byID))
	for _, b := range byID {
		out = append(out, *b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}
