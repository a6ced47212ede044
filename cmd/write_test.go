package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafkatest"
	"github.com/kafka-cli/kafka/internal/record"
)

func writeCluster(t *testing.T, partitions int32, opts ...kfake.Opt) *kfake.Cluster {
	return kafkatest.NewCluster(t, append([]kfake.Opt{kfake.SeedTopics(partitions, "t")}, opts...)...)
}

func TestWriteMessageArg(t *testing.T) {
	t.Parallel()
	c := writeCluster(t, 3)
	r := run(t, runOpts{tty: true}, "-b", kafkatest.Brokers(c), "--color", "never", "write", "t", "hello world")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stderr, "Wrote 1 record to t") {
		t.Errorf("stderr %q lacks the summary", r.Stderr)
	}
	recs := kafkatest.ReadRecords(t, c, "t", 1)
	if string(recs[0].Value) != "hello world" || recs[0].Key != nil {
		t.Errorf("got key %q value %q", recs[0].Key, recs[0].Value)
	}
	// The alias, piped: nothing on stdout or stderr.
	r = runOn(t, c, "produce", "t", "again")
	wantCode(t, r, 0)
	if r.Stdout != "" || r.Stderr != "" {
		t.Errorf("piped output: stdout %q stderr %q", r.Stdout, r.Stderr)
	}
	kafkatest.ReadRecords(t, c, "t", 2)
}

func TestWriteStdinLines(t *testing.T) {
	t.Parallel()
	c := writeCluster(t, 3)
	long := strings.Repeat("x", 200<<10) // beyond bufio.Scanner's 64 KiB
	in := "a\r\nb\n\n" + long + "\nc\rd\nlast"
	r := run(t, runOpts{stdin: in, tty: true}, "-b", kafkatest.Brokers(c), "--color", "never", "write", "t", "--partition", "1")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stderr, "Wrote 6 records to t") {
		t.Errorf("stderr %q", r.Stderr)
	}
	want := []string{"a", "b", "", long, "c\rd", "last"}
	recs := kafkatest.ReadRecords(t, c, "t", len(want))
	for i, rec := range recs {
		if rec.Partition != 1 || string(rec.Value) != want[i] || rec.Value == nil {
			t.Errorf("record %d: partition %d value %.20q, want partition 1 value %.20q", i, rec.Partition, rec.Value, want[i])
		}
	}
}

func TestWriteKeyPartitionHeaders(t *testing.T) {
	t.Parallel()
	c := writeCluster(t, 4)
	r := runOn(t, c, "write", "t", "v", "--key", "k1", "-p", "2", "-H", "a=1", "--header", "b=", "-H", "c=x=y")
	wantCode(t, r, 0)
	rec := kafkatest.ReadRecords(t, c, "t", 1)[0]
	if rec.Partition != 2 || string(rec.Key) != "k1" || string(rec.Value) != "v" {
		t.Fatalf("got partition %d key %q value %q", rec.Partition, rec.Key, rec.Value)
	}
	want := []kgo.RecordHeader{{Key: "a", Value: []byte("1")}, {Key: "b", Value: []byte{}}, {Key: "c", Value: []byte("x=y")}}
	if len(rec.Headers) != len(want) {
		t.Fatalf("headers %v, want %v", rec.Headers, want)
	}
	for i, h := range rec.Headers {
		if h.Key != want[i].Key || !bytes.Equal(h.Value, want[i].Value) {
			t.Errorf("header %d = %s=%q, want %s=%q", i, h.Key, h.Value, want[i].Key, want[i].Value)
		}
	}
}

// TestWriteKeyedPlacement checks where keys land among 7 partitions. The
// murmur2 partitions are Java's Utils.toPositive(Utils.murmur2(key)) % 7,
// from the hashes in Kafka's UtilsTest.testMurmur2 (foobar: -790332482, so
// 1357151166 % 7 = 0); the crc32 one is the CRC-32 check value of
// "123456789", 0xCBF43926 % 7 = 5, as librdkafka's consistent partitioner
// computes it.
func TestWriteKeyedPlacement(t *testing.T) {
	t.Parallel()
	c := writeCluster(t, 7)
	want := map[string]int32{
		"21":                         3,
		"foobar":                     0,
		"a-little-bit-long-string":   1,
		"a-little-bit-longer-string": 0,
		"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8": 3,
		"abc": 4,
	}
	for k := range want {
		wantCode(t, runOn(t, c, "write", "t", "v", "--key", k), 0)
	}
	wantCode(t, runOn(t, c, "write", "t", "crc", "--key", "123456789", "--partitioner", "crc32"), 0)
	for _, rec := range kafkatest.ReadRecords(t, c, "t", len(want)+1) {
		k := string(rec.Key)
		w, ok := want[k]
		if string(rec.Value) == "crc" {
			w, ok = 5, true
		}
		if !ok || rec.Partition != w {
			t.Errorf("key %q on partition %d, want %d", k, rec.Partition, w)
		}
	}
}

