package cmd

import (
	"context"
	"encoding/json"
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

// On a LogAppendTime topic the broker stamps records itself, whatever the
// producer set (here two hours back): --from @TIME and @-DURATION go by
// the broker's stamps, and tail shows them.
func TestRealTailFromTimeOnLogAppendTime(t *testing.T) {
	c := kafkatest.Real(t)
	topic := c.Topic(t, 1, 3, map[string]string{"message.timestamp.type": "LogAppendTime"})
	cl := c.Client(t, kgo.DefaultProduceTopic(topic))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	produce := func(batch string) {
		var recs []*kgo.Record
		for i := range 5 {
			recs = append(recs, &kgo.Record{Value: fmt.Appendf(nil, "%s-%d", batch, i), Timestamp: time.Now().Add(-2 * time.Hour)})
		}
		if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
	// Millisecond stamps: the cut must fall strictly between the batches.
	after := func(ms int64) {
		for time.Now().UnixMilli() <= ms {
			if ctx.Err() != nil {
				t.Fatal(ctx.Err())
			}
		}
	}
	produce("a")
	after(time.Now().UnixMilli())
	cut := time.Now().UTC()
	after(cut.UnixMilli())
	produce("b")

	r := runReal(t, c, "tail", topic, "--from", "@"+cut.Format("2006-01-02T15:04:05.000Z07:00"), "--no-follow", "--json")
	wantCode(t, r, 0)
	got := lines(r.Stdout)
	if len(got) != 5 || !strings.Contains(got[0], `"b-0"`) {
		t.Fatalf("--from @cut printed %d records, want batch b's 5:\n%s", len(got), r.Stdout)
	}
	var rec struct{ Timestamp time.Time }
	if err := json.Unmarshal([]byte(got[0]), &rec); err != nil || time.Since(rec.Timestamp).Abs() > 10*time.Minute {
		t.Errorf("timestamp %v (%v), want the broker's append time, not the producer's", rec.Timestamp, err)
	}
	r = runReal(t, c, "tail", topic, "--from", "@-30m", "--no-follow")
	wantCode(t, r, 0)
	if n := len(lines(r.Stdout)); n != 10 {
		t.Errorf("--from @-30m printed %d records, want all 10 (appended just now)", n)
	}
}
