package cmd

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// On real brokers --move gives partitions new replicas (here one onto
// another broker set, one only reordered) with their records intact, and
// --elect-leaders then hands the reordered partition's leadership to its
// new preferred replica.
func TestRealPartitionsMoveAndElect(t *testing.T) {
	c := kafkatest.Real(t)
	topic := c.Topic(t, 2, 2, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var recs []*kgo.Record
	for i := range 200 {
		recs = append(recs, &kgo.Record{Topic: topic, Partition: int32(i % 2), Value: fmt.Appendf(nil, "m-%03d", i)})
	}
	if err := c.Client(t).ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	before := partitionsOf(t, c, topic)
	p0, p1 := before[0].Replicas, before[1].Replicas
	other := int32(-1) // the broker partition 1 is not on
	for _, id := range c.NodeIDs() {
		if !slices.Contains(p1, id) {
			other = id
		}
	}
	reordered := []int32{p0[1], p0[0]}
	moved := []int32{other, p1[0]}
	spec0, spec1 := "0="+joinIDs(reordered), "1="+joinIDs(moved)

	r := runReal(t, c, "partitions", topic, "--move", spec0, "--move", spec1)
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "Nothing was changed") {
		t.Fatalf("plan:\n%s", r.Stdout)
	}
	r = runReal(t, c, "--timeout", "60s", "partitions", topic, "--move", spec0, "--move", spec1, "--execute", "--poll-interval", "100ms")
	wantCode(t, r, 0)
	t.Logf("move:\n%s%s", r.Stdout, r.Stderr)
	after := partitionsOf(t, c, topic)
	if !slices.Equal(after[0].Replicas, reordered) || !slices.Equal(after[1].Replicas, moved) {
		t.Errorf("replicas after the move: %v and %v, want %v and %v", after[0].Replicas, after[1].Replicas, reordered, moved)
	}
	for _, p := range after {
		if len(p.ISR) != 2 {
			t.Errorf("partition %d ISR %v after the move", p.Partition, p.ISR)
		}
	}
	if got := readAllReal(t, c, topic, len(recs)); len(got) != len(recs) || checksum(got) != checksum(valuesOf(recs)) {
		t.Errorf("read %d records after the move, want %d intact", len(got), len(recs))
	}

	r = runReal(t, c, "partitions", topic, "--elect-leaders")
	wantCode(t, r, 0)
	t.Logf("election plan:\n%s", r.Stdout)
	if after[0].Leader == reordered[0] {
		t.Skipf("Kafka %s moved the leadership with the reorder; no election left to test", c.Version())
	}
	if !strings.Contains(r.Stdout, "Preferred leader election for "+topic) {
		t.Fatalf("no election planned:\n%s", r.Stdout)
	}
	r = runReal(t, c, "--timeout", "60s", "partitions", topic, "--elect-leaders", "--execute", "--poll-interval", "100ms")
	wantCode(t, r, 0)
	// The command waited until the broker it asks showed the new leaders;
	// another broker may still answer from older metadata for a moment
	// (3.9.1 did), so wait until the broker a new client reaches agrees.
	waitFor(t, 30*time.Second, func() bool {
		for _, p := range partitionsOf(t, c, topic) {
			if p.Leader != p.Replicas[0] {
				t.Logf("partition %d leader %d after the election, want %d", p.Partition, p.Leader, p.Replicas[0])
				return false
			}
		}
		return true
	})
	r = runReal(t, c, "partitions", topic, "--elect-leaders", "--execute")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "nothing to do") {
		t.Errorf("second election:\n%s", r.Stdout)
	}
}

// partitionsOf reads a topic's partitions with a new client (no cached
// metadata), by partition.
func partitionsOf(t *testing.T, c *kafkatest.RealCluster, topic string) []kadm.PartitionDetail {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tds, err := kadm.NewClient(c.Client(t)).ListTopics(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	return tds[topic].Partitions.Sorted()
}
