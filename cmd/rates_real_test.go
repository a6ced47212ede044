package cmd

import (
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// TestRealRateAccuracy is TestRateAccuracy on real Kafka: a steady
// producer and a slower group on an RF=3 topic of the shared cluster,
// every rate within ±10% of what the clients achieved. Rates there come
// from the brokers' log-end offsets, log-dir sizes and committed offsets,
// which kfake only imitates.
func TestRealRateAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("takes over 10 s")
	}
	// Not parallel, as on kfake: no other test's load on the cluster or
	// the machine while the rates are sampled.
	c := kafkatest.Real(t)
	topic := c.Topic(t, 6, 3, nil)
	checkRateAccuracy(t, rateTarget{
		brokers: strings.Join(c.Brokers(), ","), topic: topic, group: topic + "-readers",
		client: func(opts ...kgo.Opt) *kgo.Client { return c.Client(t, opts...) },
		// Three real brokers starved of CPU on a loaded 2-core machine
		// acknowledge writes and commits in bursts, so one second's rate
		// swings by half (seen at load average 70): rates are sampled
		// over 3 s, which is still one sample against the true rate over
		// the whole attempt, and the group may lag its pace further.
		// Three watch documents then need over 9 s.
		watchFor: 20 * time.Second, sample: "3s", slack: 0.5,
	})
}
