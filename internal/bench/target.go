package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// The real-cluster target. -real starts a 3-node Apache Kafka cluster
// with the test harness (internal/kafkatest: java and mvn, jars from Maven
// Central) for each suite, and stops it when the suite ends: a cluster
// that holds the scale suite's 10,000 replicated partitions stays about a
// third busy on two cores, so a suite run after it on the same brokers
// would measure them. -brokers names a running cluster, shared by the
// suites. The tail, write and scale suites then run on it instead of
// kafka dev.
type target struct {
	real    bool   // -real
	version string // -kafka-version, for -real
	brokers string // -brokers
	started bool   // a -real cluster has been started
	shared  *cluster
}

func (tg *target) remote() bool { return tg.real || tg.brokers != "" }

// realSuites are the suites that can run on a real cluster: filter and
// schema need kafka dev (the schema suite its registry).
var realSuites = []string{"tail", "write", "scale"}

// describe says in the report which cluster the figures are from.
func (tg *target) describe() string {
	switch {
	case tg.started:
		return fmt.Sprintf("real Apache Kafka %s, 3 combined KRaft nodes on loopback (internal/kafkatest's harness, -Xmx%s each)", tg.version, realHeap)
	case tg.brokers != "":
		return "the cluster at " + tg.brokers
	}
	return "`kafka dev --memory`, 3 brokers, in its own process"
}

// realHeap is each node's heap for the benchmarks: the tests' 320 MiB
// is too small for 10,000 partitions with 1,000,000 records beside them.
const realHeap = "1g"

// cluster is the suite's cluster: kafka dev or a real one of its own,
// started for the suite and stopped by its stop, or the running cluster
// of -brokers, shared by the suites.
func (tg *target) cluster(c *config) (*cluster, error) {
	switch {
	case tg.real:
		if os.Getenv("KAFKATEST_JVM_OPTS") == "" {
			os.Setenv("KAFKATEST_JVM_OPTS", "-Xmx"+realHeap)
		}
		fmt.Fprintf(os.Stderr, "starting real Apache Kafka %s (3 nodes)...\n", tg.version)
		rc, err := kafkatest.StartReal(tg.version)
		if err != nil {
			return nil, err
		}
		tg.started = true
		return &cluster{brokers: rc.Brokers(), real: rc}, nil
	case tg.brokers != "":
		if tg.shared == nil {
			tg.shared = &cluster{brokers: strings.Split(tg.brokers, ",")}
		}
		return tg.shared, nil
	}
	return startCluster(c, 3)
}

// goals is the suite's targets line: kafka dev's, or issue 7's for a real
// cluster.
func (tg *target) goals(dev, real string) string {
	if tg.remote() {
		return real
	}
	return dev
}
