package cmd

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// seedTxns has a transactional producer commit 100 records to topic, then
// abort 100 more: 200 records and 2 transaction markers.
func seedTxns(t *testing.T, c *kfake.Cluster, topic string) {
	t.Helper()
	cl := kafkatest.Client(t, c, kgo.TransactionalID("seed-"+topic), kgo.DefaultProduceTopic(topic))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for _, commit := range []kgo.TransactionEndTry{kgo.TryCommit, kgo.TryAbort} {
		if err := cl.BeginTransaction(); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 100; i++ {
			cl.Produce(ctx, &kgo.Record{Value: fmt.Appendf(nil, "%v-%d", bool(commit), i)}, func(_ *kgo.Record, err error) {
				if err != nil {
					t.Error(err)
				}
			})
		}
		if err := cl.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if err := cl.EndTransaction(ctx, commit); err != nil {
			t.Fatal(err)
		}
	}
}

func TestTailReadsCommittedByDefault(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "txn"))
	seedTxns(t, c, "txn")

	r := runOn(t, c, "tail", "txn", "--from", "beginning", "--no-follow")
	wantCode(t, r, 0)
	if n := len(lines(r.Stdout)); n != 100 {
		t.Errorf("default tail printed %d records, want the 100 committed", n)
	}
	if strings.Contains(r.Stdout, "false-") {
		t.Errorf("default tail printed aborted records:\n%s", r.Stdout)
	}

	r = runOn(t, c, "tail", "txn", "--from", "beginning", "--no-follow", "--isolation", "read-uncommitted")
	wantCode(t, r, 0)
	if n := len(lines(r.Stdout)); n != 200 {
		t.Errorf("--isolation read-uncommitted printed %d records, want 200", n)
	}

	r = runOn(t, c, "tail", "txn", "--isolation", "dirty")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "read-committed")
}

func TestTopicCountsOffsetsNotMessages(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "txn"))
	seedTxns(t, c, "txn")
	r := runOn(t, c, "topic", "txn")
	wantCode(t, r, 0)
	if strings.Contains(r.Stdout, "Messages") {
		t.Errorf("topic calls the 202 offsets (200 records, 2 markers) messages:\n%s", r.Stdout)
	}
	if !strings.Contains(r.Stdout, "202") {
		t.Errorf("topic does not show the 202 retained offsets:\n%s", r.Stdout)
	}
}
