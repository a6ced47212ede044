package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// TestRealAcceptance runs the acceptance scripts against the package's
// real Apache Kafka cluster with the same assertions, one script at a
// time (they expect a cluster of their own, with fixed topic names), each
// on a cluster emptied first. KAFKATEST_SCRIPTS=a,b runs only those.
func TestRealAcceptance(t *testing.T) {
	c := kafkatest.Real(t)
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
	_, first, _ := strings.Cut(c.Brokers()[0], ":")
	port, err := strconv.Atoi(first)
	if err != nil {
		t.Fatal(err)
	}
	setup := func(env *testscript.Env) error {
		env.Setenv("CLUSTER_ID", c.ClusterID())
		env.Setenv("FIRST_BROKER_ID", strconv.Itoa(int(c.NodeIDs()[0])))
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
