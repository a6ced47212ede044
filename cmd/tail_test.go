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
	wantValues(t, runOn(t, c, "tail", "router", "--from", "-0", "-e")) // zero before the end: the end
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

func TestTailNumAcrossPartitionsInTimeOrder(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "router"))
	cl := manual(t, c)
	base := time.Now().Add(-time.Hour)
	// Record k goes to partition k%3 with timestamp base+k s, so time
	// order interleaves the partitions.
	for k := 0; k < 12; k++ {
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "router", Partition: int32(k % 3), Value: []byte(fmt.Sprintf("k%02d", k)), Timestamp: base.Add(time.Duration(k) * time.Second)})
	}
	r := runOn(t, c, "tail", "router", "-n", "5", "-e")
	wantCode(t, r, 0)
	var got []string
	for _, l := range lines(r.Stdout) {
		got = append(got, strings.Fields(l)[4])
	}
	if want := "k07 k08 k09 k10 k11"; strings.Join(got, " ") != want {
		t.Fatalf("-n 5 gave %v, want %s\n%s", got, want, r.Stdout)
	}
	// -n larger than the topic shows all of it, still in time order.
	r = runOn(t, c, "tail", "router", "-n", "100", "-e", "--format", `%s `)
	wantCode(t, r, 0)
	if want := "k00 k01 k02 k03 k04 k05 k06 k07 k08 k09 k10 k11 "; r.Stdout != want {
		t.Fatalf("-n 100 gave %q", r.Stdout)
	}
	// -n with a filter keeps the newest matching records among the last
	// N of each partition (here k06-k11).
	r = runOn(t, c, "tail", "router", "-n", "2", "-e", "--grep", "k0[0-9]", "--format", `%s `)
	if r.Stdout != "k08 k09 " {
		t.Fatalf("-n 2 --grep gave %q", r.Stdout)
	}
}

func TestTailCountAndNoFollow(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "router", "empty"))
	seedGrid(t, manual(t, c), "router", 2, 5, time.Now(), time.Millisecond)

	// --count ends a following tail.
	// --count 0 is refused, not taken as "no limit" (that is leaving it out).
	r := runOn(t, c, "tail", "router", "--from", "beginning", "--count", "0")
	wantCleanError(t, r, 2, "--count must be 1 or more, got 0")

	r = runOn(t, c, "tail", "router", "--from", "beginning", "-c", "3")
	wantCode(t, r, 0)
	if n := len(lines(r.Stdout)); n != 3 {
		t.Fatalf("-c 3 printed %d lines:\n%s", n, r.Stdout)
	}
	r = runOn(t, c, "tail", "router", "--from", "beginning", "--count", "20", "--no-follow")
	wantCode(t, r, 0)
	if n := len(lines(r.Stdout)); n != 10 {
		t.Fatalf("--count 20 --no-follow printed %d lines", n)
	}
	// --no-follow on empty partitions returns at once.
	start := time.Now()
	r = runOn(t, c, "tail", "empty", "--from", "beginning", "-e")
	wantCode(t, r, 0)
	if r.Stdout != "" || r.Stderr != "" {
		t.Fatalf("empty topic printed %q %q", r.Stdout, r.Stderr)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("--no-follow on an empty topic took %s", d)
	}
	// Records written after tail starts are not read under --no-follow:
	// it stops at the end offsets of the start, here 5 per partition.
	r = runOn(t, c, "tail", "router", "--from", "-1", "-e", "--format", `%p:%o `)
	if r.Stdout != "0:4 1:4 " && r.Stdout != "1:4 0:4 " {
		t.Fatalf("--from -1 -e gave %q", r.Stdout)
	}
}

func TestTailFilters(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "router"))
	cl := kafkatest.Client(t, c)
	kafkatest.Produce(t, cl,
		&kgo.Record{Topic: "router", Key: []byte("web.1"), Value: []byte(`{"status":200,"path":"/"}`)},
		&kgo.Record{Topic: "router", Key: []byte("web.2"), Value: []byte(`{"status":503,"path":"/api"}`)},
		&kgo.Record{Topic: "router", Key: []byte("web.1"), Value: []byte(`{"status":500,"path":"/api"}`)},
		&kgo.Record{Topic: "router", Key: []byte("web.1"), Value: []byte(`plain text status=500`)},
		&kgo.Record{Topic: "router", Value: nil},
	)
	tailf := func(args ...string) result {
		return runOn(t, c, append([]string{"tail", "router", "--from", "beginning", "-e", "--format", `%o `}, args...)...)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--key", "web.1"}, "0 2 3 "},
		{[]string{"--key", ""}, ""}, // an empty key is not a null key
		{[]string{"--grep", `"status":5\d\d`}, "1 2 "},
		{[]string{"--grep", `500`}, "2 3 "},
		{[]string{"--where", `.status >= 500`}, "1 2 "},
		{[]string{"--where", `.path == "/api" and .status == 500`}, "2 "},
		{[]string{"--key", "web.1", "--where", `.status >= 500`}, "2 "},
		{[]string{"--where", `$key == "web.1" and .status >= 500`}, "2 "},
		{[]string{"--where", `$key == null`}, ""}, // the null-key record is not JSON
		{[]string{"--where", `$offset >= 1 and $partition == 0 and $timestamp > 0 and $headers.trace == null`}, "1 2 "},
		{[]string{"--where", `$key | startswith("web.")`}, "0 1 2 "},
	} {
		r := tailf(tc.args...)
		wantCode(t, r, 0)
		if r.Stdout != tc.want {
			t.Errorf("%v gave %q, want %q", tc.args, r.Stdout, tc.want)
		}
	}
	r := tailf("--where", ".status")
	if r.Stdout != "0 1 2 " || !strings.Contains(r.Stderr, "2 records skipped by --where: value is not JSON") {
		t.Errorf("--where on non-JSON values: stdout %q stderr %q", r.Stdout, r.Stderr)
	}
}