func TestWriteUnkeyedSpread(t *testing.T) {
	t.Parallel()
	c := writeCluster(t, 5)
	in := strings.Repeat("line\n", 100)
	r := run(t, runOpts{stdin: in}, "-b", kafkatest.Brokers(c), "write", "t")
	wantCode(t, r, 0)
	per := map[int32]int{}
	for _, rec := range kafkatest.ReadRecords(t, c, "t", 100) {
		per[rec.Partition]++
	}
	if len(per) != 5 {
		t.Errorf("unkeyed records landed on %d of 5 partitions: %v", len(per), per)
	}
}

func randBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	return b
}

// randomRecords mixes binary (mostly invalid UTF-8), text, null and empty
// keys and values, and records with no headers.
func randomRecords(n int) []*kgo.Record {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func() []byte {
		switch rng.IntN(5) {
		case 0:
			return nil
		case 1:
			return []byte{}
		case 2:
			return []byte(fmt.Sprintf("text \"%d\" ü\n\t", rng.IntN(1000)))
		}
		return randBytes(rng, 1+rng.IntN(300))
	}
	recs := make([]*kgo.Record, n)
	for i := range recs {
		r := &kgo.Record{Key: pick(), Value: pick(), Timestamp: time.UnixMilli(1e12 + int64(i)*1001)}
		for j := rng.IntN(4); j > 0; j-- {
			r.Headers = append(r.Headers, kgo.RecordHeader{Key: fmt.Sprintf("h%d", j), Value: pick()})
		}
		recs[i] = r
	}
	return recs
}

// canon identifies a record by its bytes, keeping null and empty apart.
func canon(r *kgo.Record) string {
	var b strings.Builder
	part := func(p []byte) { fmt.Fprintf(&b, "%t:%x|", p == nil, p) }
	part(r.Key)
	part(r.Value)
	for _, h := range r.Headers {
		b.WriteString(h.Key + "=")
		part(h.Value)
	}
	return b.String()
}

func TestWriteJSONRoundTrip(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(4, "kept", "fresh"))
	src := randomRecords(300)
	var in strings.Builder
	want := map[string][]time.Time{} // a multiset: some records repeat
	for i, r := range src {
		r.Partition, r.Offset = int32(i%9), int64(i) // ignored by write
		line, err := json.Marshal(record.ToJSON(r, "other"))
		if err != nil {
			t.Fatal(err)
		}
		in.Write(line)
		in.WriteString("\n")
		if i%50 == 0 {
			in.WriteString("\n") // blank lines are skipped
		}
		want[canon(r)] = append(want[canon(r)], r.Timestamp)
	}
	before := time.Now().Add(-time.Second)
	for _, topic := range []string{"kept", "fresh"} {
		args := []string{"-b", kafkatest.Brokers(c), "write", topic, "--json"}
		if topic == "kept" {
			args = append(args, "--keep-timestamps")
		}
		wantCode(t, run(t, runOpts{stdin: in.String()}, args...), 0)
		left := map[string][]time.Time{}
		for k, v := range want {
			left[k] = append([]time.Time(nil), v...)
		}
		for _, r := range kafkatest.ReadRecords(t, c, topic, len(src)) {
			k := canon(r)
			tss := left[k]
			if len(tss) == 0 {
				t.Fatalf("%s: record not byte-identical to any written: %s", topic, k)
			}
			i := 0
			if topic == "kept" {
				i = slices.IndexFunc(tss, r.Timestamp.Equal)
				if i < 0 {
					t.Fatalf("kept timestamp %v, want one of %v", r.Timestamp, tss)
				}
			}
			left[k] = slices.Delete(tss, i, i+1)
			if topic == "fresh" && r.Timestamp.Before(before) {
				t.Errorf("timestamp %v kept without --keep-timestamps", r.Timestamp)
			}
		}
	}
}

