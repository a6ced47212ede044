package main

import (
	"fmt"
	"os"
	"strings"

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
