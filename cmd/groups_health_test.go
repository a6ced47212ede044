package cmd

import (
	"context"
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func producePart(t *testing.T, c *kfake.Cluster, topic string, partition int32, n int) {
	t.Helper()
	recs := make([]*kgo.Record, n)
	for i := range recs {
		recs[i] = &kgo.Record{Topic: topic, Partition: partition, Value: []byte("v")}
	}
	kafkatest.Produce(t, kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner())), recs...)
}

func commitPartitions(t *testing.T, c *kfake.Cluster, group, topic string, at map[int32]int64) {
	t.Helper()
	adm := kadm.NewClient(kafkatest.Client(t, c))
	os := kadm.Offsets{}
	for p, o := range at {
		os.AddOffset(topic, p, o, -1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := adm.CommitOffsets(ctx, group, os)
	if err == nil {
		err = resp.Error()
	}
	if err != nil {
		t.Fatalf("commit: %v", err)
	}
}

func describeGroup(t *testing.T, c *kfake.Cluster, group string) groupDetailView {
	t.Helper()
	r := runOn(t, c, "consumer-groups", group, "--json")
	wantCode(t, r, 0)
	return decodeJSON[groupDetailView](t, r.Stdout)
}

func statusOf(v groupDetailView, p int32) health.Status {
	for _, pv := range v.Partitions {
		if pv.Partition == p {
			return pv.Status
		}
	}
	return "absent"
}

// Once a group's members leave, partitions it never committed on stay
// listed (lag unknown) and the committed ones are stopped.
func TestGroupHealthMembersLeft(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "billing"))
	for p := int32(0); p < 3; p++ {
		producePart(t, c, "billing", p, 10)
	}
	commitPartitions(t, c, "billing-app", "billing", map[int32]int64{0: 3})

	v := describeGroup(t, c, "billing-app")
	if len(v.Partitions) != 3 || v.Lag != 7 || v.UnknownLag != 2 {
		t.Fatalf("partitions %d lag %d unknown %d; want 3, 7, 2", len(v.Partitions), v.Lag, v.UnknownLag)
	}
	if v.Status != health.Stopped || statusOf(v, 0) != health.Stopped || statusOf(v, 1) != health.Unknown {
		t.Errorf("statuses group %s p0 %s p1 %s; want stopped, stopped, unknown", v.Status, statusOf(v, 0), statusOf(v, 1))
	}
	if len(v.Advice) != 1 || !strings.Contains(v.Advice[0], "no member is consuming and 7 messages wait") {
		t.Errorf("advice = %q", v.Advice)
	}

	r := runOn(t, c, "consumer-groups", "billing-app")
	wantCode(t, r, 0)
	for _, want := range []string{"no commit yet", "; 2 partitions with no commit yet are not counted)", "stopped"} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, r.Stdout)
		}
	}
}

// Records deleted under a stopped group are lost, and advice says how many.
func TestGroupHealthLost(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "audit"))
	producePart(t, c, "audit", 0, 50)
	commitPartitions(t, c, "auditor", "audit", map[int32]int64{0: 10})
	adm := kadm.NewClient(kafkatest.Client(t, c))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	del := kadm.Offsets{}
	del.AddOffset("audit", 0, 30, -1)
	if resp, err := adm.DeleteRecords(ctx, del); err != nil || resp.Error() != nil {
		t.Fatalf("delete records: %v %v", err, resp.Error())
	}

	v := describeGroup(t, c, "auditor")
	if v.Status != health.Lost || v.Partitions[0].LogStart != 30 {
		t.Fatalf("status %s log_start %d; want lost, 30", v.Status, v.Partitions[0].LogStart)
	}
	found := false
	for _, a := range v.Advice {
		found = found || strings.Contains(a, "audit 0: 20 records were deleted")
	}
	if !found {
		t.Errorf("advice = %q, want 20 records lost", v.Advice)
	}
}

// A consumer that keeps its membership but stops committing is stalled,
// and advice names the offset it is stuck at.
func TestGroupHealthStalled(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "jobs"))
	produceBefore(t, kafkatest.Client(t, c), "jobs", 20)
	cl := consumeAndCommit(t, c, "worker", "jobs", 20)
	defer cl.Close()
	// Written before the run, so no produce rate excuses the lag.
	produceBefore(t, kafkatest.Client(t, c), "jobs", 20)

	v := describeGroup(t, c, "worker")
	if v.Members != 1 || v.Status != health.Stalled {
		t.Fatalf("members %d status %s; want 1 stalled (%+v)", v.Members, v.Status, v.Partitions)
	}
	committed := *v.Partitions[0].Committed
	found := false
	for _, a := range v.Advice {
		found = found || strings.Contains(a, "jobs 0 is not moving") && strings.Contains(a, "at offset "+strconv.FormatInt(committed, 10))
	}
	if !found {
		t.Errorf("advice = %q, want partition 0 not moving at offset %d", v.Advice, committed)
	}
}

// A caught-up group is ok with no advice; a static member shows its
// instance id.
func TestGroupHealthOKStaticMember(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "events"))
	producePart(t, c, "events", 0, 10)
	cl := consumeAndCommit(t, c, "reader", "events", 10, kgo.InstanceID("reader-1"))
	defer cl.Close()

	v := describeGroup(t, c, "reader")
	if v.Status != health.OK || len(v.Advice) != 0 {
		t.Errorf("status %s advice %q; want ok, none", v.Status, v.Advice)
	}
	if len(v.Assignments) != 1 || v.Assignments[0].InstanceID != "reader-1" {
		t.Errorf("assignments = %+v, want instance id reader-1", v.Assignments)
	}
}