func TestWriteMissingTopic(t *testing.T) {
	t.Parallel()
	// The broker would auto-create; write must not ask it to.
	c := writeCluster(t, 1, kfake.AllowAutoTopicCreation())
	r := run(t, runOpts{stdin: "a\n"}, "-b", kafkatest.Brokers(c), "write", "nope")
	wantCode(t, r, 3)
	wantOneLineError(t, r, `topic "nope" not found`)
	r = runOn(t, c, "write", "tt", "x")
	wantCode(t, r, 3)
	wantOneLineError(t, r, `did you mean "t"`)
	tds, err := kadm.NewClient(kafkatest.Client(t, c)).ListTopics(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tds.Has("nope") || tds.Has("tt") {
		t.Errorf("write created a topic: %v", tds.Names())
	}
}

func TestWriteMaxMessageBytes(t *testing.T) {
	t.Parallel()
	c := writeCluster(t, 2)
	adm := kadm.NewClient(kafkatest.Client(t, c))
	limit := "2000"
	if _, err := adm.AlterTopicConfigs(context.Background(), []kadm.AlterConfig{{Name: "max.message.bytes", Value: &limit}}, "t"); err != nil {
		t.Fatal(err)
	}
	// One line over the limit, one just under it (over once batched), two
	// that fit: a partial failure.
	in := "ok1\n" + strings.Repeat("x", 5000) + "\n" + strings.Repeat("y", 1990) + "\nok2\n"
	r := run(t, runOpts{stdin: in}, "-b", kafkatest.Brokers(c), "write", "t", "--compression", "none")
	wantCode(t, r, 1)
	wantOneLineError(t, r, `2 of 4 records failed to write to "t" (2 written)`)
	wantOneLineError(t, r, "max.message.bytes of 2000")
	kafkatest.ReadRecords(t, c, "t", 2)

	r = runOn(t, c, "write", "t", strings.Repeat("z", 3000))
	wantCode(t, r, 1)
	wantOneLineError(t, r, "1 of 1 record failed")
	wantOneLineError(t, r, "a record of 3000 bytes is 3070 bytes with Kafka's record and batch framing, over the topic's max.message.bytes of 2000")
	// Under the limit alone, over it framed: the message says both figures.
	r = runOn(t, c, "write", "t", strings.Repeat("y", 1990), "--compression", "none")
	wantCode(t, r, 1)
	wantOneLineError(t, r, "a record of 1990 bytes is 2060 bytes with Kafka's record and batch framing, over the topic's max.message.bytes of 2000")
}

func TestWriteJSONBadLine(t *testing.T) {
	t.Parallel()
	c := writeCluster(t, 1)
	in := `{"key":"a","value":"1"}` + "\nnot json\n" + `{"value":"%%","value_encoding":"base64"}` + "\n" + `{"value":"2","headers":[]}` + "\n"
	r := run(t, runOpts{stdin: in}, "-b", kafkatest.Brokers(c), "write", "t", "--json")
	wantCode(t, r, 1)
	wantOneLineError(t, r, "2 of 4 records failed")
	wantOneLineError(t, r, "line 2: not a JSON record")
	kafkatest.ReadRecords(t, c, "t", 2)
}

func TestWriteBadInput(t *testing.T) {
	t.Parallel()
	dead := deadAddr(t) // any request would fail with 5, not 2
	for _, args := range [][]string{
		{"t", "m", "-H", "novalue"},
		{"t", "m", "-H", "=v"},
		{"t", "m", "--compression", "brotli"},
		{"t", "m", "--partitioner", "fnv"},
		{"t", "m", "--partition", "-1"},
		{"t", "m", "--keep-timestamps"},
		{"t", "{", "--json"},
		{"t", "m", "extra"},
	} {
		r := run(t, runOpts{}, append([]string{"-b", dead, "write"}, args...)...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, "")
	}
	c := writeCluster(t, 3)
	r := runOn(t, c, "write", "t", "m", "--partition", "3")
	wantCode(t, r, 3)
	wantOneLineError(t, r, "topic \"t\" has no partition 3 (it has 3, 0-2)")
	kafkatest.ReadRecords(t, c, "t", 0)
}

func TestWriteCompressions(t *testing.T) {
	t.Parallel()
	c := writeCluster(t, 2)
	codecs := []string{"none", "gzip", "snappy", "lz4", "zstd"}
	for _, codec := range codecs {
		wantCode(t, run(t, runOpts{stdin: strings.Repeat(codec+"\n", 20)}, "-b", kafkatest.Brokers(c), "write", "t", "--compression", codec), 0)
	}
	counts := map[string]int{}
	for _, r := range kafkatest.ReadRecords(t, c, "t", 20*len(codecs)) {
		counts[string(r.Value)]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) != len(codecs) {
		t.Errorf("values read back: %v", counts)
	}
}

func TestWriteDeadBroker(t *testing.T) {
	t.Parallel()
	r := run(t, runOpts{stdin: "a\n"}, "-b", deadAddr(t), "--timeout", "1s", "write", "t")
	wantCode(t, r, 5)
	wantOneLineError(t, r, "")
}

// TestWritePlacementMatchesKcat writes the same keys with kcat (librdkafka)
// and with write, under librdkafka's "consistent" (crc32) and "murmur2"
// (Java-compatible) partitioners, and checks every key lands alike.
func TestWritePlacementMatchesKcat(t *testing.T) {
	t.Parallel()
	kcat, err := exec.LookPath("kcat")
	if err != nil {
		t.Skip("kcat not installed")
	}
	c := kafkatest.NewCluster(t, kfake.SeedTopics(7, "kcat-crc32", "kcat-murmur2", "ours-crc32", "ours-murmur2"))
	rng := rand.New(rand.NewPCG(5, 6))
	var kcatIn, jsonIn strings.Builder
	for i := range 200 {
		key := fmt.Sprintf("user-%d-%x", i, rng.Uint64())
		fmt.Fprintf(&kcatIn, "%s:v\n", key)
		fmt.Fprintf(&jsonIn, `{"key":%q,"value":"v"}`+"\n", key)
	}
	for _, p := range []struct{ kcat, ours string }{{"consistent", "crc32"}, {"murmur2", "murmur2"}} {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		cmd := exec.CommandContext(ctx, kcat, "-P", "-b", kafkatest.Brokers(c), "-t", "kcat-"+p.ours, "-K:", "-X", "topic.partitioner="+p.kcat)
		cmd.Stdin = strings.NewReader(kcatIn.String())
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("kcat: %v: %s", err, out)
		}
		r := run(t, runOpts{stdin: jsonIn.String()}, "-b", kafkatest.Brokers(c), "write", "ours-"+p.ours, "--json", "--partitioner", p.ours)
		wantCode(t, r, 0)
		theirs := map[string]int32{}
		for _, rec := range kafkatest.ReadRecords(t, c, "kcat-"+p.ours, 200) {
			theirs[string(rec.Key)] = rec.Partition
		}
		spread := map[int32]bool{}
		for _, rec := range kafkatest.ReadRecords(t, c, "ours-"+p.ours, 200) {
			spread[rec.Partition] = true
			if w, ok := theirs[string(rec.Key)]; !ok || w != rec.Partition {
				t.Errorf("%s: key %q on partition %d, kcat put it on %d", p.ours, rec.Key, rec.Partition, w)
			}
		}
		if len(spread) < 5 {
			t.Errorf("%s: 200 keys on only %d partitions", p.ours, len(spread))
		}
	}
}

