package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"sort"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// On real brokers a topic goes from replication factor 1 to 3 to 2 with its
// records intact (count and checksum) and every ISR full after each step;
// brokers' replica counts follow.
func TestRealReplicationFactorUpAndDown(t *testing.T) {
	c := kafkatest.Real(t)
	topic := c.Topic(t, 3, 1, nil)
	cl := c.Client(t)
	const n = 300
	var recs []*kgo.Record
	for i := range n {
		v := fmt.Sprintf("record-%04d", i)
		recs = append(recs, &kgo.Record{Topic: topic, Partition: int32(i % 3), Value: []byte(v)})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	wantSum := checksum(valuesOf(recs))

	for _, rf := range []int{3, 2} {
		r := runReal(t, c, "--timeout", "60s", "replication-factor", topic, fmt.Sprint(rf), "--execute", "--poll-interval", "100ms")
		wantCode(t, r, 0)
		t.Logf("RF %d:\n%s%s", rf, r.Stdout, r.Stderr)
		adm := kadm.NewClient(c.Client(t)) // a new client: no cached metadata
		tds, err := adm.ListTopics(ctx, topic)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range tds[topic].Partitions {
			if len(p.Replicas) != rf || len(p.ISR) != rf {
				t.Errorf("RF %d: partition %d replicas %v isr %v", rf, p.Partition, p.Replicas, p.ISR)
			}
		}
		got := readAllReal(t, c, topic, n)
		if len(got) != n || checksum(got) != wantSum {
			t.Errorf("RF %d: read %d records, checksum %08x, want %d and %08x", rf, len(got), checksum(got), n, wantSum)
		}
	}

	r := runReal(t, c, "brokers", "--json")
	wantCode(t, r, 0)
	var bs []struct {
		Up       bool `json:"up"`
		Replicas int  `json:"replicas"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &bs); err != nil || len(bs) != 3 {
		t.Fatalf("brokers --json = %s (%v)", r.Stdout, err)
	}
	for _, b := range bs {
		if !b.Up || b.Replicas < 2 { // 3 partitions × RF 2 over 3 brokers, plus internal topics
			t.Errorf("broker %+v", b)
		}
	}
}

func valuesOf(recs []*kgo.Record) []string {
	vs := make([]string, len(recs))
	for i, r := range recs {
		vs[i] = string(r.Value)
	}
	return vs
}

// checksum is order-independent: partitions interleave differently per read.
func checksum(vs []string) uint32 {
	s := append([]string(nil), vs...)
	sort.Strings(s)
	h := crc32.NewIEEE()
	for _, v := range s {
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return h.Sum32()
}

// readAllReal consumes topic from the start until want records arrive or 30s pass.
func readAllReal(t *testing.T, c *kafkatest.RealCluster, topic string, want int) []string {
	t.Helper()
	cl := c.Client(t, kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var got []string
	for len(got) < want && ctx.Err() == nil {
		fs := cl.PollFetches(ctx)
		fs.EachRecord(func(r *kgo.Record) { got = append(got, string(r.Value)) })
	}
	return got
}
