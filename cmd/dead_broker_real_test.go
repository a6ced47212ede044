package cmd

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Right after a node stops (SIGTERM) or crashes (SIGKILL), the cluster
// still lists it for a while (until the controller fences it). info, list
// and topic must not fail on that listed-but-dead broker: each exits 0
// within its --timeout, info saying available or degraded. They run one
// after another, repeatedly, from the moment the node is gone until well
// past the broker session timeout (9s).
func TestRealInfoRightAfterNodeStops(t *testing.T) {
	c := kafkatest.Real(t)
	c.WaitHealthy(t)
	topic := c.Topic(t, 3, 3, nil)
	for _, tc := range []struct {
		name string
		id   int32
		stop func(testing.TB, int32)
	}{
		{"stop", 2, c.StopNode},
		{"kill", 3, c.KillNode},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.stop(t, tc.id)
			gone := time.Now()
			defer func() {
				c.StartNode(t, tc.id)
				c.WaitHealthy(t)
			}()
			const timeout = 5 * time.Second
			end := gone.Add(15 * time.Second)
			rounds := 0
			for rounds < 3 || time.Now().Before(end) {
				rounds++
				for _, args := range [][]string{{"info", "--json"}, {"list", "--json"}, {"topic", topic, "--json"}} {
					began := time.Now()
					r := runReal(t, c, append(args, "--timeout", timeout.String(), "--verbose")...)
					took := time.Since(began)
					if r.Code != 0 {
						t.Fatalf("round %d, %v after node %d went: %v exited %d after %v: %s",
							rounds, began.Sub(gone).Round(time.Millisecond), tc.id, args, r.Code, took.Round(time.Millisecond), lastN(r.Stderr, 150))
					}
					if took > timeout+2*time.Second {
						t.Errorf("round %d: %v took %v, over its --timeout %v", rounds, args, took, timeout)
					}
					if args[0] == "info" {
						var v infoView
						if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil {
							t.Fatal(err)
						}
						if v.Status != statusAvailable && v.Status != statusDegraded {
							t.Fatalf("round %d: info status %q, want available or degraded", rounds, v.Status)
						}
					}
				}
			}
			t.Logf("%d rounds of info, list and topic while node %d was gone", rounds, tc.id)
		})
	}
}