func TestTailFormats(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "router"))
	cl := kafkatest.Client(t, c)
	ts := time.Date(2026, 11, 22, 10, 30, 0, 123e6, time.UTC)
	long := strings.Repeat("0123456789", 9) + "é€"
	kafkatest.Produce(t, cl,
		&kgo.Record{Topic: "router", Key: []byte("web.1"), Value: []byte(`{"status":200,"path":"/"}`), Timestamp: ts,
			Headers: []kgo.RecordHeader{{Key: "trace", Value: []byte("abc")}, {Key: "bin", Value: []byte{0xff, 0x00}}}},
		&kgo.Record{Topic: "router", Value: []byte("line one\nline two\ttab\x1b[31m"), Timestamp: ts.Add(time.Second)},
		&kgo.Record{Topic: "router", Key: []byte{0xde, 0xad, 0xbe, 0xef}, Value: []byte{0x00, 0xff, 'h', 'i'}, Timestamp: ts.Add(2 * time.Second)},
		&kgo.Record{Topic: "router", Key: []byte("tombstone"), Value: nil, Timestamp: ts.Add(3 * time.Second)},
		&kgo.Record{Topic: "router", Value: []byte(long), Timestamp: ts.Add(4 * time.Second)},
		&kgo.Record{Topic: "router", Value: []byte("héllo wörld"), Timestamp: ts.Add(5 * time.Second)},
	)
	base := []string{"tail", "router", "--from", "beginning", "-e"}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"line", nil},
		{"line_max10", []string{"--max-length", "10"}},
		{"line_nolimit", []string{"--max-length", "0"}},
		{"json", []string{"--json"}},
		{"format", []string{"--format", `%t|%p|%o|%T|%K:%k|%S:%s|%h\n`}},
	} {
		r := runOn(t, c, append(base, tc.args...)...)
		wantCode(t, r, 0)
		golden(t, "TestTailFormats_"+tc.name, r.Stdout)
	}
	// The topic is shown without KAFKA_PREFIX.
	c2 := kafkatest.NewCluster(t, kfake.SeedTopics(1, "acme.router"))
	kafkatest.Produce(t, kafkatest.Client(t, c2), &kgo.Record{Topic: "acme.router", Value: []byte("x")})
	r := run(t, runOpts{env: map[string]string{"KAFKA_URL": kafkatest.Brokers(c2), "KAFKA_PREFIX": "acme."}}, "tail", "router", "--from", "beginning", "-e")
	wantCode(t, r, 0)
	if r.Stdout != "router 0 0 1 x\n" {
		t.Errorf("prefixed topic printed %q", r.Stdout)
	}
}

func TestTailErrors(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "router"))
	start := time.Now()
	r := runOn(t, c, "tail", "routr")
	wantCode(t, r, 3)
	wantOneLineError(t, r, `did you mean "router"`)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("missing topic took %s", d)
	}
	r = runOn(t, c, "tail", "router", "-p", "0,7")
	wantCode(t, r, 3)
	wantOneLineError(t, r, "no partition 7")

	for _, args := range [][]string{
		{"--from", "soon"},
		{"--from", "@tomorrow"},
		{"--grep", "("},
		{"--where", ".a |||"},
		{"--max-length", "-1"},
		{"-p", "x"},
		{"-p", "3-1"},
		{"-n", "-1"},
		{"-c", "-1"},
		{"-c", "HEROKU_KAFKA_BROWN"},
		{"-n", "5", "--from", "beginning"},
		{"--json", "--format", "%s"},
		{"--json", "--max-length", "10"},
		{"--format", "%x"},
	} {
		// A dead address proves nothing is sent: validation comes first.
		r := run(t, runOpts{}, append([]string{"-b", "127.0.0.1:1", "tail", "router"}, args...)...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, "")
	}
	r = run(t, runOpts{}, "-b", "127.0.0.1:1", "tail", "router", "--where", ".a == == 1")
	wantCode(t, r, 2)
	wantOneLineError(t, r, `invalid --where jq expression: unexpected token "==" at column 6`)
	r = run(t, runOpts{}, "-b", "127.0.0.1:1", "tail", "router", "-c", "HEROKU_KAFKA_BROWN")
	wantOneLineError(t, r, "--cluster NAME")
}

func TestTailUnreachableAndClusterFlag(t *testing.T) {
	t.Parallel()
	addr := deadAddr(t)
	r := run(t, runOpts{}, "-b", addr, "--timeout", "1s", "tail", "router")
	wantCode(t, r, 5)
	wantOneLineError(t, r, addr)

	// -c is --count on tail, so --cluster is spelled out.
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "router"))
	kafkatest.Produce(t, kafkatest.Client(t, c), &kgo.Record{Topic: "router", Value: []byte("x")})
	r = run(t, runOpts{env: map[string]string{"BROWN_URL": kafkatest.Brokers(c)}}, "tail", "router", "--cluster", "BROWN", "--from", "beginning", "-c", "1")
	wantCode(t, r, 0)
	if r.Stdout != "router 0 0 1 x\n" {
		t.Errorf("--cluster: %q", r.Stdout)
	}
}
