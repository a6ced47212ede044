package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// tailLines collects tail --json's output as it is written, a record a line.
type tailLines struct {
	mu      sync.Mutex
	partial []byte
	recs    []tailLine
	bad     error
}

type tailLine struct {
	Partition int32  `json:"partition"`
	Offset    int64  `json:"offset"`
	Value     string `json:"value"`
}

func (c *tailLines) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.partial = append(c.partial, p...)
	for {
		i := bytes.IndexByte(c.partial, '\n')
		if i < 0 {
			break
		}
		var l tailLine
		if err := json.Unmarshal(c.partial[:i], &l); err != nil && c.bad == nil {
			c.bad = fmt.Errorf("line %q: %v", c.partial[:i], err)
		}
		c.recs = append(c.recs, l)
		c.partial = c.partial[i+1:]
	}
	return len(p), nil
}

func (c *tailLines) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.recs)
}

// reached reports whether every partition's records up to its end offset
// were shown.
func (c *tailLines) reached(ends map[int32]int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	next := map[int32]int64{}
	for _, r := range c.recs {
		next[r.Partition] = max(next[r.Partition], r.Offset+1)
	}
	for p, e := range ends {
		if next[p] < e {
			return false
		}
	}
	return true
}

// steadyWriter produces numbered records to a topic, a few every few
// milliseconds, and remembers which the cluster acknowledged.
type steadyWriter struct {
	cl     *kgo.Client
	topic  string
	stop   chan struct{}
	done   chan struct{}
	mu     sync.Mutex
	sent   int
	acked  map[string]bool
	failed error
}

func startSteadyWriter(t *testing.T, c *kafkatest.RealCluster, topic string) *steadyWriter {
	// The idempotent producer retries through failovers without
	// duplicating; no delivery timeout, so nothing is given up on.
	w := &steadyWriter{cl: c.Client(t, kgo.RecordDeliveryTimeout(0)), topic: topic,
		stop: make(chan struct{}), done: make(chan struct{}), acked: map[string]bool{}}
	go func() {
		defer close(w.done)
		tick := time.NewTicker(5 * time.Millisecond) // the write rate, not a wait
		defer tick.Stop()
		for {
			select {
			case <-w.stop:
				return
			case <-tick.C:
			}
			for range 5 {
				w.mu.Lock()
				v := fmt.Sprintf("r-%07d", w.sent)
				w.sent++
				w.mu.Unlock()
				w.cl.Produce(context.Background(), &kgo.Record{Topic: topic, Value: []byte(v)}, func(r *kgo.Record, err error) {
					w.mu.Lock()
					defer w.mu.Unlock()
					if err != nil {
						w.failed = err
						return
					}
					w.acked[string(r.Value)] = true
				})
			}
		}
	}()
	return w
}

func (w *steadyWriter) sentSoFar() int { w.mu.Lock(); defer w.mu.Unlock(); return w.sent }

// finish stops writing and waits for every record's acknowledgement.
func (w *steadyWriter) finish(t *testing.T) {
	t.Helper()
	close(w.stop)
	<-w.done
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := w.cl.Flush(ctx); err != nil {
		t.Fatalf("steady writer: flush: %v", err)
	}
	if w.failed != nil {
		t.Fatalf("steady writer: a record failed: %v", w.failed)
	}
}

