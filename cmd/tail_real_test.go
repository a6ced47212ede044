package cmd

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// A transactional producer commits one transaction and aborts another on
// real Kafka: tail shows only the committed records, and list counts the
// offsets the two markers take as well.
func TestRealTailSkipsAbortedTransactions(t *testing.T) {
	c := kafkatest.Real(t)
	topic := c.Topic(t, 1, 3, nil)
	cl := c.Client(t, kgo.TransactionalID("txn-"+topic), kgo.DefaultProduceTopic(topic))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for _, end := range []kgo.TransactionEndTry{kgo.TryCommit, kgo.TryAbort} {
		if err := cl.BeginTransaction(); err != nil {
			t.Fatal(err)
		}
		for i := range 50 {
			if err := cl.ProduceSync(ctx, &kgo.Record{Value: fmt.Appendf(nil, "%v-%d", bool(end), i)}).FirstErr(); err != nil {
				t.Fatal(err)
			}
		}
		if err := cl.EndTransaction(ctx, end); err != nil {
			t.Fatal(err)
		}
	}

	r := runReal(t, c, "tail", topic, "--from", "beginning", "--no-follow")
	wantCode(t, r, 0)
	if n := len(lines(r.Stdout)); n != 50 || strings.Contains(r.Stdout, "false-") {
		t.Errorf("tail printed %d records (want the 50 committed, none aborted):\n%s", n, r.Stdout)
	}
	r = runReal(t, c, "tail", topic, "--from", "beginning", "--no-follow", "--isolation", "read-uncommitted")
	wantCode(t, r, 0)
	if n := len(lines(r.Stdout)); n != 100 {
		t.Errorf("read-uncommitted tail printed %d records, want 100", n)
	}
	r = runReal(t, c, "list", "--json", "--no-rates")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, `"name":"`+topic+`"`) && !strings.Contains(r.Stdout, `"name": "`+topic+`"`) {
		t.Fatalf("list has no %s:\n%s", topic, r.Stdout)
	}
	t.Logf("%s", r.Stdout)
}
