package cluster

import (
	"testing"

	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafka-cli/kafka/internal/topics"
)

func TestHealthOf(t *testing.T) {
	ok := topics.Partition{Leader: 1, Replicas: []int32{1, 2}, ISR: []int32{1, 2}}
	under := topics.Partition{Leader: 1, Replicas: []int32{1, 2}, ISR: []int32{1}}
	off := topics.Partition{Leader: -1, Replicas: []int32{1}, ISR: []int32{}}
	noLeader := topics.Partition{Leader: 1, Replicas: []int32{1}, ISR: []int32{1}, Err: kerr.LeaderNotAvailable}
	count := func(ps ...topics.Partition) PartitionHealth {
		var h PartitionHealth
		for _, p := range ps {
			h.Add(p)
		}
		return h
	}
	for _, c := range []struct {
		brokers int
		h       PartitionHealth
		want    Health
	}{
		{3, count(ok, ok), Available},
		{3, count(), Available},
		{3, count(ok, under), Degraded},
		{3, count(ok, off), Degraded},
		{3, count(off, noLeader), Unavailable},
		{0, count(ok), Unavailable},
	} {
		if got := HealthOf(c.brokers, c.h); got != c.want {
			t.Errorf("HealthOf(%d, %+v) = %s, want %s", c.brokers, c.h, got, c.want)
		}
	}
	if h := count(under, noLeader); h.Offline != 1 || h.UnderReplicated != 1 || h.Total != 2 {
		t.Errorf("counts = %+v", h)
	}
}
