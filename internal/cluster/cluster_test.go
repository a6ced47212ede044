package cluster

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestExactGuess(t *testing.T) {
	for g, want := range map[string]bool{
		"v3.6": true, "v4.1.0": true, "at least v4.1": true,
		"between v1.0 and v1.1": false, "unknown custom version": false, "unknown custom version at least v3.0": false,
	} {
		if exactGuess.MatchString(g) != want {
			t.Errorf("%q: got %v", g, !want)
		}
	}
}

// TestGroupsCountMembersOfBothKinds checks member counts for a classic
// group and a KIP-848 group, which DescribeGroups alone reports as empty.
func TestGroupsCountMembersOfBothKinds(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "orders"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	classic := kafkatest.Client(t, c, kgo.ConsumerGroup("classic"), kgo.ConsumeTopics("orders"))
	modern := kafkatest.Client(t, c, kgo.ConsumerGroup("modern"), kgo.ConsumeTopics("orders"), kgo.ServerSideBalancer())
	prod := kafkatest.Client(t, c)
	kafkatest.Produce(t, prod, &kgo.Record{Topic: "orders", Value: []byte("x")})
	classic.PollFetches(ctx)
	modern.PollFetches(ctx)

	adm := kadm.NewClient(kafkatest.Client(t, c))
	gs, err := Groups(ctx, adm)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, g := range gs {
		got[g.Name] = g.Members
	}
	if got["classic"] != 1 || got["modern"] != 1 || len(gs) != 2 {
		t.Errorf("groups = %+v", gs)
	}
}

// DescribeBrokers asks the cluster each time: a broker added after the
// client first learnt the brokers is listed at once, not after the
// client's metadata max age.
func TestDescribeBrokersIsFresh(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cl := kafkatest.Client(t, c, kgo.MetadataMaxAge(time.Hour))
	b, err := DescribeBrokers(ctx, cl)
	if err != nil || len(b.Brokers) != 3 || b.ClusterID != "kafkatest" {
		t.Fatalf("before: %+v, %v", b, err)
	}
	if _, _, err := c.AddNode(-1, 0); err != nil {
		t.Fatal(err)
	}
	if b, err = DescribeBrokers(ctx, cl); err != nil || len(b.Brokers) != 4 {
		t.Fatalf("after adding a node: %+v, %v", b, err)
	}
}
