package groups

import (
	"context"
	"fmt"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// BenchmarkList lists 1,000 idle groups, each committed on all 10
// partitions of one of 10 topics: go test -bench List -run ^$ ./internal/groups
func BenchmarkList(b *testing.B) {
	var topicNames []string
	for i := range 10 {
		topicNames = append(topicNames, fmt.Sprintf("t%d", i))
	}
	c := kafkatest.NewCluster(b, kfake.SeedTopics(10, topicNames...))
	cl := kafkatest.Client(b, c)
	adm := kadm.NewClient(cl)
	ctx := context.Background()
	for g := range 1000 {
		os := make(kadm.Offsets)
		for p := range int32(10) {
			os.AddOffset(topicNames[g%10], p, 0, -1)
		}
		if err := adm.CommitAllOffsets(ctx, fmt.Sprintf("group-%04d", g), os); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		gs, err := List(ctx, cl, adm, nil)
		if err != nil || len(gs) != 1000 {
			b.Fatalf("listed %d groups: %v", len(gs), err)
		}
	}
}
