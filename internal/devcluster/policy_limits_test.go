package devcluster

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

func startPolicyCluster(t *testing.T) (*Cluster, *kgo.Client, *kadm.Client, context.Context) {
	t.Helper()
	c, err := Start(Options{Brokers: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.ProducerBatchMaxBytes(64<<20),
		kgo.MaxBufferedBytes(256<<20), kgo.RecordRetries(1), kgo.ProducerBatchCompression(kgo.NoCompression()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c, cl, kadm.NewClient(cl), ctx
}

// The partitions of all topics together are capped, for new topics and for
// partitions added to existing ones.
func TestDevRefusesClusterPartitionTotal(t *testing.T) {
	_, _, adm, ctx := startPolicyCluster(t)
	var ms runtime.MemStats
	for i := range MaxClusterPartitions / MaxTopicPartitions {
		name := "full" + string(rune('a'+i))
		n := int32(MaxTopicPartitions)
		if i == 0 {
			n-- // room for "small"
		}
		if _, err := adm.CreateTopic(ctx, n, 1, nil, name); err != nil {
			t.Fatalf("topic %d of %d partitions: %v", i, n, err)
		}
	}
	if _, err := adm.CreateTopic(ctx, 1, 1, nil, "small"); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&ms)
	t.Logf("heap with %d partitions: %d MiB", MaxClusterPartitions, ms.HeapAlloc>>20)
	resp, err := adm.CreateTopic(ctx, 1, 1, nil, "onemore")
	if err == nil {
		err = resp.Err
	}
	if !errors.Is(err, kerr.PolicyViolation) || !strings.Contains(resp.ErrMessage, "at most 50000 partitions in all topics") {
		t.Fatalf("a topic beyond the cluster's total: %v (%q), want POLICY_VIOLATION with the limit", err, resp.ErrMessage)
	}
	rs, err := adm.UpdatePartitions(ctx, 2, "small")
	if err == nil {
		err = rs["small"].Err
	}
	if !errors.Is(err, kerr.PolicyViolation) {
		t.Fatalf("a partition beyond the cluster's total: %v, want POLICY_VIOLATION", err)
	}
	if _, err := adm.DeleteTopic(ctx, "fullb"); err != nil {
		t.Fatal(err)
	}
	if _, err := adm.CreateTopic(ctx, 1, 1, nil, "onemore"); err != nil {
		t.Fatalf("a topic after deleting one: %v", err)
	}
}

// A record batch over MaxBatchBytes is refused with MESSAGE_TOO_LARGE and
// the limit, even on a topic whose max.message.bytes would allow it.
func TestDevRefusesHugeBatches(t *testing.T) {
	_, cl, adm, ctx := startPolicyCluster(t)
	big := "104857600"
	if _, err := adm.CreateTopic(ctx, 1, 1, map[string]*string{"max.message.bytes": &big}, "big"); err != nil {
		t.Fatal(err)
	}
	err := cl.ProduceSync(ctx, &kgo.Record{Topic: "big", Value: bytes.Repeat([]byte("x"), MaxBatchBytes+1)}).FirstErr()
	if !errors.Is(err, kerr.MessageTooLarge) {
		t.Fatalf("a %d-byte record: %v, want MESSAGE_TOO_LARGE", MaxBatchBytes+1, err)
	}
	if err := cl.ProduceSync(ctx, &kgo.Record{Topic: "big", Value: bytes.Repeat([]byte("x"), 2<<20)}).FirstErr(); err != nil {
		t.Fatalf("a 2 MiB record on a topic allowing it: %v", err)
	}
}

// A request announcing more than MaxRequestBytes closes the connection at
// once, before kfake allocates it, and the cluster serves on.
func TestDevClosesConnectionOnHugeRequest(t *testing.T) {
	c, _, adm, ctx := startPolicyCluster(t)
	conn, err := net.Dial("tcp", c.ListenAddrs()[0])
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var size [4]byte
	binary.BigEndian.PutUint32(size[:], 0xFFFFFFF0)
	if _, err := conn.Write(size[:]); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := conn.Read(make([]byte, 1)); err == nil || errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
		t.Fatalf("the connection stayed open after a 4 GiB request size: %v", err)
	}
	if _, err := adm.CreateTopic(ctx, 1, 1, nil, "after"); err != nil {
		t.Fatalf("the cluster after the refused request: %v", err)
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
