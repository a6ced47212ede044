package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// setupScale creates the scale suite's topics and writes one record to
// each. It closes adm.
func setupScale(c *config, cl *cluster, adm *kadm.Client) error {
	const batch = 500
	for i := 0; i < c.topics; i += batch {
		var names []string
		for j := i; j < min(i+batch, c.topics); j++ {
			names = append(names, fmt.Sprintf("topic-%05d", j))
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		resps, err := adm.CreateTopics(ctx, 10, -1, nil, names...)
		cancel()
		if err != nil {
			adm.Close()
			return err
		}
		// A request that timed out is retried, and real Kafka then
		// answers that the topics its first try created exist.
		for _, r := range resps {
			if r.Err != nil && !errors.Is(r.Err, kerr.TopicAlreadyExists) {
				adm.Close()
				return fmt.Errorf("creating %s: %w", r.Topic, r.Err)
			}
		}
	}
	adm.Close()
	if err := waitTopics(cl, c.topics); err != nil {
		return err
	}
	// One record per topic, as in cmd's BenchmarkScale: topics with data
	// cost more to describe than empty ones, and a cluster with
	// thousands of topics has both.
	// In a process of its own, like the suites' loaders: the producer's
	// buffers stay out of this long-lived one.
	if _, err := measure("", c.self, "floor-seed", strings.Join(cl.brokers, ","), fmt.Sprint(c.topics)); err != nil {
		return err
	}
	return nil
}

// waitTopics waits until every broker's metadata has the n scale topics
// with a leader for each partition: real Kafka creates topics
// asynchronously, and the seeding producer would otherwise meet
// UNKNOWN_TOPIC_OR_PARTITION on a broker that has not caught up.
// Three real nodes on a loaded 2-core machine took over 3 minutes to
// create 10,000 partitions of 3 replicas.
const waitTopicsFor = 15 * time.Minute

func waitTopics(cl *cluster, n int) error {
	deadline := time.Now().Add(waitTopicsFor)
	for _, b := range cl.brokers {
		adm, err := (&cluster{brokers: []string{b}}).admin()
		if err != nil {
			return err
		}
		for {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			tds, err := adm.ListTopics(ctx)
			cancel()
			ready := 0
			if err == nil {
				for _, td := range tds {
					if td.Err == nil && strings.HasPrefix(td.Topic, "topic-") && allLed(td) {
						ready++
					}
				}
			}
			if ready >= n {
				break
			}
			if time.Now().After(deadline) {
				adm.Close()
				return fmt.Errorf("broker %s shows %d of %d topics with leaders after %s (%v)", b, ready, n, waitTopicsFor, err)
			}
			time.Sleep(200 * time.Millisecond)
		}
		adm.Close()
	}
	return nil
}

func allLed(td kadm.TopicDetail) bool {
	for _, p := range td.Partitions {
		if p.Err != nil || p.Leader < 0 {
			return false
		}
	}
	return len(td.Partitions) > 0
}

func produceOnePerTopic(brokers []string, topics int) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	if err != nil {
		return err
	}
	defer cl.Close()
	// 1,000 records to 1,000 topics on 3 real nodes took over a minute at
	// load average 80.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
	)
	for i := 0; i < topics; i++ {
		cl.Produce(ctx, &kgo.Record{Topic: fmt.Sprintf("topic-%05d", i), Value: []byte("hello")}, func(_ *kgo.Record, err error) {
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
		})
	}
	if err := cl.Flush(ctx); err != nil {
		return err
	}
	return firstErr
}
