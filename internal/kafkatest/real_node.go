package kafkatest

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// nodeTimeout bounds one node's stop or restart.
const nodeTimeout = 3 * time.Minute

func (c *RealCluster) node(t testing.TB, id int32) *realNode {
	t.Helper()
	for _, n := range c.nodes {
		if n.id == id {
			return n
		}
	}
	t.Fatalf("kafkatest: no node %d", id)
	return nil
}

func (c *RealCluster) running(n *realNode) (*os.Process, chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n.proc == nil {
		return nil, nil
	}
	select {
	case <-n.done:
		return nil, nil
	default:
		return n.proc.Process, n.done
	}
}

// StopNode stops a node cleanly (SIGTERM) and waits until it has exited.
func (c *RealCluster) StopNode(t testing.TB, id int32) {
	t.Helper()
	if err := c.signal(c.node(t, id), syscall.SIGTERM, nodeTimeout); err != nil {
		t.Fatal(err)
	}
}

// KillNode crashes a node (SIGKILL) and waits until it has exited.
func (c *RealCluster) KillNode(t testing.TB, id int32) {
	t.Helper()
	if err := c.signal(c.node(t, id), syscall.SIGKILL, nodeTimeout); err != nil {
		t.Fatal(err)
	}
}

func (c *RealCluster) signal(n *realNode, sig syscall.Signal, wait time.Duration) error {
	p, done := c.running(n)
	if p == nil {
		return nil
	}
	p.Signal(sig)
	select {
	case <-done:
		return nil
	case <-time.After(wait):
		p.Kill()
		<-done
		return fmt.Errorf("kafkatest: node %d did not exit within %v of %v; killed it", n.id, wait, sig)
	}
}

// StartNode restarts a stopped node and waits until it serves again.
func (c *RealCluster) StartNode(t testing.TB, id int32) {
	t.Helper()
	n := c.node(t, id)
	if p, _ := c.running(n); p == nil {
		if err := c.spawn(n); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.waitServing(nodeTimeout, n); err != nil {
		t.Fatal(err)
	}
}

func (c *RealCluster) stopAll() {
	for _, n := range c.nodes {
		if p, _ := c.running(n); p != nil {
			p.Signal(syscall.SIGTERM)
		}
	}
	for _, n := range c.nodes {
		c.signal(n, syscall.SIGKILL, 30*time.Second)
	}
}

// Client is a super-user franz-go client on the PLAINTEXT listeners,
// closed when the test ends.
func (c *RealCluster) Client(t testing.TB, opts ...kgo.Opt) *kgo.Client {
	t.Helper()
	cl, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(c.Brokers()...)}, opts...)...)
	if err != nil {
		t.Fatalf("kgo client: %v", err)
	}
	t.Cleanup(cl.Close)
	return cl
}

var topicSeq atomic.Int64

var notTopicChar = regexp.MustCompile(`[^a-zA-Z0-9._-]+`)

// Topic creates a topic with a name unique in the shared cluster and waits
// until every running node sees each partition with a leader and its full
// ISR.
func (c *RealCluster) Topic(t testing.TB, partitions, rf int, configs map[string]string) string {
	t.Helper()
	base := notTopicChar.ReplaceAllString(t.Name(), "_")
	if len(base) > 180 {
		base = base[:180]
	}
	name := fmt.Sprintf("%s-%d-%d", base, os.Getpid(), topicSeq.Add(1))
	cfg := map[string]*string{}
	for k, v := range configs {
		cfg[k] = &v
	}
	ctx, cancel := context.WithTimeout(context.Background(), nodeTimeout)
	defer cancel()
	adm := kadm.NewClient(c.Client(t))
	resp, err := adm.CreateTopic(ctx, int32(partitions), int16(rf), cfg, name)
	if err == nil {
		err = resp.Err
	}
	if err != nil {
		t.Fatalf("kafkatest: creating topic %s: %v", name, err)
	}
	// Every node must know the topic's leaders, since the test may ask any.
	err = pollUntil(ctx, nil, c, func(ctx context.Context) bool {
		views, err := c.nodeViews(ctx, []string{name})
		if err != nil {
			return false
		}
		for _, v := range views {
			if len(v.resp.Topics) != 1 || len(v.resp.Topics[0].Partitions) != partitions || unhealthy(v.resp) != "" {
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("kafkatest: topic %s has no leaders: %v", name, err)
	}
	return name
}

// CreateSCRAMUser adds (or updates) a SCRAM user and waits until every
// node accepts its credentials. mech is SCRAM-SHA-512 or SCRAM-SHA-256.
func (c *RealCluster) CreateSCRAMUser(t testing.TB, mech, user, pass string) {
	t.Helper()
	var km kadm.ScramMechanism
	var auth func(scram.Auth) kgo.Opt
	switch mech {
	case "SCRAM-SHA-512":
		km, auth = kadm.ScramSha512, func(a scram.Auth) kgo.Opt { return kgo.SASL(a.AsSha512Mechanism()) }
	case "SCRAM-SHA-256":
		km, auth = kadm.ScramSha256, func(a scram.Auth) kgo.Opt { return kgo.SASL(a.AsSha256Mechanism()) }
	default:
		t.Fatalf("kafkatest: CreateSCRAMUser: unknown mechanism %q", mech)
	}
	ctx, cancel := context.WithTimeout(context.Background(), nodeTimeout)
	defer cancel()
	adm := kadm.NewClient(c.Client(t))
	res, err := adm.AlterUserSCRAMs(ctx, nil, []kadm.UpsertSCRAM{{User: user, Mechanism: km, Iterations: 4096, Password: pass}})
	if err == nil {
		err = res.Error()
	}
	if err != nil {
		t.Fatalf("kafkatest: creating SCRAM user %s: %v", user, err)
	}
	for _, n := range c.nodes {
		cl, err := kgo.NewClient(kgo.SeedBrokers(fmt.Sprintf("127.0.0.1:%d", n.sasl)), auth(scram.Auth{User: user, Pass: pass}))
		if err != nil {
			t.Fatal(err)
		}
		err = pollUntil(ctx, nil, c, func(ctx context.Context) bool { return cl.Ping(ctx) == nil })
		cl.Close()
		if err != nil {
			t.Fatalf("kafkatest: node %d does not accept SCRAM user %s: %v", n.id, user, err)
		}
	}
}
