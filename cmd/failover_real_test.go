package cmd

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Helpers for the tests that stop, kill and restart nodes of the shared
// real cluster. Those tests never run in parallel, and each leaves every
// node running and the cluster healthy, since the package's other real
// tests share it.

// runRealIO runs the root command against the real cluster with the given
// stdin and stdout, for commands that stream (write from a pipe, tail
// into a collector) while the test disturbs the cluster.
func runRealIO(t *testing.T, ctx context.Context, c *kafkatest.RealCluster, in io.Reader, out io.Writer, args ...string) result {
	errOut := &syncBuffer{}
	code := runRealStreams(t, ctx, c, in, out, errOut, args...)
	return result{Stderr: errOut.String(), Code: code}
}

// runRealStreams is runRealIO with stderr given too, for a test that
// reads it while the command runs.
func runRealStreams(t *testing.T, ctx context.Context, c *kafkatest.RealCluster, in io.Reader, out, errOut io.Writer, args ...string) int {
	ios, _, _, _ := iostreams.Test()
	ios.In, ios.Out, ios.ErrOut = in, out, errOut
	env := map[string]string{"XDG_CONFIG_HOME": t.TempDir()}
	f := NewFactory(ios, BuildInfo{Version: "test"}, func(k string) string { return env[k] })
	return execute(ctx, f, append([]string{"-b", strings.Join(c.Brokers(), ",")}, args...))
}

// restartOnCleanup brings the node back and waits for a healthy cluster
// when the test ends, however it ends; call it right after stopping the
// node. The returned func restarts it earlier (once).
func restartOnCleanup(t *testing.T, c *kafkatest.RealCluster, id int32) (restart func()) {
	started := false
	restart = func() {
		if !started {
			started = true
			c.StartNode(t, id)
		}
		c.WaitHealthy(t)
	}
	t.Cleanup(restart)
	return restart
}

// leaderOf is the node leading a partition of topic.
func leaderOf(t *testing.T, c *kafkatest.RealCluster, topic string, partition int32) int32 {
	t.Helper()
	ps := partitionsOf(t, c, topic)
	if int(partition) >= len(ps) || ps[partition].Leader < 0 {
		t.Fatalf("%s/%d has no leader: %+v", topic, partition, ps)
	}
	return ps[partition].Leader
}

// endOffsets lists the topic's end offsets per partition; partitions that
// did not answer are absent.
func endOffsets(ctx context.Context, adm *kadm.Client, topic string) map[int32]int64 {
	l, _ := adm.ListEndOffsets(ctx, topic)
	out := map[int32]int64{}
	l.Each(func(o kadm.ListedOffset) {
		if o.Err == nil {
			out[o.Partition] = o.Offset
		}
	})
	return out
}

// readWholeTopic consumes the whole topic (from each partition's start to its end
// offset now) with a fresh client and returns the records.
func readWholeTopic(t *testing.T, c *kafkatest.RealCluster, topic string, limit time.Duration) []*kgo.Record {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	ends := endOffsets(ctx, kadm.NewClient(c.Client(t)), topic)
	var want int64
	for _, e := range ends {
		want += e
	}
	cl := c.Client(t, kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	var recs []*kgo.Record
	for int64(len(recs)) < want {
		fs := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			t.Fatalf("read %d of %d records of %s within %v", len(recs), want, topic, limit)
		}
		fs.EachRecord(func(r *kgo.Record) { recs = append(recs, r) })
	}
	return recs
}
