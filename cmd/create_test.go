package cmd

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestCreateDefaultsReportWhatTheBrokerApplied(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	r := runOn(t, c, "create", "events")
	wantCode(t, r, 0)
	ct := readTopic(t, c, "events")
	want := "Creating topic events with " + countNoun(ct.Partitions, "partition") + ", replication factor 3, retention 7 days, compaction disabled... done\n"
	if !ct.Exists || !strings.HasPrefix(r.Stdout, want) {
		t.Fatalf("stdout %q, want prefix %q (cluster: %+v)", r.Stdout, want, ct)
	}
}

func TestCreateCompaction(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	r := runOn(t, c, "create", "users", "--compaction", "-p", "2")
	wantCode(t, r, 0)
	wantStdout(t, r, "with 2 partitions, replication factor 3, retention unlimited, compaction enabled... done")
	ct := readTopic(t, c, "users")
	wantConfig(t, ct, "cleanup.policy", "compact")
	wantConfig(t, ct, "retention.ms", "-1")

	r = runOn(t, c, "create", "audit", "--compaction", "--retention-time", "2 weeks", "--config", "max.message.bytes=2000000")
	wantCode(t, r, 0)
	wantStdout(t, r, "retention 2 weeks, compaction enabled... done")
	ct = readTopic(t, c, "audit")
	wantConfig(t, ct, "cleanup.policy", "compact,delete")
	wantConfig(t, ct, "retention.ms", "1209600000")
	wantConfig(t, ct, "max.message.bytes", "2000000")
}

func TestCreateExisting(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "router"))
	r := runOn(t, c, "create", "router", "--partitions", "5")
	wantCode(t, r, 1)
	wantOneLineError(t, r, `topic "router" already exists`)
	r = runOn(t, c, "create", "router", "--partitions", "5", "--if-not-exists")
	wantCode(t, r, 0)
	wantStdout(t, r, "Topic router already exists; nothing was changed.")
	if n := readTopic(t, c, "router").Partitions; n != 3 {
		t.Fatalf("existing topic changed to %d partitions", n)
	}
}

func TestCreateConfigKeysCheckedWithoutTopicsToDescribe(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	// No topic to learn the keys from: Kafka's built-in list is used.
	r := runOn(t, c, "create", "a", "--config", "retention.mss=5")
	wantCode(t, r, 2)
	wantOneLineError(t, r, `unknown topic config "retention.mss" (did you mean "retention.ms"?)`)
	if names := topicNames(t, c); len(names) != 0 {
		t.Fatalf("topics created: %v", names)
	}
	r = runOn(t, c, "create", "a", "--config", "segment.bytes=1048576", "--config", "cleanup.policy=compact,delete")
	wantCode(t, r, 0)
	ct := readTopic(t, c, "a")
	wantConfig(t, ct, "segment.bytes", "1048576")
	wantConfig(t, ct, "cleanup.policy", "compact,delete")
}

func TestCreateWithPrefix(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "other.tenant"))
	// KAFKA_PREFIX belongs to KAFKA_URL's attachment, so connect through it.
	o := runOpts{env: map[string]string{"KAFKA_URL": kafkatest.Brokers(c), "KAFKA_PREFIX": "acme."}}
	var b []string
	r := run(t, o, append(b, "create", "router", "-p", "2")...)
	wantCode(t, r, 0)
	wantStdout(t, r, "Creating topic router with 2 partitions", "Use kafka topic router to monitor it.")
	if !slices.Contains(topicNames(t, c), "acme.router") {
		t.Fatalf("acme.router not created: %v", topicNames(t, c))
	}
	if strings.Contains(strings.SplitN(r.Stdout, "\n", 2)[0], "acme.") {
		t.Errorf("the create line shows the prefix: %q", r.Stdout)
	}

	r = run(t, o, append(b, "topic", "router")...)
	wantCode(t, r, 0)
	wantStdout(t, r, "=== router\n", "Prefix:             acme.\n")

	// A name already carrying the prefix is left alone.
	r = run(t, o, append(b, "retention-time", "acme.router", "1d")...)
	wantCode(t, r, 0)
	wantConfig(t, readTopic(t, c, "acme.router"), "retention.ms", "86400000")

	// Another tenant's topic is not offered as a suggestion.
	r = run(t, o, append(b, "topic", "tenant")...)
	wantCode(t, r, 3)
	if strings.Contains(r.Stderr, "other") {
		t.Errorf("suggested another tenant's topic: %s", r.Stderr)
	}

	r = run(t, o, append(b, "destroy", "router", "--confirm", "router")...)
	wantCode(t, r, 0)
	if readTopic(t, c, "acme.router").Exists {
		t.Fatal("acme.router still exists")
	}
}

func TestCreateRefusedByBrokerExits1(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	r := runOn(t, c, "create", "router", "--replication-factor", "5")
	wantCode(t, r, 1)
	wantOneLineError(t, r, "could not create topic router: INVALID_REPLICATION_FACTOR")
	if readTopic(t, c, "router").Exists {
		t.Fatal("router created")
	}
}

func TestTopicCommandsUnreachableExit5(t *testing.T) {
	t.Parallel()
	addr := deadAddr(t)
	for _, args := range [][]string{{"topic", "router"}, {"create", "router"}, {"config", "router", "retention.ms=1"}} {
		r := run(t, runOpts{}, append([]string{"-b", addr, "--timeout", "1s"}, args...)...)
		wantCode(t, r, 5)
		wantOneLineError(t, r, addr)
	}
}

// On create, the local --config key=value shadows the global --config PATH;
// a YAML file given there must still be taken as the config file.
func TestCreateConfigFileFlag(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	path := filepath.Join(t.TempDir(), "k.yaml")
	yaml := "default: dev\nclusters:\n  dev:\n    brokers: [" + kafkatest.Brokers(c) + "]\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, runOpts{}, "--config", path, "create", "fromfile", "--partitions", "2", "--config", "retention.ms=3600000")
	wantCode(t, r, 0)
	r = runOn(t, c, "topic", "fromfile", "--json")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, `"retention_ms": 3600000`) {
		t.Errorf("topic --json:\n%s", r.Stdout)
	}
}
