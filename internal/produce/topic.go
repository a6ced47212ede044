package produce

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafka-cli/kafka/internal/topics"
)

// DefaultMaxMessageBytes is Kafka's default max.message.bytes, assumed when
// the topic's configuration cannot be read (for example, without
// DescribeConfigs permission).
const DefaultMaxMessageBytes = 1048588

// ErrTopicNotFound means the topic does not exist (topics.ErrNotFound).
var ErrTopicNotFound = topics.ErrNotFound

// Topic is what a writer needs to know about its topic before producing.
type Topic struct {
	Partitions      int
	MaxMessageBytes int
	// Compacted: cleanup.policy has compact, so real brokers refuse every
	// record without a key (INVALID_RECORD); kfake accepts them.
	Compacted bool
}

// KeylessRefused reports whether err is how a broker refuses a record
// without a key on a compacted topic.
func KeylessRefused(err error) bool { return errors.Is(err, kerr.InvalidRecord) }

// Lookup checks that topic exists and reads its partition count,
// max.message.bytes and cleanup.policy, in two requests that create
// nothing: kadm's metadata requests never ask for auto-creation.
func Lookup(ctx context.Context, adm *kadm.Client, topic string) (Topic, error) {
	tds, err := adm.ListTopics(ctx, topic)
	if err != nil {
		return Topic{}, err
	}
	td, err := topics.Find(tds, topic)
	if err != nil {
		return Topic{}, err
	}
	t := Topic{Partitions: len(td.Partitions), MaxMessageBytes: DefaultMaxMessageBytes}
	rcs, err := adm.DescribeTopicConfigs(ctx, topic)
	if err != nil {
		if ctx.Err() != nil {
			return Topic{}, err
		}
		return t, nil
	}
	if rc, err := rcs.On(topic, nil); err == nil && rc.Err == nil {
		for _, c := range rc.Configs {
			if c.Key == "cleanup.policy" && c.Value != nil {
				t.Compacted = slices.Contains(strings.Split(*c.Value, ","), "compact")
			}
			if c.Key == "max.message.bytes" && c.Value != nil {
				if n, err := strconv.Atoi(*c.Value); err == nil && n > 0 {
					t.MaxMessageBytes = n
				}
			}
		}
	}
	return t, nil
}
