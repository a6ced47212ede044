package topics

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestAdminAnswers(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "orders"))
	adm := kadm.NewClient(kafkatest.Client(t, c))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	if td, err := Lookup(ctx, adm, "orders"); err != nil || len(td.Partitions) != 2 {
		t.Errorf("Lookup(orders) = %d partitions, %v; want 2, nil", len(td.Partitions), err)
	}
	if _, err := Lookup(ctx, adm, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Lookup(nope) = %v, want ErrNotFound", err)
	}
	if _, err := Create(ctx, adm, 1, 1, nil, "orders"); !AlreadyExists(err) {
		t.Errorf("Create(existing) = %v, want AlreadyExists", err)
	}
	if _, err := DescribeConfigs(ctx, adm, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DescribeConfigs(nope) = %v, want ErrNotFound", err)
	}
	r, err := AlterConfigs(ctx, adm, "nope", []kadm.AlterConfig{{Name: "retention.ms", Value: kadm.StringPtr("1000")}})
	if err != nil || !errors.Is(r.Err, ErrNotFound) {
		t.Errorf("AlterConfigs(nope) = %v, %v; want nil, ErrNotFound", err, r.Err)
	}
	if r, err := AddPartitions(ctx, adm, "orders", 3); err != nil || r.Err != nil {
		t.Errorf("AddPartitions(orders, 3) = %v, %v", err, r.Err)
	}
	if td, _ := Lookup(ctx, adm, "orders"); len(td.Partitions) != 3 {
		t.Errorf("after AddPartitions: %d partitions, want 3", len(td.Partitions))
	}
	names, err := Names(ctx, adm)
	if err != nil || len(names) != 1 || names[0] != "orders" {
		t.Errorf("Names = %v, %v", names, err)
	}
}

func TestPlanTrimClampsToRetained(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "t"))
	cl := kafkatest.Client(t, c, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	adm := kadm.NewClient(cl)
	for range 5 {
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "t", Partition: 0, Value: []byte("v")})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	trims, err := PlanTrim(ctx, adm, "t", []int32{0, 1}, 3, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Trim{{Partition: 0, Start: 0, NewStart: 3}, {Partition: 1, Start: 0, NewStart: 0}}
	for i, w := range want {
		if trims[i] != w {
			t.Errorf("trim %d = %+v, want %+v", i, trims[i], w)
		}
	}
	// A time after every record deletes all of them.
	trims, err = PlanTrim(ctx, adm, "t", []int32{0}, -1, time.Now().Add(time.Hour))
	if err != nil || trims[0].NewStart != 5 || trims[0].Deleted() != 5 {
		t.Fatalf("PlanTrim(future) = %+v, %v; want all 5 deleted", trims, err)
	}
	if _, err := ApplyTrim(ctx, adm, "t", trims); err != nil {
		t.Fatal(err)
	}
	trims, err = PlanTrim(ctx, adm, "t", []int32{0}, 1, time.Time{})
	if err != nil || trims[0] != (Trim{Partition: 0, Start: 5, NewStart: 5}) {
		t.Errorf("after trimming, PlanTrim(1) = %+v, %v; want clamped to start 5", trims, err)
	}
}
