package cmd

import (
	"testing"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Real Kafka deletes a topic asynchronously: create at once after destroy
// of the same name must work (kfake deletes at once).
func TestRealDestroyThenCreate(t *testing.T) {
	c := kafkatest.Real(t)
	topic := c.Topic(t, 3, 3, nil)
	produceReal(t, c, topic, 10)
	for i := range 3 {
		wantCode(t, runReal(t, c, "destroy", topic, "--confirm", topic), 0)
		r := runReal(t, c, "create", topic, "--partitions", "2", "--replication-factor", "3")
		t.Logf("round %d: create exit %d\n%s%s", i, r.Code, r.Stdout, r.Stderr)
		wantCode(t, r, 0)
		r = runReal(t, c, "topic", topic, "--json")
		wantCode(t, r, 0)
	}
}
