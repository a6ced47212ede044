package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// TestRealAcceptance runs the acceptance scripts against real Apache
// Kafka with the same assertions, on each tested version in turn (4.4.0,
// then 3.9.1; KAFKATEST_KAFKA_VERSION picks one), each version on a
// cluster of its own that is stopped before the next starts, so the
// shared machine never holds two. The scripts run one at a time (they
// expect a cluster of their own, with fixed topic names), each on a
// cluster emptied first. KAFKATEST_SCRIPTS=a,b runs only those.
func TestRealAcceptance(t *testing.T) {
	files, err := filepath.Glob("testdata/script/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	only := map[string]bool{}
	for _, n := range strings.Split(os.Getenv("KAFKATEST_SCRIPTS"), ",") {
		if n != "" {
			only[strings.TrimSuffix(n, ".txtar")] = true
		}
	}
	var took time.Duration
	for _, v := range kafkatest.RealVersions() {
		// The package shares go test's -timeout with kafka dev's run of
		// the scripts: a version that cannot finish in the time left is
		// said so at once, rather than cut off by the timeout's panic,
		// which drops every result (seen at load average 80).
		if dl, ok := t.Deadline(); ok && took > 0 && time.Until(dl) < took*5/4 {
			msg := fmt.Sprintf("Kafka %s: %s left before -timeout, and the last version took %s", v, time.Until(dl).Round(time.Second), took.Round(time.Second))
			if os.Getenv(kafkatest.EnvRequireReal) == "1" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
		start := time.Now()
		t.Run("kafka-"+v, func(t *testing.T) {
			runRealScripts(t, kafkatest.RealOf(t, v), files, only)
		})
		took = time.Since(start)
		t.Logf("Kafka %s: the scripts took %s, the cluster's start and stop included", v, took.Round(time.Second))
	}
}

func runRealScripts(t *testing.T, c *kafkatest.RealCluster, files []string, only map[string]bool) {
	_, first, _ := strings.Cut(c.Brokers()[0], ":")
	port, err := strconv.Atoi(first)
	if err != nil {
		t.Fatal(err)
	}
	parts := brokerConfig(t, c, "num.partitions")
	setup := func(env *testscript.Env) error {
		env.Setenv("DEFAULT_PARTITIONS", parts)
		env.Setenv("CLUSTER_ID", c.ClusterID())
		ids := c.NodeIDs()
		env.Setenv("FIRST_BROKER_ID", strconv.Itoa(int(ids[0])))
		env.Setenv("BROKER_IDS", fmt.Sprintf("%d-%d", ids[0], ids[len(ids)-1]))
		return setupEnv(env, port, c.URL())
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txtar")
		if len(only) > 0 && !only[name] {
			continue
		}
		// The script inside runs in parallel with its siblings only, and
		// it has none: this Run returns once it has finished.
		t.Run(name, func(t *testing.T) {
			c.Reset(t)
			p := scriptParams(setup, true)
			p.Dir, p.Files = "", []string{f}
			testscript.Run(t, p)
		})
	}
}

// brokerConfig is a config's value on the cluster's first node.
func brokerConfig(t *testing.T, c *kafkatest.RealCluster, key string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rcs, err := kadm.NewClient(c.Client(t)).DescribeBrokerConfigs(ctx, c.NodeIDs()[0])
	if err == nil && len(rcs) == 1 {
		err = rcs[0].Err
	}
	if err != nil {
		t.Fatalf("describing node %d's configs: %v", c.NodeIDs()[0], err)
	}
	for _, cfg := range rcs[0].Configs {
		if cfg.Key == key && cfg.Value != nil {
			return *cfg.Value
		}
	}
	t.Fatalf("node %d has no %s", c.NodeIDs()[0], key)
	return ""
}
