package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// The real-cluster target. -real starts a 3-node Apache Kafka cluster
// with the test harness (internal/kafkatest: java and mvn, jars from Maven
// Central) once for the whole run; -brokers names a running cluster. The
// tail, write and scale suites then run on it instead of kafka dev.
type target struct {
	real    bool   // -real
	version string // -kafka-version, for -real
	brokers string // -brokers
	started *kafkatest.RealCluster
	shared  *cluster
}

func (tg *target) remote() bool { return tg.real || tg.brokers != "" }

// realSuites are the suites that can run on a real cluster: filter and
// schema need kafka dev (the schema suite its registry).
var realSuites = []string{"tail", "write", "scale"}

// describe says in the report which cluster the figures are from.
func (tg *target) describe() string {
	switch {
	case tg.started != nil:
		return fmt.Sprintf("real Apache Kafka %s, 3 combined KRaft nodes on loopback (internal/kafkatest's harness, -Xmx%s each)", tg.version, realHeap)
	case tg.brokers != "":
		return "the cluster at " + tg.brokers
	}
	return "`kafka dev --memory`, 3 brokers, in its own process"
}

// realHeap is each node's heap for the benchmarks: the tests' 320 MiB
// is too small for 10,000 partitions with 1,000,000 records beside them.
const realHeap = "1g"

// cluster is the suite's cluster: kafka dev, started per suite as before,
// or the real one, shared by the suites and stopped by close.
func (tg *target) cluster(c *config) (*cluster, error) {
	if !tg.remote() {
		return startCluster(c, 3)
	}
	if tg.shared == nil {
		brokers := strings.Split(tg.brokers, ",")
		if tg.real {
			if os.Getenv("KAFKATEST_JVM_OPTS") == "" {
				os.Setenv("KAFKATEST_JVM_OPTS", "-Xmx"+realHeap)
			}
			fmt.Fprintf(os.Stderr, "starting real Apache Kafka %s (3 nodes)...\n", tg.version)
			rc, err := kafkatest.StartReal(tg.version)
			if err != nil {
				return nil, err
			}
			tg.started, brokers = rc, rc.Brokers()
		}
		tg.shared = &cluster{brokers: brokers}
	}
	return tg.shared, nil
}

func (tg *target) close() {
	if tg.started != nil {
		tg.started.Stop(false)
	}
}

// goals is the suite's targets line: kafka dev's, or issue 7's for a real
// cluster.
func (tg *target) goals(dev, real string) string {
	if tg.remote() {
		return real
	}
	return dev
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
