package cmd

import (
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// resetCluster has topic "t" (one partition, offsets 0-49: 25 records
// stamped 2026-01-01 then 25 stamped 2026-01-02) and an idle group "g"
// committed at 20.
func resetCluster(t *testing.T) *kfake.Cluster {
	t.Helper()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	day1 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	recs := make([]*kgo.Record, 50)
	for i := range recs {
		ts := day1
		if i >= 25 {
			ts = day1.Add(24 * time.Hour)
		}
		recs[i] = &kgo.Record{Topic: "t", Value: []byte("v"), Timestamp: ts}
	}
	kafkatest.Produce(t, kafkatest.Client(t, c), recs...)
	consumeAndCommit(t, c, "g", "t", 20).Close()
	return c
}

func TestGroupsResetPlanChangesNothing(t *testing.T) {
	t.Parallel()
	c := resetCluster(t)
	r := runOn(t, c, "consumer-groups", "reset", "g", "--topic", "t", "--to", "earliest")
	wantCode(t, r, 0)
	for _, s := range []string{"Reset plan for group g on topic t", "Partition", "Current", "New", "Nothing was changed", "--execute"} {
		if !strings.Contains(r.Stdout, s) {
			t.Errorf("plan output lacks %q:\n%s", s, r.Stdout)
		}
	}
	if !strings.Contains(r.Stdout, "0          20       0") {
		t.Errorf("plan row for partition 0 should read 20 -> 0:\n%s", r.Stdout)
	}
	if got := committed(t, c, "g", "t"); got[0] != 20 {
		t.Errorf("dry run changed the commit to %v", got)
	}
}

func TestGroupsResetPositions(t *testing.T) {
	t.Parallel()
	c := resetCluster(t)
	for _, tc := range []struct {
		to      string
		want    int64
		clamped string
	}{
		{"5", 5, ""},
		{"latest", 50, ""},
		{"earliest", 0, ""},
		{"shift:+12", 12, ""},
		{"shift:-100", 0, "clamped to the start offset"},
		{"shift:+1000", 50, "clamped to the end offset"},
		{"999", 50, "clamped to the end offset"},
		{"@2026-01-01T12:00:00Z", 25, ""},
		{"@2025-12-31", 0, ""},
		{"@-1h", 50, ""}, // every record is older than an hour
	} {
		r := runOn(t, c, "consumer-groups", "reset", "g", "--topic", "t", "--to", tc.to, "--execute")
		wantCode(t, r, 0)
		if got := committed(t, c, "g", "t"); got[0] != tc.want {
			t.Errorf("--to %s: committed %d, want %d\n%s", tc.to, got[0], tc.want, r.Stdout)
		}
		if tc.clamped != "" && !strings.Contains(r.Stdout, tc.clamped) {
			t.Errorf("--to %s: output does not say %q:\n%s", tc.to, tc.clamped, r.Stdout)
		}
		if !strings.Contains(r.Stdout, "Committed new offsets for 1 partition of") {
			t.Errorf("--to %s: output does not say what was done:\n%s", tc.to, r.Stdout)
		}
	}
}

func TestGroupsResetJSONAndPartitions(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "t"))
	produceN(t, c, "t", 30)
	consumeAndCommit(t, c, "g", "t", 30).Close()
	before := committed(t, c, "g", "t")

	r := runOn(t, c, "consumer-groups", "reset", "g", "--topic", "t", "--to", "earliest", "--partition", "0,2", "--execute", "--json")
	wantCode(t, r, 0)
	views := decodeJSON[[]resetView](t, r.Stdout)
	if len(views) != 2 || views[0].Partition != 0 || views[1].Partition != 2 || !views[0].Executed || *views[1].New != 0 {
		t.Fatalf("reset --json = %s", r.Stdout)
	}
	after := committed(t, c, "g", "t")
	if after[0] != 0 || after[2] != 0 || after[1] != before[1] {
		t.Errorf("committed %v after resetting 0 and 2 (before %v)", after, before)
	}

	r = runOn(t, c, "consumer-groups", "reset", "g", "--topic", "t", "--to", "earliest", "--partition", "7")
	wantCode(t, r, 3)
	wantOneLineError(t, r, "no partition 7")
}

func TestGroupsResetRefusesActiveGroup(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	produceN(t, c, "t", 10)
	consumeAndCommit(t, c, "live", "t", 5)
	for _, extra := range [][]string{nil, {"--execute"}} {
		r := runOn(t, c, append([]string{"consumer-groups", "reset", "live", "--topic", "t", "--to", "earliest"}, extra...)...)
		wantCode(t, r, 1)
		wantOneLineError(t, r, "has 1 active member; stop its consumers before resetting its offsets")
	}
	if got := committed(t, c, "live", "t"); got[0] != 5 {
		t.Errorf("refused reset changed the commit to %v", got)
	}
}

