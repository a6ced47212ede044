package cmd

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func startOffsets(t *testing.T, c *kfake.Cluster, topic string) map[int32]int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := kadm.NewClient(kafkatest.Client(t, c)).ListStartOffsets(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int32]int64{}
	s.Each(func(o kadm.ListedOffset) { out[o.Partition] = o.Offset })
	return out
}

func TestDeleteRecordsPlansThenExecutes(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "t"))
	base := time.Now().Add(-time.Hour).Truncate(time.Second)
	seedGrid(t, manual(t, c), "t", 2, 10, base, time.Minute)

	r := runOn(t, c, "delete-records", "t", "--before", "4")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "--execute") || startOffsets(t, c, "t")[0] != 0 {
		t.Fatalf("a plan must change nothing and say how to apply it:\n%s", r.Stdout)
	}

	r = runOn(t, c, "delete-records", "t", "--before", "4", "--partition", "1", "--execute", "--json")
	wantCode(t, r, 0)
	if got := startOffsets(t, c, "t"); got[0] != 0 || got[1] != 4 {
		t.Errorf("start offsets after --partition 1 --before 4: %v, want 0:0 1:4", got)
	}
	if !strings.Contains(r.Stdout, `"executed": true`) && !strings.Contains(r.Stdout, `"executed":true`) {
		t.Errorf("JSON does not report the deletion:\n%s", r.Stdout)
	}

	// Records at base+0m..base+9m: before base+5m30s are offsets 0-5.
	at := base.Add(5*time.Minute + 30*time.Second).UTC().Format(time.RFC3339)
	wantCode(t, runOn(t, c, "delete-records", "t", "--before", "@"+at, "--execute"), 0)
	if got := startOffsets(t, c, "t"); got[0] != 6 || got[1] != 6 {
		t.Errorf("start offsets after --before @%s: %v, want 6 on both", at, got)
	}
	// Past the end: clamped to the end, everything goes.
	wantCode(t, runOn(t, c, "delete-records", "t", "--before", "1000", "--execute"), 0)
	if got := startOffsets(t, c, "t"); got[0] != 10 || got[1] != 10 {
		t.Errorf("start offsets after --before 1000: %v, want 10 (the end)", got)
	}
}

func TestDeleteRecordsRejectsBadInput(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"delete-records", "t"}, 2, "--before is required"},
		{[]string{"delete-records", "t", "--before", "-3"}, 2, "invalid --before"},
		{[]string{"delete-records", "t", "--before", "@yesterday-ish"}, 2, "invalid --before"},
		{[]string{"delete-records", "t", "--before", "1", "-p", "5"}, 3, "no partition 5"},
		{[]string{"delete-records", "nope", "--before", "1"}, 3, "nope"},
	} {
		r := runOn(t, c, tc.args...)
		wantCode(t, r, tc.code)
		wantOneLineError(t, r, tc.msg)
	}
}