// lag_seconds is the age of the record at the committed offset.
func TestGroupLagSeconds(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "clicks"))
	pc := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	now := time.Now()
	var recs []*kgo.Record
	for i := range 10 {
		// Offsets 0..9 dated 100 s down to 10 s ago.
		recs = append(recs, &kgo.Record{Topic: "clicks", Value: []byte("v"), Timestamp: now.Add(-time.Duration(100-10*i) * time.Second)})
	}
	kafkatest.Produce(t, pc, recs...)
	commitPartitions(t, c, "late", "clicks", map[int32]int64{0: 4})

	v := describeGroup(t, c, "late")
	// The record at offset 4 was written 60 s before now.
	if v.LagSeconds == nil || *v.LagSeconds < 59 || *v.LagSeconds > 62 {
		t.Fatalf("lag_seconds = %v, want about 60", v.LagSeconds)
	}
	if p := v.Partitions[0].LagSeconds; p == nil || *p != *v.LagSeconds {
		t.Errorf("partition lag_seconds = %v, group %v", p, *v.LagSeconds)
	}
	r := runOn(t, c, "consumer-groups", "late")
	if !strings.Contains(r.Stdout, "6 messages (oldest unread: 1") || !strings.Contains(r.Stdout, "minute") {
		t.Errorf("text lacks the oldest unread age:\n%s", r.Stdout)
	}

	commitPartitions(t, c, "late", "clicks", map[int32]int64{0: 10})
	if v := describeGroup(t, c, "late"); v.LagSeconds != nil {
		t.Errorf("caught up: lag_seconds = %v, want null", *v.LagSeconds)
	}
}

// On a topic with two minutes' retention, a record the group has not read
// that is a minute old is deleted in about a minute.
func TestGroupLossETA(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	adm := kadm.NewClient(kafkatest.Client(t, c))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ms := "120000"
	if _, err := adm.CreateTopic(ctx, 1, 1, map[string]*string{"retention.ms": &ms}, "short"); err != nil {
		t.Fatal(err)
	}
	pc := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	old := time.Now().Add(-time.Minute)
	kafkatest.Produce(t, pc, &kgo.Record{Topic: "short", Value: []byte("a"), Timestamp: old}, &kgo.Record{Topic: "short", Value: []byte("b"), Timestamp: old})
	commitPartitions(t, c, "slowpoke", "short", map[int32]int64{0: 1})

	v := describeGroup(t, c, "slowpoke")
	if v.LossETASecs == nil || *v.LossETASecs < 57 || *v.LossETASecs > 61 {
		t.Fatalf("loss_eta_seconds = %v, want about 60", v.LossETASecs)
	}
	r := runOn(t, c, "consumer-groups", "slowpoke")
	if !strings.Contains(r.Stdout, "retention will delete records the group has not read in about") {
		t.Errorf("no loss warning:\n%s", r.Stdout)
	}

	// A caught-up group has nothing to lose.
	commitPartitions(t, c, "slowpoke", "short", map[int32]int64{0: 2})
	if v := describeGroup(t, c, "slowpoke"); v.LossETASecs != nil {
		t.Errorf("caught up: loss_eta_seconds = %v, want null", *v.LossETASecs)
	}
}

// On a topic with small retention.bytes, loss_eta_seconds is the time
// until the unread records alone outgrow it at the current rates: the
// unread bytes' headroom over the bytes written per second.
func TestGroupLossETAFromRetentionBytes(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	adm := kadm.NewClient(kafkatest.Client(t, c))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	limit := "200000"
	if _, err := adm.CreateTopic(ctx, 1, 1, map[string]*string{"retention.bytes": &limit}, "capped"); err != nil {
		t.Fatal(err)
	}
	producePart(t, c, "capped", 0, 100)
	commitPartitions(t, c, "behind", "capped", map[int32]int64{0: 0})
	wctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer wg.Wait()
	defer stop()
	pacedProducer(t, wctx, &wg, c, "capped", 100, 0)

	r := runOn(t, c, "consumer-groups", "behind", "--json", "--sample-interval", "1s")
	wantCode(t, r, 0)
	v := decodeJSON[groupDetailView](t, r.Stdout)
	tr := runOn(t, c, "topic", "capped", "--json", "--sample-interval", "100ms")
	wantCode(t, tr, 0)
	perRecord := topicRatesJSON{}.BytesPerRecord(t, tr.Stdout)
	want := (200000 - float64(v.Lag)*perRecord) / (v.ProduceRate * perRecord)
	t.Logf("lag %d, %.1f B/record, produce %.1f msg/s: want about %.0f s", v.Lag, perRecord, v.ProduceRate, want)
	if v.LossETASecs == nil || math.Abs(*v.LossETASecs-want) > want/5 {
		t.Fatalf("loss_eta_seconds = %v, want about %.0f", v.LossETASecs, want)
	}
	r = runOn(t, c, "consumer-groups", "behind", "--sample-interval", "100ms")
	if !strings.Contains(r.Stdout, "retention will delete records the group has not read in about") {
		t.Errorf("no loss warning:\n%s", r.Stdout)
	}

	// Unread records already over the limit: retention may be deleting them.
	small := "1000"
	if _, err := adm.AlterTopicConfigs(ctx, []kadm.AlterConfig{{Name: "retention.bytes", Value: &small}}, "capped"); err != nil {
		t.Fatal(err)
	}
	if v := describeGroup(t, c, "behind"); v.LossETASecs == nil || *v.LossETASecs != 0 {
		t.Errorf("over retention.bytes: loss_eta_seconds = %v, want 0", v.LossETASecs)
	}
}
