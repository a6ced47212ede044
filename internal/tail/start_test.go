package tail

import (
	"context"
	"math"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Right after a topic is created, or while a leader moves, real Kafka
// answers ListOffsets with LEADER_NOT_AVAILABLE for a moment (seen when
// tail started on a new RF=3 topic of a real 3-node cluster); tail lists
// again within its deadline rather than exiting. kfake never answers so,
// and a real broker only by chance, so ControlKey stands in for it.
func TestPlanListsAgainWhileLeaderNotAvailable(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(2, "t"))
	prod := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	kafkatest.Produce(t, prod, &kgo.Record{Topic: "t", Partition: 1, Value: []byte("v")})
	refused := refuseListOffsets(c, 6)
	cl := kafkatest.Client(t, c)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ranges, err := Plan(ctx, kadm.NewClient(cl), map[string][]int32{"t": {0, 1}}, From{Kind: FromBeginning}, 0, ReadUncommitted)
	if err != nil {
		t.Fatalf("Plan: %v (after %d refused listings)", err, refused.Load())
	}
	if len(ranges) != 2 || ranges[1].End != 1 {
		t.Fatalf("ranges %+v", ranges)
	}
}

// A listing that keeps failing ends with its error at the deadline.
func TestPlanGivesUpAtTheDeadline(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "t"))
	refuseListOffsets(c, math.MaxInt32)
	cl := kafkatest.Client(t, c)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	began := time.Now()
	if _, err := Plan(ctx, kadm.NewClient(cl), map[string][]int32{"t": {0}}, From{Kind: FromBeginning}, 0, ReadUncommitted); err == nil {
		t.Fatal("Plan succeeded against a partition that never lists")
	}
	if took := time.Since(began); took > 5*time.Second {
		t.Errorf("Plan took %v past its 2 s deadline", took)
	}
}

// refuseListOffsets answers c's next n ListOffsets requests with
// LEADER_NOT_AVAILABLE on every partition, counting them.
func refuseListOffsets(c *kfake.Cluster, n int32) *atomic.Int32 {
	var refused atomic.Int32
	c.ControlKey(int16(kmsg.ListOffsets), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		if refused.Load() >= n {
			return nil, nil, false
		}
		refused.Add(1)
		r := req.(*kmsg.ListOffsetsRequest)
		resp := r.ResponseKind().(*kmsg.ListOffsetsResponse)
		for _, rt := range r.Topics {
			st := kmsg.NewListOffsetsResponseTopic()
			st.Topic = rt.Topic
			for _, rp := range rt.Partitions {
				sp := kmsg.NewListOffsetsResponseTopicPartition()
				sp.Partition = rp.Partition
				sp.ErrorCode = kerr.LeaderNotAvailable.Code
				st.Partitions = append(st.Partitions, sp)
			}
			resp.Topics = append(resp.Topics, st)
		}
		return resp, nil, true
	})
	return &refused
}
