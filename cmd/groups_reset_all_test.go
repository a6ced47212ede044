package cmd

import (
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestGroupsResetAllTopics(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "a", "b", "other"))
	for _, topic := range []string{"a", "b", "other"} {
		produceN(t, c, topic, 10)
	}
	consumeAndCommit(t, c, "g", "a", 10).Close()
	consumeAndCommit(t, c, "g", "b", 10).Close()

	r := runOn(t, c, "consumer-groups", "reset", "g", "--all-topics", "--to", "earliest")
	wantCode(t, r, 0)
	for _, s := range []string{"on topic a", "on topic b", "--all-topics --to earliest --execute"} {
		if !strings.Contains(r.Stdout, s) {
			t.Errorf("plan lacks %q:\n%s", s, r.Stdout)
		}
	}
	if strings.Contains(r.Stdout, "other") || committed(t, c, "g", "a")[0] != 10 {
		t.Fatalf("the plan must cover only the group's topics and change nothing:\n%s", r.Stdout)
	}

	wantCode(t, runOn(t, c, "consumer-groups", "reset", "g", "--all-topics", "--to", "earliest", "--execute"), 0)
	for _, topic := range []string{"a", "b"} {
		if got := committed(t, c, "g", topic)[0]; got != 0 {
			t.Errorf("group g on %s committed at %d after the reset, want 0", topic, got)
		}
	}
	if got := committed(t, c, "g", "other"); len(got) != 0 {
		t.Errorf("reset --all-topics committed offsets on a topic the group never read: %v", got)
	}

	for _, args := range [][]string{
		{"consumer-groups", "reset", "g", "--all-topics", "--topic", "a", "--to", "earliest"},
		{"consumer-groups", "reset", "g", "--all-topics", "--partition", "0", "--to", "earliest"},
	} {
		r := runOn(t, c, args...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, "--")
	}
}
