package kafkatest

import (
	"os"
	"strconv"
	"testing"
	"time"
)

// TestRealStability starts and stops a fresh cluster, then stops and
// restarts one node of it, KAFKATEST_STABILITY times each (it skips without
// that variable: a round takes a minute), and fails when any round does not
// come up. Run it per version to prove the harness on that version:
//
//	KAFKATEST_KAFKA_VERSION=3.9 KAFKATEST_STABILITY=5 go test -run TestRealStability -v ./internal/kafkatest
func TestRealStability(t *testing.T) {
	rounds, _ := strconv.Atoi(os.Getenv("KAFKATEST_STABILITY"))
	if rounds <= 0 {
		t.Skip("set KAFKATEST_STABILITY=N to start a cluster and restart a node N times")
	}
	if missing := missingTools(); missing != "" {
		t.Skipf("needs java and mvn (%s not found)", missing)
	}
	version := RealVersion()
	var c *RealCluster
	starts := 0
	for i := range rounds {
		began := time.Now()
		cl, err := startReal(version)
		if err != nil {
			t.Errorf("start %d of %s: %v", i+1, version, err)
			continue
		}
		starts++
		t.Logf("start %d of %s: serving after %v", i+1, version, time.Since(began).Round(time.Millisecond))
		c = cl
		if i < rounds-1 { // the last one stays for the restarts
			c.stopAll()
			os.RemoveAll(c.dir)
			c = nil
		}
	}
	if c == nil {
		t.Fatalf("%s: %d of %d starts served, and the last did not", version, starts, rounds)
	}
	defer func() {
		c.stopAll()
		if !t.Failed() {
			os.RemoveAll(c.dir)
		} else {
			t.Logf("logs kept in %s", c.dir)
		}
	}()
	c.Topic(t, 3, 3, nil)
	restarts := 0
	for i := range rounds {
		n := c.nodes[i%len(c.nodes)]
		c.StopNode(t, n.id)
		began := time.Now()
		if err := c.spawn(n); err != nil {
			t.Fatal(err)
		}
		if err := c.waitServing(nodeTimeout, n); err != nil {
			t.Errorf("restart %d (node %d): %v", i+1, n.id, err)
			continue
		}
		c.WaitHealthy(t)
		restarts++
		t.Logf("restart %d (node %d): healthy after %v", i+1, n.id, time.Since(began).Round(time.Millisecond))
	}
	t.Logf("Kafka %s: %d of %d starts and %d of %d node restarts served", version, starts, rounds, restarts, rounds)
}
