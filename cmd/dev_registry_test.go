package cmd

import (
	"context"
	"encoding/json"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/devcluster"
	"github.com/kafka-cli/kafka/internal/iostreams"
)

// brokersOf is a running dev cluster as a --brokers value.
func brokersOf(d devRun) string { return strings.Join(d.c.ListenAddrs(), ",") }

func TestDevRegistrySchemasPersist(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := schemaFile(t, "order.avsc", orderV1)
	d := startDev(t, devOptions{DataDir: dir, Brokers: 1})
	r := run(t, runOpts{}, "--schema-registry", d.reg.URL(), "schemas", "register", "kept-value", file)
	wantCode(t, r, 0)
	if err := d.stop(); err != nil {
		t.Fatal(err)
	}

	d = startDev(t, devOptions{DataDir: dir, Brokers: 1})
	r = run(t, runOpts{}, "--schema-registry", d.reg.URL(), "schemas", "kept-value", "--json")
	wantCode(t, r, 0)
	var got struct {
		Versions []int  `json:"versions"`
		Schema   string `json:"schema"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil || len(got.Versions) != 1 || !strings.Contains(got.Schema, `"Order"`) {
		t.Fatalf("kept-value after a restart: %v\n%s", err, r.Stdout)
	}
}

func TestDevDemoOrdersDecodeInTail(t *testing.T) {
	t.Parallel()
	d := startDev(t, devOptions{Memory: true, Demo: true, DemoRate: 50, Brokers: 1})
	if !strings.Contains(d.out.String(), "KAFKA_SCHEMA_REGISTRY_URL="+d.reg.URL()) {
		t.Errorf("kafka dev does not print the registry's URL:\n%s", d.out.String())
	}
	waitRecords(t, brokersOf(d), devcluster.DemoOrdersTopic, 2)
	env := map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": d.reg.URL()}
	r := run(t, runOpts{env: env}, "-b", brokersOf(d), "--timeout", "20s", "tail", devcluster.DemoOrdersTopic, "--from", "beginning", "--count", "2", "--json")
	wantCode(t, r, 0)
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 orders:\n%s\nstderr: %s", r.Stdout, r.Stderr)
	}
	for _, l := range lines {
		var rec struct {
			Value       json.RawMessage `json:"value"`
			ValueFormat string          `json:"value_format"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec.ValueFormat != "avro" || !strings.Contains(string(rec.Value), "ord-") {
			t.Fatalf("order not decoded as Avro (%v): %s", err, l)
		}
	}
	if r.Stderr != "" {
		t.Errorf("warnings while decoding the demo: %s", r.Stderr)
	}
}

func TestDevRegistryPortInUse(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	r := run(t, runOpts{}, "dev", "--memory", "--port", "0", "--registry-port", port)
	wantCode(t, r, 1)
	wantOneLineError(t, r, "port "+port+" is already in use")
	wantOneLineError(t, r, "--registry-port")
}

// With nothing configured, kafka uses kafka dev's registry as it uses its
// brokers; anything configured for the cluster turns that off.
func TestRegistryFallsBackToDevWithDevCluster(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"nothing configured", nil, nil, devRegistryURL},
		{"--brokers", nil, []string{"-b", "127.0.0.1:1"}, ""},
		{"KAFKA_URL", map[string]string{"KAFKA_URL": "kafka://127.0.0.1:1"}, nil, ""},
		{"env", map[string]string{"KAFKA_SCHEMA_REGISTRY_URL": "http://127.0.0.1:2"}, nil, "http://127.0.0.1:2"},
	} {
		env := map[string]string{"XDG_CONFIG_HOME": t.TempDir()}
		for k, v := range tc.env {
			env[k] = v
		}
		ios, _, _, _ := iostreams.Test()
		f := NewFactory(ios, BuildInfo{}, func(k string) string { return env[k] })
		root := NewRootCmd(f)
		if err := root.ParseFlags(tc.args); err != nil {
			t.Fatal(err)
		}
		reg, err := f.Registry()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := ""
		if reg != nil {
			got = reg.URL()
		}
		if got != tc.want {
			t.Errorf("%s: registry %q, want %q", tc.name, got, tc.want)
		}
	}
}

// waitRecords waits until topic holds at least n records.
func waitRecords(t *testing.T, brokers, topic string, n int64) {
	t.Helper()
	adm, err := kadm.NewOptClient(kgo.SeedBrokers(strings.Split(brokers, ",")...))
	if err != nil {
		t.Fatal(err)
	}
	defer adm.Close()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		ends, err := adm.ListEndOffsets(ctx, topic)
		cancel()
		if err == nil && sumOffsets(ends) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s has not got %d records within 20s (%v)", topic, n, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
