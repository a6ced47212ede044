package cmd

import (
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestDestroyConfirmation(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "router"))
	b := kafkatest.Brokers(c)

	// Piped without --confirm: refused before any request.
	r := runOn(t, c, "destroy", "router")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "pass --confirm router")
	r = runOn(t, c, "destroy", "router", "--confirm", "routr")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "does not match")
	r = run(t, runOpts{tty: true, stdin: "nope\n"}, "-b", b, "destroy", "router")
	wantCode(t, r, 2)
	if !strings.Contains(r.Stderr, "To proceed, type") || !strings.Contains(r.Stderr, "confirmation did not match") {
		t.Fatalf("stderr: %q", r.Stderr)
	}
	if !readTopic(t, c, "router").Exists {
		t.Fatal("router deleted without confirmation")
	}

	// A person at a terminal types the name.
	r = run(t, runOpts{tty: true, stdin: "router\n"}, "-b", b, "destroy", "router")
	wantCode(t, r, 0)
	wantStdout(t, r, "Deleting topic router... done")
	if readTopic(t, c, "router").Exists {
		t.Fatal("router still exists after a typed confirmation")
	}
}

func TestDestroyAliasAndPipedWithoutConfirmSendsNothing(t *testing.T) {
	t.Parallel()
	// Nothing listens here: a request would fail with exit 5, not 2.
	r := run(t, runOpts{}, "-b", deadAddr(t), "--timeout", "1s", "delete", "router")
	wantCode(t, r, 2)
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "router"))
	r = runOn(t, c, "delete", "router", "--confirm", "router")
	wantCode(t, r, 0)
	if readTopic(t, c, "router").Exists {
		t.Fatal("router still exists after delete")
	}
}

func TestTopicNotFoundExits3(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "router"))
	for _, args := range [][]string{
		{"topic", "routr"},
		{"destroy", "routr", "--confirm", "routr"},
		{"config", "routr"},
		{"config", "routr", "retention.ms=1000"},
		{"partitions", "routr", "5"},
		{"retention-time", "routr", "1d"},
		{"compaction", "routr", "on"},
	} {
		r := runOn(t, c, args...)
		wantCode(t, r, 3)
		wantOneLineError(t, r, `topic "routr" not found (did you mean "router"?)`)
	}
	// On a terminal, a missing topic is reported before any prompt.
	r := run(t, runOpts{tty: true, stdin: "zzz\n"}, "-b", kafkatest.Brokers(c), "destroy", "zzz")
	wantCode(t, r, 3)
	ct := readTopic(t, c, "router")
	if ct.Partitions != 2 || ct.Sources["retention.ms"] != "DEFAULT_CONFIG" {
		t.Fatalf("router changed: %+v", ct)
	}
}
