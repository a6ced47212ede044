package cmd

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestInfoJSON(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(4, "router", "orders"))
	cl := kafkatest.Client(t, c)
	for range 10 {
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "router", Value: []byte("hello")})
	}
	// Rates are what is written while info samples.
	ctx, wg := background(t)
	pacedProducer(t, ctx, wg, c, "router", 50, 0)

	r := runOn(t, c, "info", "--json", "--sample-interval", "300ms")
	wantCode(t, r, 0)
	var got map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil {
		t.Fatalf("bad json %q: %v", r.Stdout, err)
	}
	for _, k := range []string{"cluster_id", "controller", "brokers", "version", "status", "topics", "partitions", "replicas",
		"under_replicated_partitions", "offline_partitions", "consumer_groups", "messages_per_sec", "bytes_in_per_sec",
		"bytes_out_per_sec", "size_bytes"} {
		if _, ok := got[k]; !ok {
			t.Errorf("key %q missing from %s", k, r.Stdout)
		}
	}
	if got["cluster_id"] != "kafkatest" || got["status"] != "available" || got["topics"] != float64(2) ||
		got["partitions"] != float64(8) || got["replicas"] != float64(24) {
		t.Errorf("info --json = %s", r.Stdout)
	}
	// kfake's API versions match no Kafka release.
	if got["version"] != nil {
		t.Errorf("version = %v, want null", got["version"])
	}
	brokers, _ := got["brokers"].([]any)
	if len(brokers) != 3 {
		t.Fatalf("brokers = %v", got["brokers"])
	}
	if b := brokers[0].(map[string]any); b["host"] != "127.0.0.1" || b["port"].(float64) <= 0 {
		t.Errorf("broker = %v", b)
	}
	if got["messages_per_sec"].(float64) <= 0 || got["size_bytes"].(float64) <= 0 {
		t.Errorf("rates or size not positive: %s", r.Stdout)
	}

	r = runOn(t, c, "info")
	wantCode(t, r, 0)
	for _, want := range []string{"=== kafkatest", "Status:", "available", "Version:", "unknown", "Topics:", "2 topics",
		"8 partitions, 24 replicas", "Traffic:", "(estimated)", "Brokers:", "3 (controller: "} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("info output lacks %q:\n%s", want, r.Stdout)
		}
	}
}

func TestInfoDegradedWithOfflinePartition(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "orders"))
	// kfake always reports a leader and a full ISR, so a partition is taken
	// offline the way a broker reports it: LEADER_NOT_AVAILABLE.
	c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Metadata}, Topic: "orders", Partitions: []int32{1}, Err: kerr.LeaderNotAvailable, Count: -1})

	r := runOn(t, c, "--timeout", "3s", "info", "--json", "--sample-interval", "50ms")
	wantCode(t, r, 0)
	var got map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil {
		t.Fatalf("bad json %q: %v", r.Stdout, err)
	}
	if got["status"] != "degraded" || got["offline_partitions"] != float64(1) {
		t.Errorf("info --json = %s", r.Stdout)
	}
	r = runOn(t, c, "--timeout", "3s", "info", "--sample-interval", "50ms")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "degraded (0 under-replicated, 1 offline partitions)") {
		t.Errorf("info output:\n%s", r.Stdout)
	}
}

func TestInfoWatchPiped(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "orders"))
	ctx, cancel := context.WithTimeout(context.Background(), 1200*time.Millisecond)
	defer cancel()
	r := run(t, runOpts{ctx: ctx}, "-b", kafkatest.Brokers(c), "info", "--watch", "--interval", "400ms", "--json", "--sample-interval", "100ms")
	wantCode(t, r, 0)
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(lines) < 2 {
		t.Fatalf("want at least 2 JSON documents, got:\n%s", r.Stdout)
	}
	for _, l := range lines {
		var v map[string]any
		if err := json.Unmarshal([]byte(l), &v); err != nil || v["status"] != "available" || v["time"] == nil {
			t.Errorf("line %q: %v", l, err)
		}
	}
	if strings.Contains(r.Stdout, "\x1b[") {
		t.Errorf("escape codes in piped output")
	}
}

func TestInfoUnreachableExits5(t *testing.T) {
	t.Parallel()
	addr := deadAddr(t)
	r := run(t, runOpts{}, "-b", addr, "--timeout", "1s", "info")
	wantCode(t, r, 5)
	wantOneLineError(t, r, addr)
}

// A watch outlives a cluster that stops answering: it reports it
// unavailable rather than quitting.
func TestInfoWatchShowsUnavailable(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	r := run(t, runOpts{ctx: ctx}, "-b", deadAddr(t), "--timeout", "300ms", "info", "--watch", "--interval", "200ms", "--json")
	wantCode(t, r, 0)
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	var v map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &v); err != nil || v["status"] != "unavailable" {
		t.Fatalf("watch output %q: %v", r.Stdout, err)
	}
}
