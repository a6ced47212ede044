package cmd

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// changesCluster reports whether an example changes the cluster, and so
// runs on a cluster of its own rather than on the shared demo.
func changesCluster(args []string) bool {
	if !readOnly[args[0]] {
		return true
	}
	return (args[0] == "config" && len(args) > 2) ||
		(args[0] == "consumer-groups" && len(args) > 1 && (args[1] == "reset" || args[1] == "destroy"))
}

// notOnDev are the examples that cannot run on kafka dev, and why; every
// other example that changes the cluster is run.
var notOnDev = map[string]string{
	"dev":     "is the cluster itself",
	"schemas": "needs a schema registry, which kafka dev does not run",
	"top":     "is a full-screen terminal view",
}

// Every example in --help that changes the cluster runs as written, each
// on a fresh `kafka dev` (3 brokers, as by default) holding what the demo
// holds: a "router" topic of 8 partitions with records and the "metrics"
// group, stopped as the reset and destroy examples require, plus the
// topics other examples name ("users", "orders"), and the SCRAM user alice
// for the users examples that change one. What an example reads on stdin
// (events.log, a password) is given as its stdin.
func TestHelpExamplesThatChangeTheCluster(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs a dev cluster per example")
	}
	ran := 0
	for _, ex := range helpExamples() {
		args := shellWords(ex)[1:]
		if !changesCluster(args) {
			continue
		}
		if why, skip := notOnDev[args[0]]; skip {
			t.Logf("not run: %s: %s %s", ex, args[0], why)
			continue
		}
		ran++
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			d := startDev(t, devOptions{Memory: true, Brokers: 3})
			c := d.c
			brokers := strings.Join(c.ListenAddrs(), ",")
			for _, topic := range []struct {
				name string
				n    int32
				cfg  map[string]string
			}{{"router", 8, nil}, {"users", 1, nil}, {"orders", 1, map[string]string{}}} {
				if args[0] == "create" && args[1] == topic.name {
					continue // the example creates it
				}
				if err := c.CreateTopic(topic.name, topic.n, topic.cfg); err != nil {
					t.Fatal(err)
				}
			}
			if args[0] != "create" || args[1] != "router" {
				var recs []*kgo.Record
				for p := range int32(8) {
					for range 200 {
						recs = append(recs, &kgo.Record{Topic: "router", Partition: p, Value: []byte(`{"status":200}`)})
					}
				}
				kafkatest.Produce(t, kafkatest.Client(t, c.Cluster, kgo.RecordPartitioner(kgo.ManualPartitioner())), recs...)
				consumeAndCommit(t, c.Cluster, "metrics", "router", 100).Close()
			}

			stdin := ""
			switch {
			case strings.Contains(ex, "< events.log"):
				stdin = "a\nb\n"
			case args[0] == "users":
				// A password file (< alice.password), or what the user
				// types at the prompt.
				stdin = "Alice-pw-1234\n"
				if args[1] != "create" {
					r := run(t, runOpts{stdin: stdin}, "-b", brokers, "users", "create", "alice")
					wantCode(t, r, 0)
				}
			}
			if strings.Contains(ex, "| kafka write router-copy") {
				// The shell pipeline: tail's output is write's input.
				if err := c.CreateTopic("router-copy", 1, nil); err != nil {
					t.Fatal(err)
				}
				r := run(t, runOpts{}, "-b", brokers, "tail", "router", "--json", "--from", "beginning", "--no-follow")
				wantCode(t, r, 0)
				stdin = r.Stdout
				args = shellWords(ex[strings.Index(ex, "| kafka ")+2:])[1:]
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			r := run(t, runOpts{ctx: ctx, stdin: stdin}, append([]string{"-b", brokers}, args...)...)
			if r.Code != 0 {
				t.Errorf("%s: exit %d: %s", ex, r.Code, r.Stderr)
			}
		})
	}
	if ran < 30 {
		t.Errorf("ran %d examples that change the cluster, want at least 30", ran)
	}
}
