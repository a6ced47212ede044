package cmd

import (
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// A huge partition range is a usage error with one line, not an out of
// memory crash.
func TestHugePartitionRangeIsUsageError(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "t"))
	for _, args := range [][]string{
		{"tail", "t", "-p", "0-2000000000", "--no-follow"},
		{"consumer-groups", "reset", "g", "--topic", "t", "--to", "earliest", "--partition", "0-2000000000"},
	} {
		r := runOn(t, c, args...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, "partition numbers go up to 99999")
	}
}
