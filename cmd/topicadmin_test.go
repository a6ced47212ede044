package cmd

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// clusterTopic is a topic's state read straight from the cluster, with a
// client independent of the code under test.
type clusterTopic struct {
	Exists     bool
	Partitions int
	RF         int
	Configs    map[string]string // every described config
	Sources    map[string]string
}

func readTopic(t *testing.T, c *kfake.Cluster, name string) clusterTopic {
	t.Helper()
	adm := kadm.NewClient(kafkatest.Client(t, c))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tds, err := adm.ListTopicsWithInternal(ctx, name)
	if err != nil {
		t.Fatalf("metadata: %v", err)
	}
	td, ok := tds[name]
	if !ok || td.Err != nil {
		return clusterTopic{}
	}
	ct := clusterTopic{Exists: true, Partitions: len(td.Partitions), RF: td.Partitions.NumReplicas(),
		Configs: map[string]string{}, Sources: map[string]string{}}
	rcs, err := adm.DescribeTopicConfigs(ctx, name)
	if err != nil {
		t.Fatalf("describe configs: %v", err)
	}
	rc, err := rcs.On(name, nil)
	if err != nil || rc.Err != nil {
		t.Fatalf("describe configs of %s: %v %v", name, err, rc.Err)
	}
	for _, cfg := range rc.Configs {
		ct.Configs[cfg.Key] = cfg.MaybeValue()
		ct.Sources[cfg.Key] = cfg.Source.String()
	}
	return ct
}

// topicNames lists every topic on the cluster.
func topicNames(t *testing.T, c *kfake.Cluster) []string {
	t.Helper()
	adm := kadm.NewClient(kafkatest.Client(t, c))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tds, err := adm.ListTopics(ctx)
	if err != nil {
		t.Fatalf("list topics: %v", err)
	}
	return tds.Names()
}

func wantConfig(t *testing.T, ct clusterTopic, key, value string) {
	t.Helper()
	if got := ct.Configs[key]; got != value {
		t.Fatalf("%s = %q (source %s), want %q", key, got, ct.Sources[key], value)
	}
}

func wantStdout(t *testing.T, r result, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(r.Stdout, p) {
			t.Fatalf("stdout lacks %q:\n%s", p, r.Stdout)
		}
	}
}

// wantRow finds the table row whose first cell is cells[0] and compares
// its cells, whatever the column widths.
func wantRow(t *testing.T, r result, cells ...string) {
	t.Helper()
	for _, line := range strings.Split(r.Stdout, "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && f[0] == cells[0] {
			if strings.Join(f, " ") != strings.Join(cells, " ") {
				t.Fatalf("row %q, want %q", line, strings.Join(cells, " "))
			}
			return
		}
	}
	t.Fatalf("no row for %q in:\n%s", cells[0], r.Stdout)
}

