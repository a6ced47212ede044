package cmd

import (
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// --null writes a tombstone: a null value, not an empty one.
func TestWriteNullWritesTombstone(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	wantCode(t, runOn(t, c, "write", "t", "--key", "user-42", "--null"), 0)
	recs := kafkatest.ReadRecords(t, c, "t", 1)
	if recs[0].Value != nil || string(recs[0].Key) != "user-42" {
		t.Errorf("record key %q value %q (nil: %v), want key user-42 and a null value", recs[0].Key, recs[0].Value, recs[0].Value == nil)
	}
	for _, args := range [][]string{
		{"write", "t", "--null"},                      // a tombstone without a key deletes nothing
		{"write", "t", "--key", "k", "--null", "msg"}, // a value and no value
		{"write", "t", "--key", "k", "--null", "--json"},
	} {
		r := runOn(t, c, args...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, "--null")
	}
}
