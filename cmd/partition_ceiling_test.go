package cmd

import (
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// A partition count over the ceiling is refused before any request unless
// --force: 100000000 once crashed kafka dev.
func TestPartitionCountCeilingNeedsForce(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	for _, args := range [][]string{
		{"create", "bomb", "--partitions", "100000000"},
		{"partitions", "t", "100000000"},
	} {
		r := runOn(t, c, args...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, "--force")
	}
	r := runOn(t, c, "list")
	wantCode(t, r, 0)
	if strings.Contains(r.Stdout, "bomb") {
		t.Fatalf("bomb was created:\n%s", r.Stdout)
	}
	wantCode(t, runOn(t, c, "create", "wide", "--partitions", "10001", "--force"), 0)
}