func TestTopicAdministrationPath(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)

	r := runOn(t, c, "create", "router", "--partitions", "8", "--replication-factor", "3", "--retention-time", "36h")
	wantCode(t, r, 0)
	wantStdout(t, r, "Creating topic router with 8 partitions, replication factor 3, retention 36 hours, compaction disabled... done\n",
		"Use kafka topic router to monitor it.")
	ct := readTopic(t, c, "router")
	if ct.Partitions != 8 || ct.RF != 3 {
		t.Fatalf("created %d partitions rf %d", ct.Partitions, ct.RF)
	}
	wantConfig(t, ct, "retention.ms", "129600000")
	wantConfig(t, ct, "cleanup.policy", "delete")

	r = runOn(t, c, "list", "--json")
	wantCode(t, r, 0)
	wantStdout(t, r, `"name": "router"`)

	r = runOn(t, c, "topic", "router")
	wantCode(t, r, 0)
	wantStdout(t, r, "=== router\n", "Partitions:         8 partitions\n", "Replication Factor: 3\n",
		"Retention:          36 hours\n", "Compaction is disabled for router", "retention.ms: 129600000\n", "Partition  Leader")
	if strings.Count(r.Stdout, " ok\n") != 8 {
		t.Errorf("want 8 healthy partition rows:\n%s", r.Stdout)
	}

	r = runOn(t, c, "topic", "router", "--json")
	wantCode(t, r, 0)
	var v map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil {
		t.Fatalf("bad json: %v\n%s", err, r.Stdout)
	}
	for _, k := range []string{"name", "partitions", "replication_factor", "retention_ms", "compaction", "messages", "size_bytes", "configs", "partition_details"} {
		if _, ok := v[k]; !ok {
			t.Errorf("topic --json lacks %q", k)
		}
	}
	if v["retention_ms"] != float64(129600000) || v["configs"].(map[string]any)["retention.ms"] != "129600000" {
		t.Errorf("topic --json = %s", r.Stdout)
	}
	pd := v["partition_details"].([]any)
	if len(pd) != 8 || pd[0].(map[string]any)["under_replicated"] != false || len(pd[0].(map[string]any)["replicas"].([]any)) != 3 {
		t.Errorf("partition_details = %v", pd)
	}

	// Heroku semantics: no retention turns compaction on...
	r = runOn(t, c, "retention-time", "router", "disable")
	wantCode(t, r, 0)
	wantStdout(t, r, "Disabling time-based retention and enabling compaction for topic router... done")
	ct = readTopic(t, c, "router")
	wantConfig(t, ct, "retention.ms", "-1")
	wantConfig(t, ct, "cleanup.policy", "compact")

	// ...and no compaction restores a retention (the broker's default).
	r = runOn(t, c, "compaction", "router", "off")
	wantCode(t, r, 0)
	wantStdout(t, r, "Disabling compaction and setting retention time to 7 days for topic router... done")
	ct = readTopic(t, c, "router")
	wantConfig(t, ct, "retention.ms", "604800000")
	wantConfig(t, ct, "cleanup.policy", "delete")

	r = runOn(t, c, "retention-time", "router", "2d")
	wantCode(t, r, 0)
	wantConfig(t, readTopic(t, c, "router"), "retention.ms", "172800000")

	// Compaction on a topic with a retention time keeps it: mixed policy.
	r = runOn(t, c, "compaction", "router", "enable")
	wantCode(t, r, 0)
	wantStdout(t, r, "Enabling compaction for topic router, keeping its retention time of 2 days (cleanup.policy=compact,delete)... done")
	ct = readTopic(t, c, "router")
	wantConfig(t, ct, "cleanup.policy", "compact,delete")
	wantConfig(t, ct, "retention.ms", "172800000")
	r = runOn(t, c, "compaction", "router", "yes")
	wantCode(t, r, 0)
	wantStdout(t, r, "already enabled")
	r = runOn(t, c, "retention-time", "router", "3d")
	wantCode(t, r, 0)
	wantStdout(t, r, "Setting retention time to 3 days for topic router, keeping compaction enabled (cleanup.policy=compact,delete)... done")
	ct = readTopic(t, c, "router")
	wantConfig(t, ct, "retention.ms", "259200000")
	wantConfig(t, ct, "cleanup.policy", "compact,delete")

	r = runOn(t, c, "partitions", "router", "12")
	wantCode(t, r, 0)
	wantStdout(t, r, "from 8 to 12... done")
	if n := readTopic(t, c, "router").Partitions; n != 12 {
		t.Fatalf("partitions = %d, want 12", n)
	}
	for n, want := range map[string]string{"12": `topic "router" already has 12 partitions; nothing was changed`, "4": "cannot remove partitions"} {
		r = runOn(t, c, "partitions", "router", n)
		wantCode(t, r, 2)
		wantOneLineError(t, r, want)
	}
	if n := readTopic(t, c, "router").Partitions; n != 12 {
		t.Fatalf("partitions = %d after a refused change, want 12", n)
	}

	r = runOn(t, c, "config", "router", "max.message.bytes=2000000", "segment.ms=3600000")
	wantCode(t, r, 0)
	wantRow(t, r, "max.message.bytes", "1048588", "2000000", "DYNAMIC_TOPIC_CONFIG")
	ct = readTopic(t, c, "router")
	wantConfig(t, ct, "max.message.bytes", "2000000")
	wantConfig(t, ct, "segment.ms", "3600000")

	r = runOn(t, c, "config", "router", "--unset", "max.message.bytes")
	wantCode(t, r, 0)
	ct = readTopic(t, c, "router")
	wantConfig(t, ct, "max.message.bytes", "1048588")
	if ct.Sources["max.message.bytes"] != "DEFAULT_CONFIG" {
		t.Errorf("unset left source %s", ct.Sources["max.message.bytes"])
	}
	wantConfig(t, ct, "segment.ms", "3600000")

	r = runOn(t, c, "config", "router", "--json")
	wantCode(t, r, 0)
	var cfgs []map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &cfgs); err != nil {
		t.Fatalf("bad json: %v\n%s", err, r.Stdout)
	}
	found := false
	for _, cfg := range cfgs {
		if cfg["name"] == "segment.ms" && cfg["value"] == "3600000" && cfg["source"] == "DYNAMIC_TOPIC_CONFIG" && cfg["sensitive"] == false {
			found = true
		}
	}
	if !found {
		t.Errorf("config --json lacks segment.ms: %s", r.Stdout)
	}
	r = runOn(t, c, "config", "router")
	wantCode(t, r, 0)
	wantStdout(t, r, "=== router configs\n", "segment.ms", "DEFAULT_CONFIG")

	r = runOn(t, c, "destroy", "router", "--confirm", "router")
	wantCode(t, r, 0)
	wantStdout(t, r, "Deleting topic router... done", "marked for deletion")
	if readTopic(t, c, "router").Exists {
		t.Fatal("router still exists after destroy")
	}
}
