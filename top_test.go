package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// topCluster is a one-broker kfake with a busy topic written to until the
// test ends, a quiet one, a group far behind with nobody consuming and a
// group caught up. Names are chosen so that each sort order puts them in
// a different order from the others.
func topCluster(t *testing.T, opts ...kfake.Opt) *kfake.Cluster {
	t.Helper()
	c := kafkatest.NewCluster(t, append([]kfake.Opt{kfake.NumBrokers(1), kfake.SeedTopics(2, "zzz-busy", "aaa-quiet")}, opts...)...)
	seedTopGroups(t, c)
	return c
}

func seedTopGroups(t *testing.T, c *kfake.Cluster) {
	t.Helper()
	cl := kafkatest.Client(t, c, kgo.DefaultProduceTopic("aaa-quiet"))
	var recs []*kgo.Record
	for range 500 {
		recs = append(recs, &kgo.Record{Value: []byte("quiet record")})
	}
	kafkatest.Produce(t, cl, recs...)
	adm := kadm.NewClient(cl)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ends, err := adm.ListEndOffsets(ctx, "aaa-quiet")
	if err != nil {
		t.Fatal(err)
	}
	behind, current := kadm.Offsets{}, kadm.Offsets{}
	ends.Each(func(o kadm.ListedOffset) {
		behind.AddOffset(o.Topic, o.Partition, 0, -1)
		current.AddOffset(o.Topic, o.Partition, o.Offset, -1)
	})
	for g, os := range map[string]kadm.Offsets{"zeta-behind": behind, "alpha-current": current} {
		if _, err := adm.CommitOffsets(ctx, g, os); err != nil {
			t.Fatal(err)
		}
	}
}

// keepProducing writes about 50 records a second to zzz-busy until the
// test ends.
func keepProducing(t *testing.T, addrs []string) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addrs...), kgo.DefaultProduceTopic("zzz-busy"), kgo.RecordRetries(1<<30))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	t.Cleanup(func() { cancel(); <-done; cl.Close() })
	go func() {
		defer close(done)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				cl.Produce(ctx, &kgo.Record{Value: []byte("busy record with some bytes in it")}, nil)
			}
		}
	}()
}

func TestTopRendersSortsFiltersDrillsAndQuits(t *testing.T) {
	t.Parallel()
	c := topCluster(t)
	keepProducing(t, c.ListenAddrs())
	s := startScreen(t, 150, 40, []string{"KAFKA_URL=" + kafkatest.Brokers(c)}, kafkaBin(t)+" top --interval 300ms --sample-interval 100ms")

	// Groups first, by lag: the stopped group far behind on top.
	txt := s.waitText(20*time.Second, "kafka top", "sort: lag", "zeta-behind", "alpha-current", "stopped", "500", "Lag time")
	if !before(txt, "zeta-behind", "alpha-current") {
		t.Fatalf("by lag, zeta-behind should come first:\n%s", txt)
	}
	if !strings.Contains(txt, "start the group's consumers") {
		t.Errorf("the selected stopped group's advice is missing:\n%s", txt)
	}
	// s cycles lag, lag time, status, consume rate, name.
	s.keys("s", "s", "s", "s")
	txt = s.waitText(5*time.Second, "sort: name")
	if !before(txt, "alpha-current", "zeta-behind") {
		t.Fatalf("by name, alpha-current should come first:\n%s", txt)
	}

	s.keys("/", "z", "e", "t", "Enter")
	s.waitFor("the filtered groups", 5*time.Second, func(txt string) bool {
		return strings.Contains(txt, "filter: zet") && strings.Contains(txt, "zeta-behind") && !strings.Contains(txt, "alpha-current")
	})

	// Enter opens the selected group's partitions.
	s.keys("Enter")
	txt = s.waitText(5*time.Second, "Group zeta-behind", "Partition", "Committed", "aaa-quiet")
	if strings.Count(txt, "aaa-quiet") != 2 {
		t.Errorf("want both partitions of aaa-quiet:\n%s", txt)
	}
	s.keys("Escape")
	s.waitFor("the groups pane again", 5*time.Second, func(txt string) bool {
		return !strings.Contains(txt, "Group zeta-behind") && strings.Contains(txt, "zeta-behind")
	})
	s.keys("Escape") // clears the filter
	s.waitText(5*time.Second, "alpha-current")

	// Topics by messages/s: the busy one first, with a rate.
	s.keys("Tab")
	txt = s.waitFor("zzz-busy with a rate", 10*time.Second, func(txt string) bool {
		return strings.Contains(txt, "sort: messages/s") && before(txt, "zzz-busy", "aaa-quiet") && strings.Contains(txt, "/s")
	})
	if !strings.Contains(txt, "Bytes/s") {
		t.Errorf("no bytes/s column:\n%s", txt)
	}
	s.keys("s", "s")
	txt = s.waitText(5*time.Second, "sort: name")
	if !before(txt, "aaa-quiet", "zzz-busy") {
		t.Fatalf("by name, aaa-quiet should come first:\n%s", txt)
	}

	// A narrow window still shows the view, cut to fit.
	s.resize(60, 15)
	s.waitFor("the view at 60 columns", 5*time.Second, func(txt string) bool {
		for _, l := range strings.Split(txt, "\n") {
			if len([]rune(l)) > 60 {
				return false
			}
		}
		return strings.Contains(txt, "kafka top") && strings.Contains(txt, "aaa-quiet")
	})
	s.resize(150, 40)

	s.keys("q")
	s.waitText(10*time.Second, "EXIT=0")
}

func TestTopQuitsOnCtrlC(t *testing.T) {
	t.Parallel()
	c := topCluster(t)
	s := startScreen(t, 120, 30, []string{"KAFKA_URL=" + kafkatest.Brokers(c)}, kafkaBin(t)+" top --interval 300ms --sample-interval 100ms")
	s.waitText(20*time.Second, "zeta-behind")
	s.keys("C-c")
	s.waitText(10*time.Second, "EXIT=0")
}

// TestTopReconnects stops the broker under a running top and starts it
// again on the same port.
func TestTopReconnects(t *testing.T) {
	t.Parallel()
	port := freeTopPort(t)
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.Ports(port), kfake.SeedTopics(2, "zzz-busy", "aaa-quiet"))
	if err != nil {
		t.Fatal(err)
	}
	seedTopGroups(t, c)
	addr := kafkatest.Brokers(c)
	s := startScreen(t, 150, 40, []string{"KAFKA_URL=" + addr}, kafkaBin(t)+" top --interval 300ms --sample-interval 100ms --timeout 1s")
	s.waitText(20*time.Second, "zeta-behind", "every 300ms")

	c.Close()
	txt := s.waitText(20*time.Second, "reconnecting")
	if !strings.Contains(txt, "zeta-behind") {
		t.Errorf("the last figures should stay on screen while reconnecting:\n%s", txt)
	}

	c2, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.Ports(port), kfake.SeedTopics(1, "after-restart"))
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	s.keys("t")
	s.waitFor("fresh figures after the restart", 30*time.Second, func(txt string) bool {
		return !strings.Contains(txt, "reconnecting") && strings.Contains(txt, "after-restart")
	})
	s.keys("q")
	s.waitText(10*time.Second, "EXIT=0")
}

func freeTopPort(t *testing.T) int {
	t.Helper()
	p, err := freePorts(1)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
