package cmd

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Resetting a group on a topic it never committed offsets for warns in the
// plan, before --execute, and again when it is executed.
func TestGroupsResetWarnsOnTopicNeverRead(t *testing.T) {
	t.Parallel()
	c := resetCluster(t)
	if err := c.CreateTopic("other", 2, nil); err != nil {
		t.Fatal(err)
	}
	kafkatest.Produce(t, kafkatest.Client(t, c), &kgo.Record{Topic: "other", Value: []byte("v")})
	const warning = "group g has never committed offsets on topic other"

	r := runOn(t, c, "consumer-groups", "reset", "g", "--topic", "other", "--to", "earliest")
	wantCode(t, r, 0)
	head, _, _ := strings.Cut(r.Stdout, "Partition")
	if !strings.Contains(head, warning) || !strings.Contains(head, "this plan gives it offsets there") {
		t.Errorf("the plan does not warn before its table:\n%s", r.Stdout)
	}
	if got := committed(t, c, "g", "other"); len(got) != 0 {
		t.Errorf("the dry run committed %v", got)
	}

	r = runOn(t, c, "consumer-groups", "reset", "g", "--topic", "other", "--to", "earliest", "--json")
	wantCode(t, r, 0)
	if !json.Valid([]byte(r.Stdout)) || !strings.Contains(r.Stderr, warning) {
		t.Errorf("--json: want JSON on stdout and the warning on stderr:\nstdout: %s\nstderr: %s", r.Stdout, r.Stderr)
	}

	r = runOn(t, c, "consumer-groups", "reset", "g", "--topic", "other", "--to", "earliest", "--execute")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, warning) || !strings.Contains(r.Stdout, "it has offsets there now") {
		t.Errorf("--execute does not warn:\n%s", r.Stdout)
	}

	r = runOn(t, c, "consumer-groups", "reset", "g", "--topic", "t", "--to", "earliest")
	wantCode(t, r, 0)
	if strings.Contains(r.Stdout+r.Stderr, "never committed") {
		t.Errorf("a topic the group reads gets the warning:\n%s", r.Stdout)
	}
}