func TestGroupsResetInvalidInputExits2(t *testing.T) {
	t.Parallel()
	dead := deadAddr(t)
	for _, args := range [][]string{
		{"--topic", "t", "--to", "bogus"},
		{"--topic", "t", "--to", "shift:abc"},
		{"--topic", "t", "--to", "@yesterday"},
		{"--topic", "t", "--to", "-5"},
		{"--topic", "t"},
		{"--to", "earliest"},
		{"--topic", "bad/name", "--to", "earliest"},
		{"--topic", "t", "--to", "earliest", "--partition", "a"},
		{"--topic", "t", "--to", "earliest", "--partition", "3-1"},
	} {
		r := run(t, runOpts{}, append([]string{"-b", dead, "--timeout", "1s", "consumer-groups", "reset", "g"}, args...)...)
		wantCode(t, r, 2)
		if strings.Count(strings.TrimSpace(r.Stderr), "\n") > 0 {
			t.Errorf("%v: stderr is not one line: %s", args, r.Stderr)
		}
	}
}

func TestGroupsResetMissingTopicOrGroupExits3(t *testing.T) {
	t.Parallel()
	c := resetCluster(t)
	r := runOn(t, c, "consumer-groups", "reset", "g", "--topic", "tt", "--to", "earliest")
	wantCode(t, r, 3)
	wantOneLineError(t, r, `topic "tt" not found`)

	r = runOn(t, c, "consumer-groups", "reset", "nobody", "--topic", "t", "--to", "earliest", "--execute")
	wantCode(t, r, 3)
	wantOneLineError(t, r, `consumer group "nobody" not found`)
	if r := runOn(t, c, "consumer-groups", "nobody"); r.Code != 3 {
		t.Errorf("reset of a missing group created it: %s", r.Stdout)
	}
}

func TestGroupsDestroy(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	produceN(t, c, "t", 4)
	member := consumeAndCommit(t, c, "g", "t", 2)

	r := runOn(t, c, "consumer-groups", "destroy", "g")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "--confirm g")
	r = runOn(t, c, "consumer-groups", "destroy", "g", "--confirm", "h")
	wantCode(t, r, 2)

	r = runOn(t, c, "consumer-groups", "destroy", "g", "--confirm", "g")
	wantCode(t, r, 1)
	wantOneLineError(t, r, "still has active members; stop its consumers")

	member.Close()
	r = runOn(t, c, "consumer-groups", "destroy", "g", "--confirm", "g")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "Consumer group g has been deleted.") {
		t.Errorf("destroy output: %q", r.Stdout)
	}
	wantCode(t, runOn(t, c, "consumer-groups", "g"), 3)
	r = runOn(t, c, "consumer-groups", "destroy", "g", "--confirm", "g")
	wantCode(t, r, 3)
	wantOneLineError(t, r, `consumer group "g" not found`)

	// On a terminal, typing the name confirms.
	produceN(t, c, "t", 1)
	consumeAndCommit(t, c, "typed", "t", 1).Close()
	r = run(t, runOpts{tty: true, stdin: "typed\n"}, "-b", kafkatest.Brokers(c), "consumer-groups", "destroy", "typed")
	wantCode(t, r, 0)
}

func TestGroupsResetKIP848Group(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	produceN(t, c, "t", 10)
	consumeAndCommit(t, c, "next", "t", 6, kgo.ServerSideBalancer()).Close()
	r := runOn(t, c, "groups", "reset", "next", "--topic", "t", "--to", "shift:-4", "--execute")
	wantCode(t, r, 0)
	if got := committed(t, c, "next", "t"); got[0] != 2 {
		t.Errorf("KIP-848 group committed %v after shift:-4 from 6, want 2", got)
	}
}

// On a terminal, group destroy checks that the group exists before asking
// for its name, as topic destroy does.
func TestGroupsDestroyChecksBeforePrompting(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	r := run(t, runOpts{tty: true, stdin: "nobody\n"}, "-b", kafkatest.Brokers(c), "consumer-groups", "destroy", "nobody")
	wantCode(t, r, 3)
	wantOneLineError(t, r, `consumer group "nobody" not found`)
	if strings.Contains(r.Stderr, "To proceed") {
		t.Errorf("asked to confirm deleting a group that does not exist:\n%s", r.Stderr)
	}
}
