package cmd

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// groupCommits is what `kafka consumer-groups G --json` says G committed
// on topic, by partition.
func groupCommits(t *testing.T, c *kfake.Cluster, group, topic string) map[int32]int64 {
	t.Helper()
	r := runOn(t, c, "consumer-groups", group, "--json")
	wantCode(t, r, 0)
	var v struct {
		Partitions []struct {
			Topic     string `json:"topic"`
			Partition int32  `json:"partition"`
			Committed *int64 `json:"committed"`
		} `json:"partitions"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil {
		t.Fatalf("consumer-groups --json: %v\n%s", err, r.Stdout)
	}
	out := map[int32]int64{}
	for _, p := range v.Partitions {
		if p.Topic == topic && p.Committed != nil {
			out[p.Partition] = *p.Committed
		}
	}
	return out
}

func produceTagged(t *testing.T, c *kfake.Cluster, topic string, partitions, n int, tag string) {
	t.Helper()
	var recs []*kgo.Record
	for p := range partitions {
		for i := range n {
			recs = append(recs, &kgo.Record{Topic: topic, Partition: int32(p), Value: []byte(fmt.Sprintf("%s-%d-%d", tag, p, i))})
		}
	}
	kafkatest.Produce(t, kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner())), recs...)
}

// tail --group commits what it printed, so the group (and a later tail
// --group) starts after it; without --from it starts where the group left off.
func TestTailGroupCommitsWhatItPrinted(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "t"))
	produceTagged(t, c, "t", 2, 5, "a")

	r := runOn(t, c, "tail", "t", "--group", "replay", "--from", "beginning", "--no-follow")
	wantCode(t, r, 0)
	if n := len(lines(r.Stdout)); n != 10 {
		t.Fatalf("printed %d records, want 10:\n%s", n, r.Stdout)
	}
	if got := groupCommits(t, c, "replay", "t"); got[0] != 5 || got[1] != 5 {
		t.Fatalf("consumer-groups replay shows commits %v, want 5 on both partitions", got)
	}

	// A new group without --from starts at the end, as tail does.
	r = runOn(t, c, "tail", "t", "--group", "fresh", "--no-follow")
	wantCode(t, r, 0)
	if r.Stdout != "" {
		t.Fatalf("a new group without --from printed records:\n%s", r.Stdout)
	}

	// Where the group left off: nothing new to print.
	r = runOn(t, c, "tail", "t", "--group", "replay", "--no-follow")
	wantCode(t, r, 0)
	if r.Stdout != "" {
		t.Fatalf("a second run re-printed records:\n%s", r.Stdout)
	}

	// --count stops after N records, and only those are committed.
	produceTagged(t, c, "t", 1, 4, "b")
	r = runOn(t, c, "tail", "t", "--group", "replay", "--count", "3")
	wantCode(t, r, 0)
	if n := len(lines(r.Stdout)); n != 3 || !strings.Contains(r.Stdout, "b-0-0") || strings.Contains(r.Stdout, "b-0-3") {
		t.Fatalf("--count 3 printed:\n%s", r.Stdout)
	}
	if got := committed(t, c, "replay", "t"); got[0] != 8 || got[1] != 5 {
		t.Fatalf("after --count 3, commits %v, want 8 and 5", got)
	}

	// --from replays for the group.
	r = runOn(t, c, "tail", "t", "--group", "replay", "--from", "-1", "--no-follow")
	wantCode(t, r, 0)
	if n := len(lines(r.Stdout)); n != 2 {
		t.Fatalf("--from -1 printed %d records, want 2:\n%s", n, r.Stdout)
	}
	if got := committed(t, c, "replay", "t"); got[0] != 9 || got[1] != 5 {
		t.Fatalf("after --from -1, commits %v, want 9 and 5", got)
	}
}

// Ctrl-C while following commits what was printed before tail exits.
func TestTailGroupCommitsOnInterrupt(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	produceTagged(t, c, "t", 1, 7, "a")
	r := startCmd(t, false, "-b", kafkatest.Brokers(c), "tail", "t", "--group", "g", "--from", "beginning")
	r.waitLines(t, 7, 15*time.Second)
	if code := r.stop(t); code != 0 {
		t.Fatalf("Ctrl-C exit code %d, stderr %q", code, r.err.String())
	}
	if got := committed(t, c, "g", "t"); got[0] != 7 {
		t.Fatalf("after Ctrl-C, commit %v, want 7", got)
	}
}

func TestTailGroupRefusals(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	for _, args := range [][]string{
		{"--group", "g", "-n", "5"},
		{"--group", "g", "--partition", "0"},
		{"--group", ""},
		{"--group", "bad\x01name"},
	} {
		r := runOn(t, c, append([]string{"tail", "t"}, args...)...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, "group")
	}
	produceTagged(t, c, "t", 1, 3, "a")
	member := consumeAndCommit(t, c, "busy", "t", 1)
	defer member.Close()
	r := runOn(t, c, "tail", "t", "--group", "busy", "--from", "beginning", "--no-follow")
	wantCode(t, r, 1)
	wantOneLineError(t, r, "stop its consumers")
	if got := committed(t, c, "busy", "t"); got[0] != 1 {
		t.Errorf("refused tail changed the active group's commit to %v", got)
	}
}
