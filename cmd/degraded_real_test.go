package cmd

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// With one of the 3 nodes stopped: info says degraded with the count of
// under-replicated partitions, topic marks them, an RF=1 partition on the
// stopped node is offline, and wait exits 5; once the node is back and the
// ISR full again, wait exits 0.
func TestRealDegradedAndWait(t *testing.T) {
	c := kafkatest.Real(t)
	// An earlier test may have restarted a node that is still catching up.
	c.WaitHealthy(t)
	rf3 := c.Topic(t, 3, 3, nil)
	rf1 := c.Topic(t, 3, 1, nil)
	const down = int32(3)
	c.StopNode(t, down)
	restarted := false
	t.Cleanup(func() {
		if !restarted {
			c.StartNode(t, down)
		}
	})

	adm := kadm.NewClient(c.Client(t))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for {
		// Until the controller fences the stopped node, metadata still
		// lists it and requests sent to it wait out --timeout.
		m, err := adm.Metadata(ctx, rf3)
		if err == nil && len(m.Brokers) == 2 && len(m.Topics[rf3].Partitions) == 3 && allShrunk(m.Topics[rf3].Partitions, down) && everyBrokerSees(ctx, c.Client(t), m.Brokers, 2) {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("node %d never left the metadata and the ISR of %s", down, rf3)
		}
		select {
		case <-ctx.Done():
		case <-time.After(250 * time.Millisecond):
		}
	}

	// Right after the node went, info answers from the live nodes
	// (TestRealInfoRightAfterNodeStops covers the moments before).
	r := runReal(t, c, "info", "--json")
	wantCode(t, r, 0)
	var info infoView
	if err := json.Unmarshal([]byte(r.Stdout), &info); err != nil {
		t.Fatal(err)
	}
	if info.Status != statusDegraded || info.UnderReplicatedPartitions < 3 || info.OfflinePartitions < 1 {
		t.Fatalf("info: status %q, %d under-replicated, %d offline; want degraded, >= 3, >= 1",
			info.Status, info.UnderReplicatedPartitions, info.OfflinePartitions)
	}

	r = runReal(t, c, "topic", rf3, "--json")
	wantCode(t, r, 0)
	var tv topicDetailView
	if err := json.Unmarshal([]byte(r.Stdout), &tv); err != nil {
		t.Fatal(err)
	}
	for _, p := range tv.PartitionDetails {
		if !p.UnderReplicated {
			t.Errorf("%s/%d not marked under-replicated (ISR %v)", rf3, p.Partition, p.ISR)
		}
	}
	r = runReal(t, c, "topic", rf1, "--json")
	wantCode(t, r, 0)
	tv = topicDetailView{}
	if err := json.Unmarshal([]byte(r.Stdout), &tv); err != nil {
		t.Fatal(err)
	}
	offline := 0
	for _, p := range tv.PartitionDetails {
		if p.Offline {
			offline++
		}
	}
	if offline != 1 {
		t.Errorf("%s: %d offline partitions, want 1 (the one on node %d): %+v", rf1, offline, down, tv.PartitionDetails)
	}

	wantCode(t, runReal(t, c, "wait", "--topic", rf3, "--timeout", "3s"), 5)

	c.StartNode(t, down)
	restarted = true
	wantCode(t, runReal(t, c, "wait", "--topic", rf3, "--timeout", "3m"), 0)
}

// everyBrokerSees reports whether each live broker's own metadata lists n
// brokers: brokers learn of a fenced node at different moments, and the
// CLI may ask any of them.
func everyBrokerSees(ctx context.Context, cl *kgo.Client, live kadm.BrokerDetails, n int) bool {
	for _, b := range live {
		resp, err := cl.Broker(int(b.NodeID)).Request(ctx, kmsg.NewPtrMetadataRequest())
		if err != nil || len(resp.(*kmsg.MetadataResponse).Brokers) != n {
			return false
		}
	}
	return true
}

func allShrunk(ps kadm.PartitionDetails, gone int32) bool {
	for _, p := range ps {
		for _, r := range p.ISR {
			if r == gone {
				return false
			}
		}
	}
	return true
}

func lastN(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
