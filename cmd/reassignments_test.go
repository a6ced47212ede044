package cmd

import (
	"strings"
	"testing"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// kfake never has a reassignment in progress (it accepts and drops them),
// so this is the empty answer; the real-Kafka test shows one.
func TestReassignmentsNone(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	r := runOn(t, c, "reassignments", "--json")
	wantCode(t, r, 0)
	if strings.TrimSpace(r.Stdout) != "[]" {
		t.Errorf("reassignments --json = %q, want []", r.Stdout)
	}
	r = runOn(t, c, "reassignments")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "No partition reassignments in progress.") {
		t.Errorf("reassignments = %q", r.Stdout)
	}
}
