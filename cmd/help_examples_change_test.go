package cmd

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/devcluster"
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
	"dev": "is the cluster itself",
	"top": "is a full-screen terminal view",
}

// exampleFiles are the files the examples name, in a directory of their
// own: the schemas the schemas examples register and check (order.avsc is
// the demo's orders schema, order-v2.avsc adds a field with a default,
// which keeps it compatible).
var exampleFiles = map[string]string{
	"order.avsc":    devcluster.DemoOrderSchema,
	"order-v2.avsc": strings.Replace(devcluster.DemoOrderSchema, `"fields": [`, `"fields": [{"name": "note", "type": "string", "default": ""}, `, 1),
	"cart.proto":    shopProto,
}

// Every example in --help that changes the cluster runs as written, each
// on a fresh `kafka dev` (3 brokers, as by default) holding what the demo
// holds: a "router" topic of 8 partitions with records and the "metrics"
// group, stopped as the reset and destroy examples require, plus the
// topics other examples name ("users", "orders"), the SCRAM user alice for
// the users examples that change one, and in kafka dev's registry the
// demo's orders-value subject. What an example reads on stdin (events.log,
// a password) is given as its stdin; the files it names (exampleFiles) are
// given by their path, since tests cannot change the working directory.
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
			if strings.Contains(ex, "< events.log") {
				stdin = "a\nb\n"
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
			if args[0] == "users" {
				// The password comes on stdin (a password file, or what
				// is typed at the prompt; never argv); resetting and
				// destroying need the user to exist.
				stdin = "example-password\n"
				if args[1] != "create" {
					up := []kadm.UpsertSCRAM{{User: "alice", Mechanism: kadm.ScramSha512, Password: "example-password"}}
					if _, err := kadm.NewClient(kafkatest.Client(t, c.Cluster)).AlterUserSCRAMs(context.Background(), nil, up); err != nil {
						t.Fatal(err)
					}
				}
			}
			env := map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": d.reg.URL()}
			if args[0] == "schemas" {
				args = withExampleFiles(t, args)
				if !(len(args) > 2 && args[1] == "register" && args[2] == devcluster.DemoOrdersSubject) {
					r := run(t, runOpts{env: env}, "schemas", "register", devcluster.DemoOrdersSubject, schemaFile(t, "order.avsc", devcluster.DemoOrderSchema))
					wantCode(t, r, 0)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			r := run(t, runOpts{ctx: ctx, stdin: stdin, env: env}, append([]string{"-b", brokers}, args...)...)
			if r.Code != 0 {
				t.Errorf("%s: exit %d: %s", ex, r.Code, r.Stderr)
			}
		})
	}
	if ran < 30 {
		t.Errorf("ran %d examples that change the cluster, want at least 30", ran)
	}
}

// withExampleFiles gives each argument naming one of exampleFiles as the
// path of that file, written for the test.
func withExampleFiles(t *testing.T, args []string) []string {
	t.Helper()
	out := slices.Clone(args)
	for i, a := range out {
		if text, ok := exampleFiles[a]; ok {
			out[i] = schemaFile(t, a, text)
		}
	}
	return out
}
