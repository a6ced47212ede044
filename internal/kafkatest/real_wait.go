package kafkatest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// The waits below ask every running node for its own view with a metadata
// request sent straight to that node. They never go through kadm's
// BrokerMetadata: franz-go answers a topic-less metadata request from its
// cached broker list once it has one, and refreshes that list only every
// MetadataMaxAge (5 minutes). A node that has just opened its listeners
// can answer the first request before it has applied its own unfencing
// (seen on 3.9.1), and a client that cached that answer kept saying the
// node was not registered for longer than any timeout here.

// waitServing waits until every given node answers metadata on its own
// PLAINTEXT listener and every running node lists it as a registered
// broker.
func (c *RealCluster) waitServing(timeout time.Duration, nodes ...*realNode) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for _, n := range nodes {
		last := "no answer"
		err := pollUntil(ctx, n, c, func(ctx context.Context) bool {
			views, err := c.nodeViews(ctx, nil)
			if err != nil {
				last = err.Error()
				return false
			}
			for _, v := range views {
				if !slices.Contains(v.brokers, n.id) {
					last = fmt.Sprintf("node %d lists brokers %v", v.node, v.brokers)
					return false
				}
			}
			return true
		})
		if err != nil {
			return fmt.Errorf("node %d not serving after %v: %w; last: %s", n.id, timeout, err, last)
		}
	}
	return nil
}

// nodeView is one node's answer to a metadata request sent to it alone.
type nodeView struct {
	node    int32
	brokers []int32
	resp    *kmsg.MetadataResponse
}

// nodeViews asks every running node for metadata (topics nil: none; an
// empty slice: all), and fails when one does not answer.
func (c *RealCluster) nodeViews(ctx context.Context, topics []string) ([]nodeView, error) {
	var views []nodeView
	for _, n := range c.nodes {
		if p, _ := c.running(n); p == nil {
			continue
		}
		resp, err := c.askNode(ctx, n, topics)
		if err != nil {
			return nil, fmt.Errorf("node %d: %w", n.id, err)
		}
		v := nodeView{node: n.id, resp: resp}
		for _, b := range resp.Brokers {
			v.brokers = append(v.brokers, b.NodeID)
		}
		slices.Sort(v.brokers)
		views = append(views, v)
	}
	return views, nil
}

func (c *RealCluster) askNode(ctx context.Context, n *realNode, topics []string) (*kmsg.MetadataResponse, error) {
	cl, err := kgo.NewClient(kgo.SeedBrokers(fmt.Sprintf("127.0.0.1:%d", n.plain)))
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	req := kmsg.NewPtrMetadataRequest()
	if topics == nil {
		req.Topics = []kmsg.MetadataRequestTopic{}
	}
	for _, t := range topics {
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(t)
		req.Topics = append(req.Topics, rt)
	}
	return req.RequestWith(ctx, cl.SeedBrokers()[0])
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

// WaitHealthy waits until every running node lists every node as a
// registered broker and sees every partition with a leader and its full
// ISR.
func (c *RealCluster) WaitHealthy(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), nodeTimeout)
	defer cancel()
	last := "no answer"
	err := pollUntil(ctx, nil, c, func(ctx context.Context) bool {
		views, err := c.nodeViews(ctx, []string{})
		if err != nil {
			last = err.Error()
			return false
		}
		if len(views) != len(c.nodes) {
			last = fmt.Sprintf("%d of %d nodes running", len(views), len(c.nodes))
			return false
		}
		for _, v := range views {
			if len(v.brokers) != len(c.nodes) {
				last = fmt.Sprintf("node %d lists brokers %v", v.node, v.brokers)
				return false
			}
			if bad := unhealthy(v.resp); bad != "" {
				last = fmt.Sprintf("node %d sees %s", v.node, bad)
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("kafkatest: cluster not healthy within %v: %s", nodeTimeout, last)
	}
}

// unhealthy names the first partition without a leader or a full ISR.
func unhealthy(m *kmsg.MetadataResponse) string {
	for _, td := range m.Topics {
		if td.ErrorCode != 0 {
			return fmt.Sprintf("topic %s: error %d", *td.Topic, td.ErrorCode)
		}
		for _, p := range td.Partitions {
			if p.Leader < 0 || len(p.ISR) < len(p.Replicas) {
				return fmt.Sprintf("%s/%d: leader %d, ISR %v of %v", *td.Topic, p.Partition, p.Leader, p.ISR, p.Replicas)
			}
		}
	}
	return ""
}
