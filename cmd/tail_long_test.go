package cmd

import (
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestTailLongShowsKeyAndTime(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	ts := time.Date(2026, 11, 22, 10, 0, 0, 123e6, time.UTC)
	kafkatest.Produce(t, kafkatest.Client(t, c),
		&kgo.Record{Topic: "t", Key: []byte("user 42"), Value: []byte("a"), Timestamp: ts},
		&kgo.Record{Topic: "t", Value: []byte("b"), Timestamp: ts},
	)
	r := runOn(t, c, "tail", "t", "--from", "beginning", "--no-follow", "--long")
	wantCode(t, r, 0)
	want := "t 0 0 user\\x2042 2026-11-22T10:00:00.123Z 1 a\nt 0 1 NULL 2026-11-22T10:00:00.123Z 1 b\n"
	if r.Stdout != want {
		t.Errorf("--long printed\n%s\nwant\n%s", r.Stdout, want)
	}
	r = runOn(t, c, "tail", "t", "--from", "beginning", "--no-follow")
	if r.Stdout != "t 0 0 1 a\nt 0 1 1 b\n" {
		t.Errorf("the default line changed:\n%s", r.Stdout)
	}
	r = runOn(t, c, "tail", "t", "--from", "beginning", "--no-follow", "--format", `%o %d\n`)
	if r.Stdout != "0 2026-11-22T10:00:00.123Z\n1 2026-11-22T10:00:00.123Z\n" {
		t.Errorf("--format %%d printed:\n%s", r.Stdout)
	}
	r = runOn(t, c, "tail", "t", "--long", "--json")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "--long")
}
