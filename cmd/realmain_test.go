package cmd

import (
	"testing"
	"time"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// TestMain stops the package's shared real Kafka cluster (kafkatest.Real)
// after the tests, keeping its logs when one failed. Commands sample their
// rates over 100 ms rather than a second, unless a test says otherwise.
func TestMain(m *testing.M) {
	defaultSampleInterval = 100 * time.Millisecond
	kafkatest.RunMain(m)
}
