package devcluster

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Demo names and defaults.
const (
	DemoTopic = "router"
	DemoGroup = "metrics"
	// DemoAuditGroup keeps up with the producer on two members; its
	// second member can be stalled (DemoControl) to show "stalled".
	DemoAuditGroup = "audit"
	DemoPartitions = 8
	DemoRate       = 200
	// demoRetentionMs bounds the demo topic so an in-memory cluster left
	// running does not grow without limit.
	demoRetentionMs = 60 * 60 * 1000
	// demoCommitInterval is short so that consume rates estimated from
	// committed-offset deltas are accurate over a couple of seconds.
	demoCommitInterval = 200 * time.Millisecond
	// demoTick paces producer and consumer; at 200 msg/s that is 10
	// records per tick, smooth enough for per-second rates.
	demoTick = 50 * time.Millisecond
	// demoBatchBytes caps produced batches and each partition's share of
	// a fetch: a few records.
	demoBatchBytes = 1 << 10
)

// DemoOptions configure the demo workload.
type DemoOptions struct {
	// Rate is the producer's messages per second; the metrics group reads
	// at half of it, so its lag grows.
	Rate int
	// Ready, if set, is closed once the router topic exists.
	Ready chan<- struct{}
	// RegistryURL, if set, adds the Avro-encoded orders topic, whose
	// schema is registered there.
	RegistryURL string
	// Control, if set, stalls and resumes the audit group's second
	// member while the demo runs.
	Control *DemoControl
}

// DemoControl stalls one member of the audit group: it stops reading, so
// its committed offsets stop moving, while its heartbeats keep it in the
// group holding its partitions, as a consumer stuck on a record it cannot
// process does. The zero value runs unstalled.
type DemoControl struct{ stalled atomic.Bool }

// SetStalled stalls (true) or resumes (false) the member.
func (c *DemoControl) SetStalled(v bool) { c.stalled.Store(v) }

// Toggle flips the member between stalled and running and returns whether
// it is now stalled.
func (c *DemoControl) Toggle() bool {
	for {
		old := c.stalled.Load()
		if c.stalled.CompareAndSwap(old, !old) {
			return !old
		}
	}
}

// Stalled reports whether the member is stalled.
func (c *DemoControl) Stalled() bool { return c != nil && c.stalled.Load() }

// RunDemo creates the router topic and runs the producer and the metrics
// consumer group against brokers until ctx ends, and the orders producer
// when there is a registry. It returns nil on a
// clean stop.
func RunDemo(ctx context.Context, brokers []string, o DemoOptions) error {
	if o.Rate <= 0 {
		o.Rate = DemoRate
	}
	if err := createTopic(ctx, brokers, DemoTopic, DemoPartitions); err != nil {
		return err
	}
	if o.Ready != nil {
		close(o.Ready)
	}
	// Each audit member reads half the rate, so together they keep up
	// when each holds half the partitions. The first failure stops the
	// others: the demo is all or nothing.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := []func() error{
		func() error { return produceDemo(ctx, brokers, float64(o.Rate)) },
		func() error {
			return consumeDemo(ctx, brokers, DemoGroup, "kafka-dev-demo-metrics", float64(o.Rate)/2, nil)
		},
		func() error {
			return consumeDemo(ctx, brokers, DemoAuditGroup, "kafka-dev-demo-audit-1", float64(o.Rate), nil)
		},
		func() error {
			return consumeDemo(ctx, brokers, DemoAuditGroup, "kafka-dev-demo-audit-2", float64(o.Rate), o.Control.Stalled)
		},
	}
	if o.RegistryURL != "" {
		workers = append(workers, func() error { return produceOrders(ctx, brokers, o.RegistryURL) })
	}
	errc := make(chan error, len(workers))
	for _, w := range workers {
		go func() { errc <- w() }()
	}
	var err error
	for range workers {
		if e := <-errc; e != nil && err == nil {
			err = e
			cancel()
		}
	}
	return err
}

// pacer spreads work evenly: due returns how many units are owed since
// the start at the given rate.
type pacer struct {
	start time.Time
	rate  float64
	done  int64
}

func (p *pacer) due(now time.Time) int {
	want := int64(now.Sub(p.start).Seconds() * p.rate)
	return int(want - p.done)
}

func produceDemo(ctx context.Context, brokers []string, rate float64) error {
	cl, err := kgo.NewClient(
		kgo.SeedBrokers(brokers...),
		kgo.DefaultProduceTopic(DemoTopic),
		kgo.ClientID("kafka-dev-demo-producer"),
		// Batches no larger than the consumers' per-partition fetch share,
		// which a broker may otherwise skip for all but the first
		// partition of a fetch.
		kgo.ProducerBatchMaxBytes(demoBatchBytes),
	)
	if err != nil {
		return err
	}
	defer cl.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	paced(ctx, rate, func(n int) {
		for range n {
			line := NewRouterLine(rng)
			b, _ := json.Marshal(line)
			cl.Produce(ctx, &kgo.Record{Key: []byte(line.RequestID), Value: b}, nil)
		}
	})
	return nil
}

