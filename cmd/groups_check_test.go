package cmd

import (
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestGroupsCheck(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "events"))
	producePart(t, c, "events", 0, 10)
	cl := consumeAndCommit(t, c, "fine", "events", 10)
	defer cl.Close()
	commitPartitions(t, c, "gone", "events", map[int32]int64{0: 4})

	r := runOn(t, c, "consumer-groups", "fine", "--check")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "fine: ok, lag 0 messages: ok") {
		t.Errorf("check fine: %q", r.Stdout)
	}

	r = runOn(t, c, "consumer-groups", "fine", "gone", "--check")
	wantCode(t, r, 6)
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "gone: stopped, lag 6 messages (oldest unread: ") || !strings.HasSuffix(lines[1], "old): FAIL: status stopped") {
		t.Errorf("check output: %q", r.Stdout)
	}
	if !strings.Contains(r.Stderr, "1 of 2 groups failed the check") {
		t.Errorf("stderr: %q", r.Stderr)
	}

	producePart(t, c, "events", 0, 5)
	r = runOn(t, c, "consumer-groups", "fine", "--check", "--max-lag", "3", "--json")
	wantCode(t, r, 6)
	vs := decodeJSON[[]groupCheckView](t, r.Stdout)
	if len(vs) != 1 || vs[0].Lag != 5 || len(vs[0].Problems) == 0 || !strings.Contains(vs[0].Problems[len(vs[0].Problems)-1], "over --max-lag 3") {
		t.Errorf("check --json: %+v", vs)
	}

	for _, args := range [][]string{
		{"consumer-groups", "--check"},
		{"consumer-groups", "a", "b"},
		{"consumer-groups", "a", "--max-lag", "5"},
		{"consumer-groups", "a", "--check", "--watch"},
	} {
		wantCode(t, runOn(t, c, args...), 2)
	}
}

// --max-lag-seconds fails a group whose oldest unread record is older
// than the threshold, on a line of its own among several groups, and
// leaves a younger one to its status.
func TestGroupsCheckMaxLagSeconds(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "ev"))
	pc := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	now := time.Now()
	var recs []*kgo.Record
	for i := range 20 {
		age := time.Minute // offsets 10..19
		if i < 10 {
			age = 10 * time.Minute
		}
		recs = append(recs, &kgo.Record{Topic: "ev", Value: []byte("v"), Timestamp: now.Add(-age)})
	}
	kafkatest.Produce(t, pc, recs...)
	done := consumeAndCommit(t, c, "done", "ev", 20)
	defer done.Close()
	commitPartitions(t, c, "recent", "ev", map[int32]int64{0: 15})
	commitPartitions(t, c, "old", "ev", map[int32]int64{0: 5})

	r := runOn(t, c, "consumer-groups", "done", "recent", "old", "--check", "--max-lag-seconds", "300", "--json", "--sample-interval", "100ms")
	wantCode(t, r, 6)
	vs := decodeJSON[[]groupCheckView](t, r.Stdout)
	if len(vs) != 3 || vs[0].Group != "done" || len(vs[0].Problems) != 0 || vs[0].LagSecs != nil {
		t.Fatalf("check: %+v", vs)
	}
	if p := vs[1].Problems; len(p) != 1 || p[0] != "status stopped" || vs[1].LagSecs == nil || *vs[1].LagSecs < 59 || *vs[1].LagSecs > 66 {
		t.Errorf("recent: %+v, want only its status and about 60 s", vs[1])
	}
	if p := vs[2].Problems; len(p) != 2 || !strings.Contains(p[1], "over --max-lag-seconds 5 minutes") {
		t.Errorf("old: problems %q, want its status and the threshold", p)
	}

	r = runOn(t, c, "consumer-groups", "done", "recent", "old", "--check", "--max-lag-seconds", "5m", "--sample-interval", "100ms")
	wantCode(t, r, 6)
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "done: ok, lag 0 messages: ok") ||
		!strings.HasPrefix(lines[2], "old: stopped, lag 15 messages (oldest unread: 10") || !strings.Contains(lines[2], "FAIL: status stopped; oldest unread 10") ||
		!strings.HasSuffix(lines[2], "old, over --max-lag-seconds 5 minutes") {
		t.Errorf("check text:\n%s", r.Stdout)
	}
	wantCode(t, runOn(t, c, "consumer-groups", "done", "--check", "--max-lag-seconds", "90", "--sample-interval", "100ms"), 0)
	for _, args := range [][]string{
		{"consumer-groups", "done", "--max-lag-seconds", "90"},
		{"consumer-groups", "done", "--check", "--max-lag-seconds", "soon"},
		{"consumer-groups", "done", "--check", "--max-lag-seconds", "0"},
	} {
		wantCode(t, runOn(t, c, args...), 2)
	}
}
