package cmd

import (
	"strings"
	"testing"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// The broker, not the client, knows a topic's max.message.bytes: a record
// above it exits 1 naming the limit.
func TestRealWriteTooLarge(t *testing.T) {
	c := kafkatest.Real(t)
	topic := c.Topic(t, 1, 3, map[string]string{"max.message.bytes": "1000"})
	r := runReal(t, c, "write", topic, strings.Repeat("x", 5000))
	t.Logf("exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	wantCode(t, r, 1)
	wantOneLineError(t, r, "max.message.bytes")
}
