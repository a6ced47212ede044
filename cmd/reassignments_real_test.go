package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// A reassignment held back by a replication throttle shows in
// reassignments, makes replication-factor refuse the same partitions, and
// finishes once the throttle goes.
func TestRealReassignmentsInProgress(t *testing.T) {
	c := kafkatest.Real(t)
	topic := c.Topic(t, 3, 1, map[string]string{
		"leader.replication.throttled.replicas":   "*",
		"follower.replication.throttled.replicas": "*",
	})
	cl := c.Client(t, kgo.ProducerBatchMaxBytes(1<<20), kgo.ProducerBatchCompression(kgo.NoCompression()))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// More than one fetch response (1 MiB) per partition, so that the
	// throttle holds the new replicas back.
	value := []byte(strings.Repeat("x", 10_000))
	var recs []*kgo.Record
	for i := range 1500 {
		recs = append(recs, &kgo.Record{Topic: topic, Partition: int32(i % 3), Value: value})
	}
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	adm := kadm.NewClient(cl)
	rate := func(v *string) {
		t.Helper()
		op := kadm.SetConfig
		if v == nil {
			op = kadm.DeleteConfig
		}
		var alter []kadm.AlterConfig
		for _, k := range []string{"leader.replication.throttled.rate", "follower.replication.throttled.rate"} {
			alter = append(alter, kadm.AlterConfig{Op: op, Name: k, Value: v})
		}
		actx, acancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer acancel()
		rs, err := adm.AlterBrokerConfigs(actx, alter, c.NodeIDs()...)
		if err == nil {
			for _, r := range rs {
				if r.Err != nil {
					err = r.Err
				}
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	one := "1"
	rate(&one)
	cleared := false
	t.Cleanup(func() {
		if !cleared {
			rate(nil)
		}
	})

	r := runReal(t, c, "replication-factor", topic, "3", "--execute", "--no-wait")
	wantCode(t, r, 0)

	r = runReal(t, c, "reassignments", "--json")
	wantCode(t, r, 0)
	var got []reassignmentView
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil {
		t.Fatal(err)
	}
	mine := 0
	for _, v := range got {
		if v.Topic == topic && len(v.Adding) == 2 {
			mine++
		}
	}
	if mine != 3 {
		t.Fatalf("want 3 partitions of %s adding 2 replicas each: %s", topic, r.Stdout)
	}

	r = runReal(t, c, "replication-factor", topic, "2", "--execute")
	wantCode(t, r, 1)
	wantOneLineError(t, r, "already in progress")
	r = runReal(t, c, "partitions", topic, "--move", "0="+joinIDs(c.NodeIDs()[:2]), "--execute")
	wantCode(t, r, 1)
	wantOneLineError(t, r, "already in progress on "+topic+" partitions 0")

	rate(nil)
	cleared = true
	r = runReal(t, c, "--timeout", "60s", "replication-factor", topic, "3", "--execute", "--poll-interval", "100ms")
	// Either nothing is left to do, or its wait saw the move finish.
	wantCode(t, r, 0)
	for {
		r = runReal(t, c, "reassignments", "--json")
		if r.Code == 0 && !strings.Contains(r.Stdout, fmt.Sprintf("%q", topic)) {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("reassignment of %s never finished: %s", topic, r.Stdout)
		}
		select {
		case <-ctx.Done():
		case <-time.After(250 * time.Millisecond):
		}
	}
}
