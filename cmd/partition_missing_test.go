package cmd

import (
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// A partition the topic does not have is a not-found (exit 3) with the
// same words in every command that names one.
func TestMissingPartitionExits3Everywhere(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(3, "t"))
	commitAt(t, kadm.NewClient(kafkatest.Client(t, c)), "g", "t", 0)
	for _, args := range [][]string{
		{"tail", "t", "--partition", "999", "--no-follow"},
		{"write", "t", "m", "--partition", "999"},
		{"consumer-groups", "reset", "g", "--topic", "t", "--to", "earliest", "--partition", "999"},
	} {
		r := runOn(t, c, args...)
		wantCleanError(t, r, 3, `topic "t" has no partition 999 (it has 3, 0-2)`)
	}
}