// tailThrough follows an RF=3 topic with tail --json under steady writes
// while disrupt stops, kills and restarts nodes; disrupt calls progressed
// to wait until tail has shown as many records as were written by then.
// Afterwards every record written was shown once, and each partition's
// offsets came in order, without a gap.
func tailThrough(t *testing.T, disrupt func(c *kafkatest.RealCluster, topic string, progressed func())) {
	c := kafkatest.Real(t)
	c.WaitHealthy(t)
	topic := c.Topic(t, 3, 3, nil)
	// A topic just created may not have its leaders everywhere yet, and
	// tail's start would fail listing offsets (not what is tested here).
	adm := kadm.NewClient(c.Client(t))
	waitFor(t, time.Minute, func() bool { return len(endOffsets(context.Background(), adm, topic)) == 3 })
	began := time.Now()

	lines := &tailLines{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan result, 1)
	stderr := &syncBuffer{}
	go func() {
		code := runRealStreams(t, ctx, c, strings.NewReader(""), lines, stderr, "tail", topic, "--json", "--from", "beginning")
		done <- result{Code: code, Stderr: stderr.String()}
	}()
	w := startSteadyWriter(t, c, topic)
	progressed := func() {
		t.Helper()
		// At least one record: called before the writer's first tick,
		// n would be 0 and the fault would land while tail was starting.
		n := max(w.sentSoFar(), 1)
		deadline := time.Now().Add(3 * time.Minute)
		for lines.count() < n {
			select {
			case r := <-done:
				t.Fatalf("tail ended (exit %d) having shown %d of %d records; nodes see:\n%s\ntail stderr:\n%s",
					r.Code, lines.count(), n, nodeViewsOf(c, topic), r.Stderr)
			default:
			}
			if time.Now().After(deadline) {
				w.mu.Lock()
				acked, failed := len(w.acked), w.failed
				w.mu.Unlock()
				ends := endOffsets(context.Background(), kadm.NewClient(c.Client(t)), topic)
				t.Fatalf("tail showed %d records of the %d sent %v ago (%d acknowledged, producer error %v; end offsets %v); nodes see:\n%s\ntail stderr:\n%s",
					lines.count(), n, 3*time.Minute, acked, failed, ends, nodeViewsOf(c, topic), stderr.String())
			}
			time.Sleep(100 * time.Millisecond) // polling interval
		}
	}
	progressed()
	disrupt(c, topic, progressed)
	progressed()
	w.finish(t)

	ends := endOffsets(context.Background(), adm, topic)
	if len(ends) != 3 {
		t.Fatalf("end offsets of %d partitions, want 3: %v", len(ends), ends)
	}
	waitFor(t, 3*time.Minute, func() bool { return lines.reached(ends) })
	cancel()
	var r result
	select {
	case r = <-done:
	case <-time.After(time.Minute):
		t.Fatal("tail did not stop within a minute of Ctrl-C")
	}
	t.Logf("tail stderr:\n%s", r.Stderr)
	wantCode(t, r, 0)

	lines.mu.Lock()
	defer lines.mu.Unlock()
	if lines.bad != nil {
		t.Fatal(lines.bad)
	}
	next := map[int32]int64{}
	shown := map[string]bool{}
	for _, l := range lines.recs {
		if l.Offset != next[l.Partition] {
			t.Fatalf("partition %d: offset %d shown after %d (want %d: no gap, no repeat)", l.Partition, l.Offset, next[l.Partition]-1, next[l.Partition])
		}
		next[l.Partition]++
		if shown[l.Value] {
			t.Fatalf("record %q shown twice", l.Value)
		}
		shown[l.Value] = true
	}
	var total int64
	for p, e := range ends {
		if next[p] != e {
			t.Errorf("partition %d: shown up to %d, end offset %d", p, next[p], e)
		}
		total += e
	}
	for v := range w.acked {
		if !shown[v] {
			t.Fatalf("acknowledged record %q never shown", v)
		}
	}
	if len(w.acked) != w.sent || int64(len(lines.recs)) != total {
		t.Fatalf("%d records written, %d acknowledged, %d in the topic, %d shown", w.sent, len(w.acked), total, len(lines.recs))
	}
	t.Logf("%d records written and shown once each, in %v", w.sent, time.Since(began).Round(time.Millisecond))
}

// nodeViewsOf is what each node says of topic's partitions, asked alone.
func nodeViewsOf(c *kafkatest.RealCluster, topic string) string {
	var b strings.Builder
	for _, addr := range c.Brokers() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		cl, err := kgo.NewClient(kgo.SeedBrokers(addr))
		if err != nil {
			cancel()
			continue
		}
		req := kmsg.NewPtrMetadataRequest()
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(topic)
		req.Topics = append(req.Topics, rt)
		resp, err := req.RequestWith(ctx, cl.SeedBrokers()[0])
		cl.Close()
		cancel()
		if err != nil {
			fmt.Fprintf(&b, "%s: %v\n", addr, err)
			continue
		}
		var brokers []int32
		for _, br := range resp.Brokers {
			brokers = append(brokers, br.NodeID)
		}
		fmt.Fprintf(&b, "%s: brokers %v\n", addr, brokers)
		for _, td := range resp.Topics {
			for _, p := range td.Partitions {
				fmt.Fprintf(&b, "  %d: err %d leader %d epoch %d replicas %v isr %v offline %v\n",
					p.Partition, p.ErrorCode, p.Leader, p.LeaderEpoch, p.Replicas, p.ISR, p.OfflineReplicas)
			}
		}
	}
	return b.String()
}

// A node leading a partition is killed (SIGKILL) while tail --json follows
// under steady writes, and restarted later: nothing lost or repeated.
func TestRealTailFailover(t *testing.T) {
	tailThrough(t, func(c *kafkatest.RealCluster, topic string, progressed func()) {
		victim := leaderOf(t, c, topic, 0)
		c.KillNode(t, victim)
		restart := restartOnCleanup(t, c, victim)
		progressed() // tail goes on with the node dead
		restart()
		progressed()
	})
}

// All three nodes restart one after another (SIGTERM, start, healthy)
// while tail follows: it goes on, nothing lost or repeated.
func TestRealTailRollingRestart(t *testing.T) {
	tailThrough(t, func(c *kafkatest.RealCluster, _ string, progressed func()) {
		for _, id := range c.NodeIDs() {
			c.StopNode(t, id)
			restart := restartOnCleanup(t, c, id)
			progressed()
			restart()
			progressed()
		}
	})
}
