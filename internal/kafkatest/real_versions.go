package kafkatest

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// RealVersions are the versions a test that runs once per tested version
// (the acceptance scripts) goes through, in order: the one
// EnvKafkaVersion names, or without it both pinned versions, the default
// first.
func RealVersions() []string {
	if strings.TrimSpace(os.Getenv(EnvKafkaVersion)) != "" {
		return []string{RealVersion()}
	}
	return []string{DefaultKafkaVersion, Kafka3Version}
}

// RealOf starts a cluster of the given version for this test alone, and
// stops it when the test ends, keeping the brokers' logs when it failed;
// so a test can run on one version after the other without two clusters
// sharing the machine at once. It skips or fails as Real does without
// java and mvn, and when Maven cannot resolve the version's jars (offline,
// say) it skips with one line, unless KAFKATEST_REQUIRE_REAL=1.
func RealOf(t testing.TB, version string) *RealCluster {
	t.Helper()
	skipWithoutTools(t)
	if _, err := resolveClasspath(version); err != nil {
		msg := fmt.Sprintf("real Kafka %s: %v; set %s=1 to fail instead of skipping", version, err, EnvRequireReal)
		if os.Getenv(EnvRequireReal) == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	c, err := StartReal(version)
	if err != nil {
		t.Fatalf("starting real Kafka %s: %v", version, err)
	}
	t.Cleanup(func() { c.Stop(t.Failed()) })
	return c
}

// StartReal starts a cluster of its own, not the package's shared one,
// for programs such as the benchmarks; Stop ends it.
func StartReal(version string) (*RealCluster, error) {
	if missing := missingTools(); missing != "" {
		return nil, fmt.Errorf("real Kafka needs java and mvn on PATH (%s not found)", missing)
	}
	return startReal(version)
}

// Stop ends every node and removes the cluster's folder, unless keepLogs,
// which names the folder on stderr instead.
func (c *RealCluster) Stop(keepLogs bool) {
	c.stopAll()
	if keepLogs {
		fmt.Fprintf(os.Stderr, "kafkatest: real Kafka %s logs kept in %s\n", c.version, c.dir)
		return
	}
	os.RemoveAll(c.dir)
}

func skipWithoutTools(t testing.TB) {
	t.Helper()
	if missing := missingTools(); missing != "" {
		msg := fmt.Sprintf("real Kafka tests need java and mvn on PATH (%s not found); set %s=1 to fail instead of skipping", missing, EnvRequireReal)
		if os.Getenv(EnvRequireReal) == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}
