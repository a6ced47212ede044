package devcluster

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// kafka dev answers a request that would exhaust it with a Kafka error and
// a message, and keeps running.
func TestDevRefusesHugePartitionCounts(t *testing.T) {
	c, err := Start(Options{Brokers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	adm := kadm.NewClient(cl)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	resp, err := adm.CreateTopic(ctx, 100_000_000, 1, nil, "bomb")
	if err == nil {
		err = resp.Err
	}
	if !errors.Is(err, kerr.InvalidPartitions) || !strings.Contains(resp.ErrMessage, "at most 10000") {
		t.Fatalf("creating 100000000 partitions: %v (%q), want INVALID_PARTITIONS with a message", err, resp.ErrMessage)
	}
	if _, err := adm.CreateTopic(ctx, 2, 1, nil, "ok"); err != nil {
		t.Fatalf("a normal topic after the refusal: %v", err)
	}
	rs, err := adm.CreatePartitions(ctx, 100_000_000, "ok")
	if err == nil {
		err = rs["ok"].Err
	}
	if !errors.Is(err, kerr.InvalidPartitions) {
		t.Fatalf("adding 100000000 partitions: %v, want INVALID_PARTITIONS", err)
	}
	if _, err := adm.CreatePartitions(ctx, 3, "ok"); err != nil {
		t.Fatalf("adding a partition: %v", err)
	}
}
