package cmd

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// With a node stopped, brokers still shows it (down), counts its RF=1
// partitions offline, and the live leaders count their under-replicated
// RF=3 partitions.
func TestRealBrokersWhileNodeDown(t *testing.T) {
	c := kafkatest.Real(t)
	rf3 := c.Topic(t, 3, 3, nil)
	rf1 := c.Topic(t, 6, 1, nil)
	const down = int32(2)
	c.StopNode(t, down)
	t.Cleanup(func() { c.StartNode(t, down); c.WaitHealthy(t) })

	adm := kadm.NewClient(c.Client(t))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for {
		m, err := adm.Metadata(ctx, rf3, rf1)
		if err == nil && len(m.Brokers) == 2 && len(m.Topics[rf3].Partitions) == 3 && allShrunk(m.Topics[rf3].Partitions, down) {
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

	r := runReal(t, c, "brokers", "--json")
	wantCode(t, r, 0)
	var bs []brokerLoadView
	if err := json.Unmarshal([]byte(r.Stdout), &bs); err != nil {
		t.Fatal(err)
	}
	if len(bs) != 3 {
		t.Fatalf("want 3 brokers (one down): %s", r.Stdout)
	}
	under := 0
	for _, b := range bs {
		under += b.UnderReplicatedPartitions
		if b.ID == down {
			if b.Up || b.Host != "" || b.OfflinePartitions < 1 || b.LogDirSizeBytes != nil {
				t.Errorf("down broker = %+v", b)
			}
			continue
		}
		if !b.Up || b.LogDirSizeBytes == nil {
			t.Errorf("live broker = %+v", b)
		}
	}
	if under < 3 { // every rf3 partition, plus internal topics'
		t.Errorf("under-replicated total %d, want at least 3: %s", under, r.Stdout)
	}

	r = runReal(t, c, "brokers")
	wantCode(t, r, 0)
	t.Logf("\n%s", r.Stdout)
}