// consumeDemo reads DemoTopic in group at up to rate messages per second;
// while stalled (nil: never) says so it reads nothing, and its commits
// therefore stay where they are.
func consumeDemo(ctx context.Context, brokers []string, group, clientID string, rate float64, stalled func() bool) error {
	cl, err := kgo.NewClient(
		kgo.SeedBrokers(brokers...),
		kgo.ConsumerGroup(group),
		kgo.ConsumeTopics(DemoTopic),
		kgo.ClientID(clientID),
		kgo.AutoCommitInterval(demoCommitInterval),
		// Records are only polled when they are "processed", so a small
		// fetch buffer keeps the consumer from racing ahead in memory.
		// Each fetch takes at most one small batch (demoBatchBytes) of
		// every partition, and a poll drains a fetch partition by
		// partition, so a slow reader moves on all of them within a
		// fraction of a second rather than draining one partition's
		// backlog while the others stand still long enough to look
		// stalled.
		kgo.FetchMaxPartitionBytes(demoBatchBytes),
		kgo.FetchMaxBytes(2*DemoPartitions*demoBatchBytes), // room for every partition's share
	)
	if err != nil {
		return err
	}
	defer cl.Close()
	// Falling short (no records yet, or a rebalance) is not caught up
	// later in a burst: the metrics group reads at a steady pace.
	// A member stalls only once it has read something, so that its
	// partitions have a commit to stand still at: a member that never
	// committed is "unknown", not stalled.
	read := false
	paced(ctx, rate, func(n int) {
		if read && stalled != nil && stalled() {
			return
		}
		pctx, cancel := context.WithTimeout(ctx, demoTick)
		if cl.PollRecords(pctx, n).NumRecords() > 0 {
			read = true
		}
		cancel()
	})
	return nil
}

// paced calls work every demoTick with the number of units owed at rate
// since the start, until ctx ends.
func paced(ctx context.Context, rate float64, work func(n int)) {
	t := time.NewTicker(demoTick)
	defer t.Stop()
	p := &pacer{start: time.Now(), rate: rate}
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if n := p.due(now); n > 0 {
				work(n)
				p.done += int64(n)
			}
		}
	}
}

// RouterLine is one Heroku router log line as JSON.
type RouterLine struct {
	At        string `json:"at"`
	Method    string `json:"method"`
	Path      string `json:"path"`
	Host      string `json:"host"`
	RequestID string `json:"request_id"`
	Fwd       string `json:"fwd"`
	Dyno      string `json:"dyno"`
	Connect   string `json:"connect"`
	Service   string `json:"service"`
	Status    int    `json:"status"`
	Bytes     int    `json:"bytes"`
	Protocol  string `json:"protocol"`
}

var (
	demoPaths   = []string{"/", "/login", "/api/orders", "/api/orders/42", "/api/users/me", "/assets/app.js", "/assets/app.css", "/healthz", "/search?q=kafka"}
	demoMethods = []string{"GET", "GET", "GET", "GET", "POST", "PUT", "DELETE"}
)

// NewRouterLine makes a plausible router line: the dev demo produces them,
// and the benchmarks write them (about 250 bytes of JSON each).
func NewRouterLine(rng *rand.Rand) RouterLine {
	status := 200
	switch r := rng.IntN(100); {
	case r < 5:
		status = 304
	case r < 8:
		status = 404
	case r < 9:
		status = 500
	}
	// Addresses from the documentation ranges (RFC 5737): text only.
	fwd := fmt.Sprintf("203.0.113.%d", rng.IntN(254)+1)
	return RouterLine{
		At:        "info",
		Method:    demoMethods[rng.IntN(len(demoMethods))],
		Path:      demoPaths[rng.IntN(len(demoPaths))],
		Host:      "demo-app.herokuapp.com",
		RequestID: fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", rng.Uint32(), rng.Uint32()&0xffff, rng.Uint32()&0xffff, rng.Uint32()&0xffff, rng.Uint64()&0xffffffffffff),
		Fwd:       fwd,
		Dyno:      fmt.Sprintf("web.%d", rng.IntN(4)+1),
		Connect:   fmt.Sprintf("%dms", rng.IntN(3)),
		Service:   fmt.Sprintf("%dms", 5+rng.IntN(120)),
		Status:    status,
		Bytes:     200 + rng.IntN(8000),
		Protocol:  "https",
	}
}
