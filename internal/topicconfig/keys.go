// Package topicconfig parses and checks topic config settings typed on the
// command line, and plans the retention and compaction changes that keep
// Heroku's semantics. Key checks are done client-side because some brokers
// (kfake among them) accept any key silently, and a typo such as
// retention.mss would otherwise be stored and never take effect.
//
// It may import suggest (did-you-mean for keys) and units; only cmd
// imports it.
package topicconfig

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/suggest"
)

// BuiltinKeys are Apache Kafka's topic-level config keys (Kafka 3.x–4.x).
// They are used only when the cluster has no topic whose configs could be
// described to learn the keys it knows.
var BuiltinKeys = []string{
	"cleanup.policy", "compression.gzip.level", "compression.lz4.level", "compression.type",
	"compression.zstd.level", "delete.retention.ms", "file.delete.delay.ms", "flush.messages",
	"flush.ms", "follower.replication.throttled.replicas", "index.interval.bytes",
	"leader.replication.throttled.replicas", "local.retention.bytes", "local.retention.ms",
	"max.compaction.lag.ms", "max.message.bytes", "message.downconversion.enable",
	"message.format.version", "message.timestamp.after.max.ms", "message.timestamp.before.max.ms",
	"message.timestamp.difference.max.ms", "message.timestamp.type", "min.cleanable.dirty.ratio",
	"min.compaction.lag.ms", "min.insync.replicas", "preallocate", "remote.log.copy.disable",
	"remote.log.delete.on.disable", "remote.storage.enable", "retention.bytes", "retention.ms",
	"segment.bytes", "segment.index.bytes", "segment.jitter.ms", "segment.ms",
	"unclean.leader.election.enable",
}

// Setting is one key=value typed by the user.
type Setting struct {
	Key   string
	Value string
}

// ParseSettings reads key=value arguments. The value may contain '=' and
// ',' (cleanup.policy=compact,delete); the key may not be empty, and a
// value of a key whose type is known must be of that type (CheckValue).
func ParseSettings(args []string) ([]Setting, error) {
	out := make([]Setting, 0, len(args))
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		k = strings.TrimSpace(k)
		if !ok {
			return nil, fmt.Errorf("config %q has no value: use key=value, e.g. retention.ms=86400000", a)
		}
		if k == "" {
			return nil, fmt.Errorf("config %q has no key: use key=value, e.g. retention.ms=86400000", a)
		}
		if err := CheckValue(k, v); err != nil {
			return nil, err
		}
		out = append(out, Setting{Key: k, Value: v})
	}
	return out, nil
}

// KeysOf returns the keys in a described config set.
func KeysOf(cfgs []kadm.Config) []string {
	keys := make([]string, 0, len(cfgs))
	for _, c := range cfgs {
		keys = append(keys, c.Key)
	}
	sort.Strings(keys)
	return keys
}

// KnownKeys learns the topic config keys the broker knows by describing the
// configs of one existing topic (candidates, first usable wins): a broker
// describes every key it supports, defaults included. It costs one
// DescribeConfigs request. With no candidate, or when the describe is
// refused, it returns BuiltinKeys and fromBroker false.
func KnownKeys(ctx context.Context, adm *kadm.Client, candidates []string) (keys []string, fromBroker bool, err error) {
	if len(candidates) == 0 {
		return BuiltinKeys, false, nil
	}
	rcs, err := adm.DescribeTopicConfigs(ctx, candidates[0])
	if err != nil {
		if ctx.Err() != nil {
			return nil, false, err
		}
		return BuiltinKeys, false, nil
	}
	rc, err := rcs.On(candidates[0], nil)
	if err != nil || rc.Err != nil || len(rc.Configs) == 0 {
		return BuiltinKeys, false, nil
	}
	return KeysOf(rc.Configs), true, nil
}

// CheckKeys returns an error naming the first key not in known, with the
// nearest known key as a suggestion.
func CheckKeys(keys, known []string) error {
	set := make(map[string]bool, len(known))
	for _, k := range known {
		set[k] = true
	}
	for _, k := range keys {
		if set[k] {
			continue
		}
		msg := fmt.Sprintf("unknown topic config %q", k)
		if s := suggest.Nearest(k, known); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return fmt.Errorf("%s", msg)
	}
	return nil
}
