package cmd

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Real brokers refuse a record without a key on a compacted topic
// (INVALID_RECORD), while kfake takes it: write refuses it first, the
// same on both, with exit 2 and nothing written; with --key it writes.
func TestWriteCompactedNeedsKey(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	adm := kadm.NewClient(kafkatest.Client(t, c))
	policy := "compact"
	if _, err := adm.CreateTopic(ctx, 1, 1, map[string]*string{"cleanup.policy": &policy}, "users"); err != nil {
		t.Fatal(err)
	}
	r := runOn(t, c, "write", "users", "hello")
	wantCode(t, r, 2)
	wantOneLineError(t, r, `topic "users" is compacted, so every record needs a key`)
	r = run(t, runOpts{stdin: "a\nb\n"}, "-b", kafkatest.Brokers(c), "write", "users")
	wantCode(t, r, 2)
	r = runOn(t, c, "write", "users", "--key", "u1", "hello")
	wantCode(t, r, 0)
	recs := kafkatest.ReadRecords(t, c, "users", 1)
	if string(recs[0].Key) != "u1" {
		t.Errorf("key %q, want u1", recs[0].Key)
	}
}
