package cmd

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// sparkRow matches a trend line: a label, then a run of block characters.
var (
	sparkRow = regexp.MustCompile(`(?m)^(Messages in|Consumed|Bytes in|Lag|Lag in time|Consuming|Producing): +[ ▁▂▃▄▅▆▇█]*[▁▂▃▄▅▆▇█]+  `)
	escapes  = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")
)

// TestWatchTrendsOnTerminalOnly: the --watch views of info, topic and
// consumer-groups GROUP draw sparklines of their rates and lag on a
// terminal, and neither piped nor with --json.
func TestWatchTrendsOnTerminalOnly(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "orders"))
	cl := kafkatest.Client(t, c, kgo.DefaultProduceTopic("orders"))
	kafkatest.Produce(t, cl, &kgo.Record{Value: []byte("a")}, &kgo.Record{Value: []byte("b")})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	os := kadm.Offsets{}
	os.AddOffset("orders", 0, 0, -1)
	if _, err := kadm.NewClient(cl).CommitOffsets(ctx, "billing", os); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"info"},
		{"topic", "orders"},
		{"consumer-groups", "billing"},
	} {
		watch := append(append([]string{"-b", kafkatest.Brokers(c)}, args...), "--watch", "--interval", "200ms", "--sample-interval", "50ms")
		for _, tc := range []struct {
			name  string
			tty   bool
			extra []string
			want  bool
		}{
			{"terminal", true, nil, true},
			{"piped", false, nil, false},
			{"json on a terminal", true, []string{"--json"}, false},
		} {
			// Long enough for a few refreshes on a loaded machine; one is
			// enough to draw a sparkline.
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			r := run(t, runOpts{ctx: ctx, tty: tc.tty}, append(watch, tc.extra...)...)
			cancel()
			wantCode(t, r, 0)
			plain := escapes.ReplaceAllString(r.Stdout, "")
			got := strings.Contains(plain, "=== Last refreshes") && sparkRow.MatchString(plain)
			if got != tc.want {
				t.Errorf("%s, %s: sparklines shown = %v, want %v:\n%s", strings.Join(args, " "), tc.name, got, tc.want, r.Stdout)
			}
			if !tc.want && strings.ContainsAny(r.Stdout, "▁█") {
				t.Errorf("%s, %s: block characters in output:\n%s", strings.Join(args, " "), tc.name, r.Stdout)
			}
		}
	}
}
