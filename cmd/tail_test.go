package cmd

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// golden compares got with testdata/NAME.golden, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd -run %s -update)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("output differs from %s:\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

// manual returns a client that writes each record to its own Partition.
func manual(t *testing.T, c *kfake.Cluster) *kgo.Client {
	return kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
}

// seedGrid writes n records to each of parts partitions of topic: value
// "pP-I", timestamp base + I*step.
func seedGrid(t *testing.T, cl *kgo.Client, topic string, parts, n int, base time.Time, step time.Duration) {
	t.Helper()
	var recs []*kgo.Record
	for i := 0; i < n; i++ {
		for p := 0; p < parts; p++ {
			recs = append(recs, &kgo.Record{Topic: topic, Partition: int32(p), Value: []byte(fmt.Sprintf("p%d-%d", p, i)), Timestamp: base.Add(time.Duration(i) * step)})
		}
	}
	kafkatest.Produce(t, cl, recs...)
}

func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// values returns the VALUE column of line-format output, sorted by nothing.
func values(s string) map[string]bool {
	out := map[string]bool{}
	for _, l := range lines(s) {
		f := strings.Fields(l)
		out[f[len(f)-1]] = true
	}
	return out
}

func wantValues(t *testing.T, r result, want ...string) {
	t.Helper()
	wantCode(t, r, 0)
	got := values(r.Stdout)
	if len(got) != len(want) || len(lines(r.Stdout)) != len(want) {
		t.Fatalf("got %d lines, want %v:\n%s", len(lines(r.Stdout)), want, r.Stdout)
	}
	for _, w := range want {
		if !got[w] {
			t.Fatalf("missing %q in:\n%s", w, r.Stdout)
		}
	}
}

func TestTailFromForms(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "router"))
	now := time.Now()
	base := now.Add(-100 * time.Minute)
	seedGrid(t, manual(t, c), "router", 2, 5, base, 10*time.Minute) // offsets 0-4 at -100m, -90m ... -60m

	all := []string{"p0-0", "p0-1", "p0-2", "p0-3", "p0-4", "p1-0", "p1-1", "p1-2", "p1-3", "p1-4"}
	last2 := []string{"p0-3", "p0-4", "p1-3", "p1-4"}
	wantValues(t, runOn(t, c, "tail", "router", "--from", "beginning", "--no-follow"), all...)
	wantValues(t, runOn(t, c, "tail", "router", "--from", "end", "-e"))
	wantValues(t, runOn(t, c, "tail", "router", "-e")) // end is the default
	wantValues(t, runOn(t, c, "tail", "router", "--from", "3", "-e"), last2...)
	wantValues(t, runOn(t, c, "tail", "router", "--from", "99", "-e"))
	wantValues(t, runOn(t, c, "tail", "router", "--from", "-2", "-e"), last2...)
	wantValues(t, runOn(t, c, "tail", "router", "--from", "-99", "-e"), all...)
	wantValues(t, runOn(t, c, "tail", "router", "--from", "@"+base.Add(5*time.Minute).UTC().Format(time.RFC3339), "-e"), "p0-1", "p0-2", "p0-3", "p0-4", "p1-1", "p1-2", "p1-3", "p1-4")
	wantValues(t, runOn(t, c, "tail", "router", "--from", "@"+base.Add(29*time.Minute).UTC().Format(time.RFC3339), "-e"), last2...)
	wantValues(t, runOn(t, c, "tail", "router", "--from", "@-75m", "-e"), last2...)
	wantValues(t, runOn(t, c, "tail", "router", "--from", "@"+base.Add(-48*time.Hour).UTC().Format("2006-01-02"), "-e"), all...)
	wantValues(t, runOn(t, c, "tail", "router", "--from", "@-1m", "-e"))
	wantValues(t, runOn(t, c, "tail", "router", "--from", "beginning", "-e", "-p", "1"), all[5:]...)

	r := runOn(t, c, "tail", "router", "--from", "yesterday")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "--from")
}