// TestWriteSilentBroker: the brokers answer metadata but never acknowledge
// a produce. write must give up within about --timeout and count every
// record as failed, not hang and not report success.
func TestWriteSilentBroker(t *testing.T) {
	t.Parallel()
	c := writeCluster(t, 2)
	c.ControlKey(int16(kmsg.Produce), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		return nil, nil, true // swallow the request: no answer ever
	})
	// Kept timestamps are old, so franz-go's record timeout cannot bound
	// them; the watchdog must.
	for _, args := range [][]string{{"write", "t"}, {"write", "t", "--json", "--keep-timestamps"}} {
		start := time.Now()
		r := run(t, runOpts{stdin: "{\"value\":\"a\",\"timestamp\":\"2001-01-01T00:00:00.000Z\"}\n{}\n{}\n"},
			append([]string{"-b", kafkatest.Brokers(c), "--timeout", "1s"}, args...)...)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%v took %s with --timeout 1s", args, d)
		}
		wantCode(t, r, 5) // nothing was written and the cause is the cluster
		wantOneLineError(t, r, "3 of 3 records failed")
		wantOneLineError(t, r, "not acknowledged within 1s")
	}
	// More records than franz-go buffers: Produce blocks, and only the
	// watchdog can end the write.
	start := time.Now()
	r := run(t, runOpts{stdin: strings.Repeat("{}\n", 80_000)}, "-b", kafkatest.Brokers(c), "--timeout", "1s", "write", "t", "--json", "--keep-timestamps")
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("blocked write took %s with --timeout 1s", d)
	}
	wantCode(t, r, 5)
	wantOneLineError(t, r, "records failed")
	wantOneLineError(t, r, "not acknowledged within 1s")
}

// TestWriteInterrupt: Ctrl-C while stdin is still open (a blocked read)
// ends the write at once; records already read are flushed, not lost.
func TestWriteInterrupt(t *testing.T) {
	t.Parallel()
	c := writeCluster(t, 2)
	ios, _, _, errOut := iostreams.Test()
	pr, pw := io.Pipe()
	defer pw.Close()
	ios.In = pr
	ios.SetStderrTTY(true)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- Execute(ctx, BuildInfo{Version: "test"}, []string{"-b", kafkatest.Brokers(c), "--color", "never", "write", "t"}, ios,
			func(k string) string { return map[string]string{"XDG_CONFIG_HOME": t.TempDir()}[k] })
	}()
	if _, err := io.WriteString(pw, "a\nb\n"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // let the lines be read; the next read blocks
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d after Ctrl-C: %s", code, errOut)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("write did not stop after Ctrl-C")
	}
	if !strings.Contains(errOut.String(), "Wrote 2 records to t") {
		t.Errorf("stderr %q", errOut)
	}
	kafkatest.ReadRecords(t, c, "t", 2)
}
