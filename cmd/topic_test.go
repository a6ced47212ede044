package cmd

import (
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestRenderTopicMarksUnhealthyPartitions(t *testing.T) {
	t.Parallel()
	day := int64(86400000)
	v := topicDetailView{
		topicView:     topicView{Name: "router", Partitions: 3, ReplicationFactor: 3, RetentionMs: &day, Compaction: true, Messages: 1234567, SizeBytes: 3 << 20},
		CleanupPolicy: "compact,delete",
		Configs:       map[string]string{"retention.ms": "86400000", "cleanup.policy": "compact,delete"},
		PartitionDetails: []partitionView{
			{Partition: 0, Leader: 1, Replicas: []int32{1, 2, 3}, ISR: []int32{1, 2, 3}, EndOffset: 10},
			{Partition: 1, Leader: 2, Replicas: []int32{2, 3, 1}, ISR: []int32{2}, UnderReplicated: true},
			{Partition: 2, Leader: -1, Replicas: []int32{3, 1, 2}, ISR: []int32{}, UnderReplicated: true, Offline: true},
		},
		Prefix: "acme.",
	}
	v.MessagesPerSec, v.BytesInPerSec, v.BytesOutPerSec = 2000, 220000, 110000
	eta := 90.0
	v.ConsumerGroups = []topicGroupView{
		{Group: "fast", Lag: 4500, ConsumeRate: 2050, ETASeconds: &eta},
		{Group: "slow", Lag: 12000, ConsumeRate: 1000},
		{Group: "idle", Lag: 0, ConsumeRate: 0, ETASeconds: new(float64)},
	}
	var b strings.Builder
	if err := renderTopic(&b, iostreams.NewColorScheme(false), v); err != nil {
		t.Fatal(err)
	}
	want := `=== router
Producers:          2,000 messages/second (215 KB/second) total
Consumers:          ~107 KB/second total
Partitions:         3 partitions
Replication Factor: 3
Prefix:             acme.
Compaction:         Compaction is enabled for router (with time retention: cleanup.policy=compact,delete)
Retention:          24 hours
Offsets:            1,234,567
Data Size:          3.00 MB

=== Consumer groups
Group  Lag     Msg/s Consumed  Catch-up
fast   4,500   2,050           in 1.5 minutes
slow   12,000  1,000           falling behind by 1,000 msg/s
idle   0       0               caught up

=== Configs set on the topic
cleanup.policy: compact,delete
retention.ms:   86400000

=== Partitions
`
	if got := b.String(); !strings.HasPrefix(got, want) {
		t.Fatalf("got:\n%s\nwant prefix:\n%s", got, want)
	}
	rows := strings.Split(strings.TrimSpace(b.String()[len(want):]), "\n")
	wantRows := []string{
		"Partition Leader Replicas ISR Start End Status",
		"0 1 1,2,3 1,2,3 0 10 ok",
		"1 2 2,3,1 2 0 0 under-replicated",
		"2 -1 3,1,2 0 0 offline",
	}
	for i, r := range rows {
		if got := strings.Join(strings.Fields(r), " "); i >= len(wantRows) || got != wantRows[i] {
			t.Errorf("row %d = %q, want %q", i, got, wantRows[min(i, len(wantRows)-1)])
		}
	}
}

func TestTopicShowsMessagesAndDocumentsJSON(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "router"))
	cl := kafkatest.Client(t, c)
	for i := 0; i < 5; i++ {
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "router", Partition: 0, Value: []byte("hello")})
	}
	r := runOn(t, c, "topic", "router")
	wantCode(t, r, 0)
	wantStdout(t, r, "Offsets:            5\n", "none: the topic takes every config from the cluster")
	if strings.Contains(r.Stdout, "Data Size:          0 bytes") {
		t.Errorf("data size not measured:\n%s", r.Stdout)
	}

	r = run(t, runOpts{}, "topic", "--help")
	wantCode(t, r, 0)
	for _, k := range []string{"replication_factor", "retention_ms", "size_bytes", "configs", "partition_details", "under_replicated", "bytes_out_per_sec", "consumer_groups", "eta_seconds"} {
		if !strings.Contains(r.Stdout, k+" (") {
			t.Errorf("topic --help does not document %q", k)
		}
	}
}
