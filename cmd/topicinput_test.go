package cmd

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// TestTopicBadInputExits2 runs issue 2's bad inputs for topic commands and
// checks both the exit code and that the cluster is exactly as before.
func TestTopicBadInputExits2(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "router"))
	long := strings.Repeat("x", 250)
	cases := [][]string{
		{"create", ""},
		{"create", long},
		{"create", "a/b"},
		{"create", ".."},
		{"create", "."},
		{"create", "new", "--partitions", "0"},
		{"create", "new", "--partitions", "-1"},
		{"create", "new", "--partitions", "abc"},
		{"create", "new", "--replication-factor", "0"},
		{"create", "new", "--retention-time", "abc"},
		{"create", "new", "--retention-time", "0"},
		{"create", "new", "--retention-time", "-5h"},
		{"create", "new", "--config", "novalue"},
		{"create", "new", "--config", "=5"},
		{"create", "new", "--config", "retention.mss=5"},
		{"create", "new", "--config", "bogus.key=1"},
		{"create", "new", "--retention-time", "1d", "--config", "retention.ms=5"},
		{"topic", ""},
		{"topic", "a/b"},
		{"destroy", ".."},
		{"retention-time", "router", "abc"},
		{"retention-time", "router", "0"},
		{"retention-time", "router", "-5h"},
		{"retention-time", "router", "--", "-5h"},
		{"retention-time", long, "1d"},
		{"compaction", "router", "maybe"},
		{"compaction", "a/b", "on"},
		{"partitions", "router", "0"},
		{"partitions", "router", "-1"},
		{"partitions", "router", "--", "-1"},
		{"partitions", "router", "abc"},
		{"partitions", "router", "2"},
		{"config", "router", "novalue"},
		{"config", "router", "retention.mss=5"},
		{"config", "router", "max.message.bytes=5", "--unset", "retention.mz"},
		{"config", "router", "retention.ms=5", "retention.ms=6"},
		{"config", ".."},
	}
	before := readTopic(t, c, "router")
	for _, args := range cases {
		r := runOn(t, c, args...)
		if r.Code != 2 {
			t.Errorf("%q: exit %d, want 2\nstdout: %s\nstderr: %s", args, r.Code, r.Stdout, r.Stderr)
			continue
		}
		wantOneLineError(t, r, "")
	}
	if names := topicNames(t, c); !slices.Equal(names, []string{"router"}) {
		t.Errorf("topics after bad input: %v", names)
	}
	if after := readTopic(t, c, "router"); !reflect.DeepEqual(before, after) {
		t.Errorf("router changed by bad input:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestUnknownConfigKeySuggests(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "router"))
	r := runOn(t, c, "config", "router", "retention.mss=5")
	wantCode(t, r, 2)
	wantOneLineError(t, r, `unknown topic config "retention.mss" (did you mean "retention.ms"?); nothing was changed`)
	// Keys are learned from the broker: kfake knows only a few, so a real
	// Kafka key it does not support is refused too.
	r = runOn(t, c, "create", "new", "--config", "segment.jitter.ms=5")
	wantCode(t, r, 2)
}

// TestBadInputSendsNothing proves validation happens before any request:
// nothing listens at the address, so a request would exit 5.
func TestTopicBadInputSendsNothing(t *testing.T) {
	t.Parallel()
	addr := deadAddr(t)
	for _, args := range [][]string{
		{"create", "a/b"},
		{"create", "x", "--partitions", "0"},
		{"create", "x", "--retention-time", "-5h"},
		{"create", "x", "--config", "novalue"},
		{"compaction", "x", "maybe"},
		{"retention-time", "x", "abc"},
		{"partitions", "x", "0"},
		{"destroy", "x"},
	} {
		r := run(t, runOpts{}, append([]string{"-b", addr, "--timeout", "1s"}, args...)...)
		if r.Code != 2 {
			t.Errorf("%q: exit %d, want 2 (stderr %s)", args, r.Code, r.Stderr)
		}
	}
}
