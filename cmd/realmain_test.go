package cmd

import (
	"testing"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// TestMain stops the package's shared real Kafka cluster (kafkatest.Real)
// after the tests, keeping its logs when one failed.
func TestMain(m *testing.M) { kafkatest.RunMain(m) }
