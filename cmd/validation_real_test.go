package cmd

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Values that pass our own checks but that a real broker refuses exit 2
// with the broker's reason, and change nothing.
func TestRealBrokerRejectsConfig(t *testing.T) {
	c := kafkatest.Real(t)
	topic := c.Topic(t, 1, 3, nil)

	// Tiered storage is off on the cluster, so the broker refuses it.
	r := runReal(t, c, "config", topic, "remote.storage.enable=true")
	wantCode(t, r, 2)
	if !strings.Contains(r.Stderr, "the broker rejected it") || strings.Count(strings.TrimSpace(r.Stderr), "\n") != 0 {
		t.Fatalf("want one line with the broker's reason, got: %q", r.Stderr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rcs, err := kadm.NewClient(c.Client(t)).DescribeTopicConfigs(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := rcs.On(topic, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, cfg := range rc.Configs {
		if cfg.Key == "remote.storage.enable" && cfg.MaybeValue() == "true" {
			t.Fatal("the rejected value was applied")
		}
	}

	// A replication factor above the broker count: exit 1, nothing created.
	name := fmt.Sprintf("rf-too-high-%d", len(topic))
	r = runReal(t, c, "create", name, "--replication-factor", "5")
	wantCode(t, r, 1)
	if !strings.Contains(r.Stderr, "INVALID_REPLICATION_FACTOR") {
		t.Fatalf("want the broker's reason, got: %q", r.Stderr)
	}
	wantCode(t, runReal(t, c, "topic", name), 3)
}

// create, too, passes a value the broker refuses on with exit 2, the
// broker's reason and no topic created.
func TestRealBrokerRejectsCreateConfig(t *testing.T) {
	c := kafkatest.Real(t)
	name := fmt.Sprintf("bad-config-%d", time.Now().UnixNano())
	r := runReal(t, c, "create", name, "--config", "remote.storage.enable=true")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "the broker rejected it")
	wantCode(t, runReal(t, c, "topic", name), 3)
}
