package cmd

import (
	"context"
	"fmt"
	"os/exec"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// BenchmarkScale times list and info on 5,000 topics × 10 partitions,
// against a bare metadata request on the same cluster (what kcat -L does).
// Run: go test ./cmd -run '^$' -bench Scale -benchtime 5x
func BenchmarkScale(b *testing.B) {
	const topics, partitions = 5000, 10
	names := make([]string, topics)
	for i := range names {
		names[i] = fmt.Sprintf("topic-%04d", i)
	}
	c := kafkatest.NewCluster(b, kfake.SeedTopics(partitions, names...))
	cl := kafkatest.Client(b, c)
	for _, n := range names {
		cl.Produce(context.Background(), &kgo.Record{Topic: n, Value: []byte("hello")}, nil)
	}
	if err := cl.Flush(context.Background()); err != nil {
		b.Fatal(err)
	}
	brokers := kafkatest.Brokers(c)

	b.Run("metadata", func(b *testing.B) {
		for b.Loop() {
			mcl := kafkatest.Client(b, c)
			req := kmsg.NewPtrMetadataRequest()
			if _, err := req.RequestWith(context.Background(), mcl); err != nil {
				b.Fatal(err)
			}
			mcl.Close()
		}
	})
	if kcat, err := exec.LookPath("kcat"); err == nil {
		b.Run("kcat-L", func(b *testing.B) {
			for b.Loop() {
				if out, err := exec.Command(kcat, "-L", "-b", brokers).CombinedOutput(); err != nil {
					b.Fatalf("kcat -L: %v: %.200s", err, out)
				}
			}
		})
	}
	for _, args := range [][]string{{"list", "--json"}, {"info", "--json"}} {
		b.Run(args[0], func(b *testing.B) {
			for b.Loop() {
				ios, _, _, errOut := iostreams.Test()
				code := Execute(context.Background(), BuildInfo{}, append([]string{"-b", brokers}, args...), ios, func(string) string { return "" })
				if code != 0 {
					b.Fatalf("exit %d: %s", code, errOut)
				}
			}
		})
	}
}
