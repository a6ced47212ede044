package cmd

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestBrokersJSON(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	cl := kafkatest.Client(t, c)
	adm := kadm.NewClient(cl)
	// RF 1 on 6 partitions: kfake spreads leaders over the 3 brokers.
	if _, err := adm.CreateTopic(context.Background(), 6, 1, nil, "orders"); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "orders", Value: []byte("hello world")})
	}

	r := runOn(t, c, "brokers", "--json")
	wantCode(t, r, 0)
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil {
		t.Fatalf("bad json %q: %v", r.Stdout, err)
	}
	if len(got) != 3 {
		t.Fatalf("brokers = %s", r.Stdout)
	}
	var leaders, replicas, controllers float64
	var size float64
	for _, b := range got {
		for _, k := range []string{"id", "host", "port", "rack", "up", "controller", "leader_partitions", "replicas",
			"log_dir_size_bytes", "under_replicated_partitions", "offline_partitions"} {
			if _, ok := b[k]; !ok {
				t.Errorf("key %q missing from %v", k, b)
			}
		}
		if b["host"] != "127.0.0.1" || b["up"] != true {
			t.Errorf("broker = %v", b)
		}
		leaders += b["leader_partitions"].(float64)
		replicas += b["replicas"].(float64)
		if b["controller"] == true {
			controllers++
		}
		if s, ok := b["log_dir_size_bytes"].(float64); ok {
			size += s
		}
	}
	// kfake has no internal topics until a group commits, so orders is all.
	if leaders != 6 || replicas != 6 || controllers != 1 || size <= 0 {
		t.Errorf("leaders %v replicas %v controllers %v size %v: %s", leaders, replicas, controllers, size, r.Stdout)
	}

	r = runOn(t, c, "brokers")
	wantCode(t, r, 0)
	for _, want := range []string{"=== Brokers on", "ID", "Controller", "Under-replicated", "127.0.0.1:", "yes"} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("brokers output lacks %q:\n%s", want, r.Stdout)
		}
	}
}

func TestBrokersCountsOfflinePartitions(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "orders"))
	// kfake always reports a leader and a full ISR, so a partition is taken
	// offline the way a broker reports it: LEADER_NOT_AVAILABLE.
	c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Metadata}, Topic: "orders", Partitions: []int32{1}, Err: kerr.LeaderNotAvailable, Count: -1})

	r := runOn(t, c, "brokers", "--json")
	wantCode(t, r, 0)
	var got []struct {
		Leader  int `json:"leader_partitions"`
		Offline int `json:"offline_partitions"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil {
		t.Fatalf("bad json %q: %v", r.Stdout, err)
	}
	leaders := 0
	for _, b := range got {
		leaders += b.Leader
	}
	if leaders != 2 {
		t.Errorf("leaders = %d, want 2 (one partition offline): %s", leaders, r.Stdout)
	}
}

func TestBrokersUnreachable(t *testing.T) {
	t.Parallel()
	r := run(t, runOpts{}, "-b", "127.0.0.1:1", "--timeout", "1s", "brokers")
	wantCode(t, r, 5)
	wantOneLineError(t, r, "127.0.0.1:1")
}
