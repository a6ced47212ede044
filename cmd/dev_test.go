package cmd

import (
	"bytes"
	"context"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/devcluster"
	"github.com/kafka-cli/kafka/internal/devregistry"
	"github.com/kafka-cli/kafka/internal/iostreams"
)

// devRun is `kafka dev` running in-process.
type devRun struct {
	c    *devcluster.Cluster
	reg  *devregistry.Registry
	out  *bytes.Buffer
	stop func() error // cancels the command and returns its result; idempotent
}

// startDev runs `kafka dev` in-process and returns once it is serving.
func startDev(t *testing.T, o devOptions) devRun {
	t.Helper()
	ios, _, out, _ := iostreams.Test()
	o.IO = ios
	if o.Port == 0 {
		o.RegistryPort = 0 // as the flags do with --port 0
	}
	type up struct {
		c   *devcluster.Cluster
		reg *devregistry.Registry
	}
	ready := make(chan up, 1)
	o.started = func(c *devcluster.Cluster, reg *devregistry.Registry) { ready <- up{c, reg} }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runDev(ctx, &o) }()
	var once sync.Once
	var result error
	stop := func() error {
		once.Do(func() { cancel(); result = <-done })
		return result
	}
	t.Cleanup(func() { stop() })
	select {
	case u := <-ready:
		return devRun{c: u.c, reg: u.reg, out: out, stop: stop}
	case err := <-done:
		t.Fatalf("kafka dev did not start: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("kafka dev did not start within 10s")
	}
	return devRun{}
}

func TestDevDemoFeedsTopicAndGroup(t *testing.T) {
	t.Parallel()
	d := startDev(t, devOptions{Memory: true, Demo: true, DemoRate: 400, Brokers: 3})
	c := d.c
	adm, err := kadm.NewOptClient(kgo.SeedBrokers(c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer adm.Close()

	var ends kadm.ListedOffsets
	var lag kadm.DescribedGroupLags
	deadline := time.Now().Add(20 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		ends, _ = adm.ListEndOffsets(ctx, devcluster.DemoTopic)
		lag, _ = adm.Lag(ctx, devcluster.DemoGroup)
		cancel()
		l := lag[devcluster.DemoGroup]
		committed := int64(0)
		for _, ps := range l.Lag {
			for _, m := range ps {
				committed += max(m.Commit.At, 0)
			}
		}
		if committed > 0 && l.Lag.Total() > 0 && sumOffsets(ends) > committed {
			if n := len(ends[devcluster.DemoTopic]); n != devcluster.DemoPartitions {
				t.Fatalf("router has %d partitions, want %d", n, devcluster.DemoPartitions)
			}
			if l.ProtocolType != "consumer" {
				t.Errorf("metrics group protocol %q, want a classic consumer group", l.ProtocolType)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("demo not visible after 20s: %d records, group %s lag %d, committed %d (fetch err %v)",
				sumOffsets(ends), l.State, l.Lag.Total(), committed, l.FetchErr)
		}
		time.Sleep(200 * time.Millisecond)
	}

	// A record is a router line in JSON.
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.ConsumeTopics(devcluster.DemoTopic))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fs := cl.PollRecords(ctx, 1)
	if recs := fs.Records(); len(recs) == 0 || !strings.Contains(string(recs[0].Value), `"dyno":"web.`) {
		t.Errorf("demo record = %v, want a router line", fs.Records())
	}

	if err := d.stop(); err != nil {
		t.Fatalf("kafka dev --demo stopped with %v", err)
	}
	if out := d.out.String(); !strings.Contains(out, "Stopped.") {
		t.Errorf("output does not end with Stopped.:\n%s", out)
	}
}

func sumOffsets(o kadm.ListedOffsets) int64 {
	var n int64
	o.Each(func(l kadm.ListedOffset) { n += l.Offset })
	return n
}

func TestDevStopsCleanlyAndPrintsURL(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	r := run(t, runOpts{ctx: ctx}, "dev", "--memory", "--port", "0", "--brokers", "2")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "export KAFKA_URL=kafka://127.0.0.1:") || !strings.Contains(r.Stdout, "Stopped.") {
		t.Errorf("stdout:\n%s", r.Stdout)
	}
	if strings.Count(r.Stdout, "kafka://") != 2 {
		t.Errorf("want 2 brokers in KAFKA_URL:\n%s", r.Stdout)
	}
}

func TestDevPortInUse(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	r := run(t, runOpts{}, "dev", "--memory", "--port", port)
	wantCode(t, r, 1)
	wantOneLineError(t, r, "port "+port+" is already in use")
	wantOneLineError(t, r, "--port")
}

func TestDevBadFlagsExit2(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"--memory", "--data", t.TempDir()},
		{"--memory", "--brokers", "0"},
		{"--memory", "--port", "65535"},
		{"--memory", "--port", "-1"},
		{"--memory", "--demo-rate", "10"},
		{"--memory", "--demo", "--demo-rate", "0"},
		{"--memory", "extra"},
	} {
		r := run(t, runOpts{}, append([]string{"dev"}, args...)...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, "")
	}
}

func TestDevDataPersists(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d := startDev(t, devOptions{DataDir: dir, Brokers: 1})
	adm, err := kadm.NewOptClient(kgo.SeedBrokers(d.c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := adm.CreateTopic(ctx, 2, 1, nil, "kept"); err != nil {
		t.Fatal(err)
	}
	adm.Close()
	if err := d.stop(); err != nil {
		t.Fatal(err)
	}

	d = startDev(t, devOptions{DataDir: dir, Brokers: 1})
	adm, err = kadm.NewOptClient(kgo.SeedBrokers(d.c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer adm.Close()
	td, err := adm.ListTopics(ctx)
	if err != nil || !td.Has("kept") {
		t.Fatalf("topic lost across restart: %v %v", td.Names(), err)
	}

	// Another broker count would leave partitions leaderless: refused.
	r := run(t, runOpts{}, "dev", "--data", dir, "--brokers", "3", "--port", "0")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "1-broker cluster")
}

func TestDevDefaultDataDir(t *testing.T) {
	t.Parallel()
	env := map[string]string{"XDG_STATE_HOME": "/state", "HOME": "/home/u"}
	d, _ := defaultDevDataDir(func(k string) string { return env[k] })
	if d != "/state/kafka/dev" {
		t.Errorf("with XDG_STATE_HOME: %s", d)
	}
	delete(env, "XDG_STATE_HOME")
	d, _ = defaultDevDataDir(func(k string) string { return env[k] })
	if d != "/home/u/.local/state/kafka/dev" {
		t.Errorf("without XDG_STATE_HOME: %s", d)
	}
}

func TestDevDoesNotAutoCreateTopics(t *testing.T) {
	t.Parallel()
	d := startDev(t, devOptions{Memory: true, Brokers: 1})
	cl, err := kgo.NewClient(kgo.SeedBrokers(d.c.ListenAddrs()...), kgo.AllowAutoTopicCreation())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx, &kgo.Record{Topic: "typo", Value: []byte("x")}).FirstErr(); err == nil {
		t.Fatal("produce to a missing topic succeeded")
	}
	td, err := kadm.NewClient(cl).ListTopics(context.Background())
	if err != nil || td.Has("typo") {
		t.Errorf("topic auto-created (err %v)", err)
	}
}
