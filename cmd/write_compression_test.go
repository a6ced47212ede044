package cmd

import (
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// write compresses nothing unless asked: kafkajs, the most used Node.js
// client, has no built-in snappy, lz4 or zstd and crashed on snappy
// batches. Codec 0 is none, 2 snappy.
func TestWriteDefaultsToNoCompression(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "plain", "snappy"))
	var in strings.Builder
	for i := 1; i <= 50; i++ {
		in.WriteString("a fairly compressible line of text, again and again\n")
	}
	wantCode(t, run(t, runOpts{stdin: in.String()}, "-b", kafkatest.Brokers(c), "write", "plain"), 0)
	for _, rec := range kafkatest.ReadRecords(t, c, "plain", 50) {
		if codec := rec.Attrs.CompressionType(); codec != 0 {
			t.Fatalf("default write used compression codec %d, want none", codec)
		}
	}
	wantCode(t, run(t, runOpts{stdin: in.String()}, "-b", kafkatest.Brokers(c), "write", "snappy", "--compression", "snappy"), 0)
	if codec := kafkatest.ReadRecords(t, c, "snappy", 50)[0].Attrs.CompressionType(); codec != 2 {
		t.Errorf("--compression snappy used codec %d, want 2", codec)
	}
}
