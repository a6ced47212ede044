package cluster

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestCheckReady(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(3, "orders"))
	adm := kadm.NewClient(kafkatest.Client(t, c))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	r, err := CheckReady(ctx, adm, "orders")
	if err != nil || !r.Ready() || r.Partitions != 3 {
		t.Errorf("CheckReady(orders) = %+v, %v; want ready with 3 partitions", r, err)
	}
	r, err = CheckReady(ctx, adm, "nope")
	if err != nil || r.Ready() || !r.Missing {
		t.Errorf("CheckReady(nope) = %+v, %v; want missing", r, err)
	}
	if r, err := CheckReady(ctx, adm, ""); err != nil || !r.Ready() {
		t.Errorf("CheckReady(all) = %+v, %v; want ready", r, err)
	}
	for _, r := range []Readiness{{NoPartitions: true}, {Partitions: 2, Leaderless: 1}, {Partitions: 2, UnderReplicated: 1}} {
		if r.Ready() {
			t.Errorf("%+v is ready", r)
		}
	}
}
