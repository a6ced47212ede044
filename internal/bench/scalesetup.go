package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// scaleSetupFor bounds the scale suite's whole setup: creating the
// topics, waiting for them, and writing a record to each. On three real
// nodes a quiet machine needs well under a minute; this leaves room for
// a loaded one and still ends with a clear error rather than a hang.
const scaleSetupFor = 10 * time.Minute

// setupScale creates the scale suite's topics and writes one record to
// each, in as few requests as the cluster takes, each phase reported on
// stderr with its time.
func setupScale(c *config, cl *cluster) error {
	ctx, cancel := context.WithTimeout(context.Background(), scaleSetupFor)
	defer cancel()
	adm, err := cl.admin()
	if err != nil {
		return err
	}
	defer adm.Close()
	step := func(what string, start time.Time) {
		fmt.Fprintf(os.Stderr, "scale setup: %s in %s (load average %s)\n", what, time.Since(start).Round(time.Millisecond), loadAvg())
	}
	start := time.Now()
	if err := createScaleTopics(ctx, adm, c.topics); err != nil {
		return setupErr(ctx, err)
	}
	step(fmt.Sprintf("created %d topics", c.topics), start)
	start = time.Now()
	if err := waitScaleTopics(ctx, cl, c.topics); err != nil {
		return setupErr(ctx, err)
	}
	step("every partition led, with its full ISR, on every broker", start)
	// One record per topic, as in cmd's BenchmarkScale: topics with data
	// cost more to describe than empty ones, and a cluster with
	// thousands of topics has both.
	// In a process of its own, like the suites' loaders: the producer's
	// buffers stay out of this long-lived one.
	start = time.Now()
	left, _ := ctx.Deadline()
	if _, err := measure("", c.self, "floor-seed", strings.Join(cl.brokers, ","), fmt.Sprint(c.topics),
		time.Until(left).Round(time.Second).String()); err != nil {
		return setupErr(ctx, err)
	}
	step(fmt.Sprintf("wrote one record to each of the %d topics", c.topics), start)
	return nil
}

func setupErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("setup not done within %s (load average %s): %w", scaleSetupFor, loadAvg(), err)
	}
	return err
}

// createBatch is the topics per CreateTopics request: a KRaft controller
// refuses a request of more than 10,000 metadata records, and a topic of
// 10 partitions is 11.
const createBatch = 500

// createScaleTopics creates topic-00000… with 10 partitions each and the
// brokers' default replication factor. A topic the controller did not
// finish within the request's timeout is asked for again; real Kafka then
// answers that it exists.
func createScaleTopics(ctx context.Context, adm *kadm.Client, n int) error {
	adm.SetTimeoutMillis(60_000)
	for i := 0; i < n; i += createBatch {
		var names []string
		for j := i; j < min(i+createBatch, n); j++ {
			names = append(names, fmt.Sprintf("topic-%05d", j))
		}
		for len(names) > 0 {
			resps, err := adm.CreateTopics(ctx, 10, -1, nil, names...)
			if err != nil {
				return fmt.Errorf("creating %d topics: %w", len(names), err)
			}
			names = names[:0]
			for _, r := range resps.Sorted() {
				switch {
				case r.Err == nil, errors.Is(r.Err, kerr.TopicAlreadyExists):
				case errors.Is(r.Err, kerr.RequestTimedOut):
					names = append(names, r.Topic)
				default:
					return fmt.Errorf("creating %s: %w", r.Topic, r.Err)
				}
			}
		}
	}
	return nil
}

// waitScaleTopics waits until every broker's metadata has the n scale
// topics with a leader and the full ISR for each partition: real Kafka
// creates topics asynchronously, a broker that has not caught up answers
// UNKNOWN_TOPIC_OR_PARTITION, and an acks=all write to a partition whose
// followers have not started waits on them. One metadata request a
// second, to one broker at a time, keeps the polling from loading the
// brokers it waits on.
func waitScaleTopics(ctx context.Context, cl *cluster, n int) error {
	for _, b := range cl.brokers {
		adm, err := (&cluster{brokers: []string{b}}).admin()
		if err != nil {
			return err
		}
		ready, err := pollReady(ctx, adm, n)
		adm.Close()
		if err != nil {
			return fmt.Errorf("broker %s shows %d of %d topics with a leader and the full ISR on every partition: %w", b, ready, n, err)
		}
	}
	return nil
}

func pollReady(ctx context.Context, adm *kadm.Client, n int) (int, error) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	ready := 0
	for {
		tds, err := adm.ListTopics(ctx)
		if err == nil {
			ready = 0
			for _, td := range tds {
				if td.Err == nil && strings.HasPrefix(td.Topic, "topic-") && fullyReplicated(td) {
					ready++
				}
			}
			if ready >= n {
				return ready, nil
			}
		}
		select {
		case <-ctx.Done():
			if err == nil {
				err = ctx.Err()
			}
			return ready, err
		case <-tick.C:
		}
	}
}

func fullyReplicated(td kadm.TopicDetail) bool {
	for _, p := range td.Partitions {
		if p.Err != nil || p.Leader < 0 || len(p.ISR) < len(p.Replicas) {
			return false
		}
	}
	return len(td.Partitions) > 0
}

// produceOnePerTopic writes one record to each of topic-00000… and waits
// for every acknowledgement, within timeout.
func produceOnePerTopic(brokers []string, topics int, timeout time.Duration) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...),
		// The topics exist on every broker (waitScaleTopics), so an
		// unknown topic is a broker's metadata lagging: ask again.
		kgo.UnknownTopicRetries(-1), kgo.RecordDeliveryTimeout(timeout))
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var (
		mu       sync.Mutex
		failed   int
		firstErr error
	)
	for i := 0; i < topics; i++ {
		cl.Produce(ctx, &kgo.Record{Topic: fmt.Sprintf("topic-%05d", i), Value: []byte("hello")}, func(_ *kgo.Record, err error) {
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed++
				firstErr = cmp.Or(firstErr, err)
			}
		})
	}
	if err := cl.Flush(ctx); err != nil {
		return fmt.Errorf("records not all acknowledged within %s: %w", timeout, err)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d records failed: %w", failed, topics, firstErr)
	}
	return nil
}
