package cmd

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// syncBuffer lets a test read what a running command has written so far.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// running is a command started in the background with startCmd.
type running struct {
	out, err *syncBuffer
	code     chan int
	done     chan struct{}
	cancel   context.CancelFunc
}

// startCmd runs the real root command in a goroutine, as run does, but
// lets the test watch its output while it runs and stop it (Ctrl-C).
func startCmd(t *testing.T, tty bool, args ...string) *running {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	r := &running{out: &syncBuffer{}, err: &syncBuffer{}, code: make(chan int, 1), done: make(chan struct{})}
	ios.Out, ios.ErrOut = r.out, r.err
	ios.SetStdoutTTY(tty)
	ios.SetStderrTTY(tty)
	env := map[string]string{"XDG_CONFIG_HOME": t.TempDir()}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() {
		r.code <- Execute(ctx, BuildInfo{Version: "test"}, args, ios, func(k string) string { return env[k] })
		close(r.done)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(10 * time.Second):
		}
	})
	return r
}

// waitLines waits until stdout has at least n lines.
func (r *running) waitLines(t *testing.T, n int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for len(lines(r.out.String())) < n {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %d lines; have:\n%s\nstderr:\n%s", within, n, r.out.String(), r.err.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// stop cancels the command as Ctrl-C does and returns its exit code.
func (r *running) stop(t *testing.T) int {
	t.Helper()
	r.cancel()
	select {
	case code := <-r.code:
		return code
	case <-time.After(10 * time.Second):
		t.Fatal("command did not stop within 10s of Ctrl-C")
	}
	return -1
}

func TestTailFollowSeesNewRecords(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "router"))
	cl := kafkatest.Client(t, c)
	kafkatest.Produce(t, cl, &kgo.Record{Topic: "router", Value: []byte("old")})

	r := startCmd(t, true, "-b", kafkatest.Brokers(c), "tail", "router", "-n", "1")
	r.waitLines(t, 1, 10*time.Second) // the -n record, then follow
	// Produce until a new record shows up: tail starts at the end, so
	// records written before it resolved the end offsets are not shown.
	deadline := time.Now().Add(10 * time.Second)
	for i := 0; !strings.Contains(r.out.String(), "new-"); i++ {
		if time.Now().After(deadline) {
			t.Fatalf("no new record shown while following:\n%s", r.out.String())
		}
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "router", Value: []byte(fmt.Sprintf("new-%d", i))})
		time.Sleep(50 * time.Millisecond)
	}
	// Output reached the buffer while tail was still running: it is
	// flushed when idle, not only at exit.
	if code := r.stop(t); code != 0 {
		t.Fatalf("Ctrl-C exit code %d, stderr %q", code, r.err.String())
	}
	n := len(lines(r.out.String()))
	if want := fmt.Sprintf("%d records shown\n", n); r.err.String() != want {
		t.Errorf("stderr on a terminal = %q, want %q", r.err.String(), want)
	}
	if !strings.HasPrefix(r.out.String(), "router ") || !strings.Contains(r.out.String(), " old\n") {
		t.Errorf("output:\n%s", r.out.String())
	}
}

// freePorts finds n free loopback ports.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	var ls []net.Listener
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

func producePerPartition(t *testing.T, c *kfake.Cluster, topic string, parts, n int) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	var recs []*kgo.Record
	for p := 0; p < parts; p++ {
		for i := 0; i < n; i++ {
			recs = append(recs, &kgo.Record{Topic: topic, Partition: int32(p), Value: []byte("v")})
		}
	}
	kafkatest.Produce(t, cl, recs...)
}

// wantContinuity checks that each partition's offsets run 0..n-1 exactly
// once, in order: nothing lost, nothing printed twice.
func wantContinuity(t *testing.T, out string, parts, n int) {
	t.Helper()
	next := make([]int64, parts)
	for _, l := range lines(out) {
		f := strings.Fields(l)
		p, _ := strconv.Atoi(f[1])
		o, _ := strconv.ParseInt(f[2], 10, 64)
		if o != next[p] {
			t.Fatalf("partition %d: offset %d after %d (gap or duplicate)\n%s", p, o, next[p]-1, out)
		}
		next[p]++
	}
	for p, got := range next {
		if got != int64(n) {
			t.Fatalf("partition %d: %d records, want %d", p, got, n)
		}
	}
}

func TestTailSurvivesBrokerRestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ports := freePorts(t, 3)
	opts := []kfake.Opt{kfake.Ports(ports...), kfake.DataDir(dir), kfake.ClusterID("restart")}
	c1, err := kfake.NewCluster(append(opts, kfake.SeedTopics(2, "router"))...)
	if err != nil {
		t.Fatal(err)
	}
	producePerPartition(t, c1, "router", 2, 10)

	r := startCmd(t, false, "-b", kafkatest.Brokers(c1), "tail", "router", "--from", "beginning")
	r.waitLines(t, 20, 10*time.Second)
	c1.Close()
	time.Sleep(300 * time.Millisecond) // let tail notice the brokers are gone
	var c2 *kfake.Cluster
	for i := 0; ; i++ { // the ports may take a moment to be free again
		if c2, err = kfake.NewCluster(opts...); err == nil || i == 50 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("restarting the cluster: %v", err)
	}
	t.Cleanup(c2.Close)
	producePerPartition(t, c2, "router", 2, 10)
	r.waitLines(t, 40, 30*time.Second)
	if code := r.stop(t); code != 0 {
		t.Fatalf("exit code %d, stderr %q", code, r.err.String())
	}
	t.Logf("stderr: %s", r.err.String())
	wantContinuity(t, r.out.String(), 2, 20)
	// One line when the connection went, one when it came back, not one
	// per retry. On a loaded machine the three brokers can go a moment
	// apart, with records read from one still up in between: then each
	// outage has its pair, at most one per broker.
	errLines := lines(r.err.String())
	if len(errLines) < 2 || len(errLines) > 6 || len(errLines)%2 != 0 {
		t.Errorf("want a lost line then a back line on stderr per outage, got:\n%s", r.err.String())
	}
	for i, l := range errLines {
		if i%2 == 0 && !strings.HasPrefix(l, "Warning: connection to broker 127.0.0.1:") ||
			i%2 == 1 && !strings.HasSuffix(l, "tail continues") {
			t.Errorf("stderr line %d = %q; want lost and back lines in turn:\n%s", i+1, l, r.err.String())
		}
	}
}

func TestTailSurvivesLeaderMoves(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(4, "router"))
	producePerPartition(t, c, "router", 4, 50)
	r := startCmd(t, false, "-b", kafkatest.Brokers(c), "tail", "router", "--from", "beginning")
	r.waitLines(t, 200, 10*time.Second)
	for i := 0; i < 3; i++ {
		c.ShufflePartitionLeaders()
		producePerPartition(t, c, "router", 4, 50)
	}
	r.waitLines(t, 800, 30*time.Second)
	if code := r.stop(t); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	wantContinuity(t, r.out.String(), 4, 200)
}

// buildKafka builds the binary once per test run for the acceptance tests.
var buildKafka = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "kafka-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "kafka")
	out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// TestTailClosedPipeBinary runs the built binary as `kafka tail ... | head
// -3` does: the reader goes away after 3 lines, and tail must exit 0 at
// once with nothing on stderr, whether it is busy writing or idle.
func TestTailClosedPipeBinary(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin, err := buildKafka()
	if err != nil {
		t.Fatal(err)
	}
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "small", "big"))
	producePerPartition(t, c, "small", 2, 5)
	producePerPartition(t, c, "big", 2, 20000)
	for _, topic := range []string{"small", "big"} {
		cmd := exec.Command(bin, "-b", kafkatest.Brokers(c), "tail", topic, "--from", "beginning")
		cmd.Env = []string{"HOME=" + t.TempDir(), "XDG_CONFIG_HOME=" + t.TempDir()}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		for i := 0; i < 3 && sc.Scan(); i++ {
		}
		stdout.Close() // head exits
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s: exit %v, stderr %q", topic, err, stderr.String())
			} else if stderr.Len() > 0 {
				t.Errorf("%s: stderr %q", topic, stderr.String())
			}
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("%s: tail still running 5s after the pipe closed", topic)
		}
	}

	// Ctrl-C on the binary exits 0.
	cmd := exec.Command(bin, "-b", kafkatest.Brokers(c), "tail", "small")
	cmd.Env = []string{"HOME=" + t.TempDir(), "XDG_CONFIG_HOME=" + t.TempDir()}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	_ = cmd.Process.Signal(syscall.SIGINT)
	if err := cmd.Wait(); err != nil {
		t.Errorf("Ctrl-C: %v", err)
	}
}

// Partitions added while tail follows are read from their first record,
// within one of tail's metadata checks.
func TestTailFollowsAddedPartitions(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "router"))
	cl := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	r := startCmd(t, false, "-b", kafkatest.Brokers(c), "tail", "router")
	// Following from the end: produce until a record shows, so tail is
	// surely past its start.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(r.out.String(), "router 0 ") {
		if time.Now().After(deadline) {
			t.Fatalf("tail showed nothing:\n%s", r.err.String())
		}
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "router", Partition: 0, Value: []byte("before")})
		time.Sleep(50 * time.Millisecond)
	}
	adm := kadm.NewClient(cl)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if resp, err := adm.CreatePartitions(ctx, 2, "router"); err != nil || resp.Error() != nil {
		t.Fatalf("create partitions: %v %v", err, resp.Error())
	}
	// The producer learns of the new partitions on its own metadata
	// refresh; written before tail notices them, they must still show.
	for {
		err := cl.ProduceSync(ctx, &kgo.Record{Topic: "router", Partition: 1, Value: []byte("first-of-1")},
			&kgo.Record{Topic: "router", Partition: 2, Value: []byte("first-of-2")}).FirstErr()
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("produce to the new partitions: %v", err)
		}
		cl.ForceMetadataRefresh()
		time.Sleep(100 * time.Millisecond)
	}
	deadline = time.Now().Add(3*tailDiscoverEvery + 5*time.Second)
	for out := r.out.String(); !strings.Contains(out, "router 1 0 10 first-of-1\n") || !strings.Contains(out, "router 2 0 10 first-of-2\n"); out = r.out.String() {
		if time.Now().After(deadline) {
			t.Fatalf("records of the added partitions not shown:\n%s\nstderr:\n%s", out, r.err.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if code := r.stop(t); code != 0 {
		t.Fatalf("exit %d: %s", code, r.err.String())
	}
}
