package topics

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// TestDescribeDirectMatchesKadm checks that the direct path (Options.Client:
// metadata from one broker, offsets and sizes asked of non-empty partitions
// only, configs limited to keys) describes what kadm's calls describe, on
// topics that are empty, partly filled, trimmed by DeleteRecords and
// compacted.
func TestDescribeDirectMatchesKadm(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(4, "empty", "full", "trimmed"))
	cl := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	adm := kadm.NewClient(cl)
	if _, err := adm.CreateTopic(ctx, 2, -1, map[string]*string{"cleanup.policy": kadm.StringPtr("compact")}, "compacted"); err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "full", Partition: int32(i % 3), Value: []byte("value")})
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "trimmed", Partition: 0, Value: []byte("v")})
	}
	kafkatest.Produce(t, cl, &kgo.Record{Topic: "compacted", Partition: 1, Key: []byte("k"), Value: []byte("v")})
	del := kadm.Offsets{}
	del.Add(kadm.Offset{Topic: "trimmed", Partition: 0, At: 12})
	if _, err := adm.DeleteRecords(ctx, del); err != nil {
		t.Fatal(err)
	}

	since := time.Now().Add(-time.Minute)
	viaKadm, _, err := Describe(ctx, adm, Options{Configs: true, Offsets: true, Sizes: true, Since: since})
	if err != nil {
		t.Fatal(err)
	}
	direct, _, err := Describe(ctx, adm, Options{Configs: true, Offsets: true, Sizes: true, Since: since, Client: cl,
		ConfigKeys: []string{"retention.ms", "cleanup.policy"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(direct) != 4 || len(viaKadm) != 4 {
		t.Fatalf("topics: direct %d, kadm %d", len(direct), len(viaKadm))
	}
	for i, d := range direct {
		k := viaKadm[i]
		if d.Name != k.Name || d.Messages != k.Messages || d.SizeBytes != k.SizeBytes || d.ReplicationFactor != k.ReplicationFactor ||
			d.Compaction != k.Compaction || d.CleanupPolicy != k.CleanupPolicy || *d.RetentionMs != *k.RetentionMs || len(d.Partitions) != len(k.Partitions) {
			t.Fatalf("direct %+v\nkadm   %+v", d, k)
		}
		for j, p := range d.Partitions {
			q := k.Partitions[j]
			if p.Partition != int32(j) || p.Partition != q.Partition || p.Leader != q.Leader || p.Start != q.Start || p.End != q.End ||
				p.SizeBytes != q.SizeBytes || !sameSince(p, q) {
				t.Errorf("%s p%d: direct %+v, kadm %+v", d.Name, j, p, q)
			}
		}
	}
	byName := map[string]Summary{}
	for _, s := range direct {
		byName[s.Name] = s
	}
	if s := byName["full"]; s.Messages != 12 || s.SizeBytes == 0 || s.Partitions[3].SizeBytes != 0 || s.Partitions[0].Since.Offset != 0 {
		t.Errorf("full: %+v", s)
	}
	if s := byName["trimmed"]; s.Messages != 0 || s.Partitions[0].Start != 12 || s.Partitions[0].End != 12 {
		t.Errorf("trimmed: %+v", s)
	}
	if s := byName["empty"]; s.Messages != 0 || s.SizeBytes != 0 {
		t.Errorf("empty: %+v", s)
	}
	if s := byName["compacted"]; !s.Compaction || s.Messages != 1 {
		t.Errorf("compacted: %+v", s)
	}
}

// TestDescribeNamedMissing checks that named topics that do not exist are
// returned as missing on the direct path, as on kadm's.
func TestDescribeNamedMissing(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "a"))
	cl := kafkatest.Client(t, c)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, o := range []Options{All, {Configs: true, Offsets: true, Sizes: true, Client: cl}} {
		sums, missing, err := Describe(ctx, kadm.NewClient(cl), o, "a", "nope")
		if err != nil {
			t.Fatal(err)
		}
		if len(sums) != 1 || sums[0].Name != "a" || len(missing) != 1 || missing[0] != "nope" {
			t.Errorf("client %v: sums %+v, missing %v", o.Client != nil, sums, missing)
		}
	}
}

// sameSince compares since offsets; where no record is at or after the
// time, the broker answers -1 and kadm lists the end offset instead.
func sameSince(direct, viaKadm Partition) bool {
	return direct.Since.Offset == viaKadm.Since.Offset || direct.Since.Offset == -1 && viaKadm.Since.Offset == viaKadm.End
}

// A leader that refuses connections (just died, still listed) counts as no
// leader, unless no broker answered at all; other failures still fail.
func TestLeaderlessDeadLeader(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{shards(false, kerr.LeaderNotAvailable), true},
		{shards(false, errRefused), true},
		{shards(false, errRefused, kerr.LeaderNotAvailable), true},
		{shards(true, errRefused), false},
		{shards(false, errRefused, kerr.TopicAuthorizationFailed), false},
		{errRefused, false},
		{nil, false},
	} {
		if got := Leaderless(tc.err); got != tc.want {
			t.Errorf("Leaderless(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
