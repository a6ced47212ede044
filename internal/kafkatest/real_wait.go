package kafkatest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// waitServing waits until every given node answers metadata on its own
// PLAINTEXT listener and the cluster lists it as a registered broker.
func (c *RealCluster) waitServing(timeout time.Duration, nodes ...*realNode) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for _, n := range nodes {
		cl, err := kgo.NewClient(kgo.SeedBrokers(fmt.Sprintf("127.0.0.1:%d", n.plain)))
		if err != nil {
			return err
		}
		last := "no answer"
		err = pollUntil(ctx, n, c, func(ctx context.Context) bool {
			m, err := kadm.NewClient(cl).BrokerMetadata(ctx)
			if err != nil {
				last = err.Error()
				return false
			}
			for _, b := range m.Brokers {
				if b.NodeID == n.id {
					return true
				}
			}
			last = fmt.Sprintf("brokers %v registered", m.Brokers.NodeIDs())
			return false
		})
		cl.Close()
		if err != nil {
			return fmt.Errorf("node %d not serving after %v: %w; last: %s", n.id, timeout, err, last)
		}
	}
	return nil
}

// pollUntil calls ok every 200ms until it holds, ctx ends, or (with n) the
// node's process exits.
func pollUntil(ctx context.Context, n *realNode, c *RealCluster, ok func(context.Context) bool) error {
	var done chan struct{}
	if n != nil {
		_, done = c.running(n)
		if done == nil {
			return fmt.Errorf("node %d is not running (see %s)", n.id, n.log)
		}
	}
	for {
		attempt, cancel := context.WithTimeout(ctx, 10*time.Second)
		good := ok(attempt)
		cancel()
		if good {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-done:
			return fmt.Errorf("node %d exited (see %s)", n.id, n.log)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// WaitHealthy waits until every node is a registered broker and every
// partition has a leader and its full ISR.
func (c *RealCluster) WaitHealthy(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), nodeTimeout)
	defer cancel()
	adm := kadm.NewClient(c.Client(t))
	var last string
	err := pollUntil(ctx, nil, c, func(ctx context.Context) bool {
		m, err := adm.Metadata(ctx)
		if err != nil {
			last = err.Error()
			return false
		}
		if len(m.Brokers) != len(c.nodes) {
			last = fmt.Sprintf("%d of %d brokers registered", len(m.Brokers), len(c.nodes))
			return false
		}
		for _, td := range m.Topics {
			for _, p := range td.Partitions {
				if p.Leader < 0 || len(p.ISR) < len(p.Replicas) {
					last = fmt.Sprintf("%s/%d: leader %d, ISR %v of %v", td.Topic, p.Partition, p.Leader, p.ISR, p.Replicas)
					return false
				}
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("kafkatest: cluster not healthy within %v: %s", nodeTimeout, last)
	}
}
