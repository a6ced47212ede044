package cmd

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// create and destroy wait until every broker describes the change (on
// Kafka 3.9 brokers apply ACLs a moment apart, which TestRealACLs* show
// when run there). A broker that never catches up, which no real broker
// can be made to do on cue, is answered here: the change is made, so the
// command exits 0, and one warning line names the broker.
func TestACLsWaitUntilEveryBrokerApplies(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.NumBrokers(3))
	var asked, lagging atomic.Int32
	var lag atomic.Bool
	lag.Store(true)
	c.ControlKey(int16(kmsg.DescribeACLs), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		asked.Add(1)
		if !lag.Load() || c.CurrentNode() != 1 {
			return nil, nil, false
		}
		lagging.Add(1)
		// Broker 1 describes nothing: it has not applied the creation.
		return req.(*kmsg.DescribeACLsRequest).ResponseKind(), nil, true
	})
	r := runOn(t, c, "--timeout", "2s", "acls", "create", "--allow", "--principal", "User:a", "--operation", "read", "--topic", "t")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "Created 1 ACL.") {
		t.Errorf("stdout, want the ACL created:\n%s", r.Stdout)
	}
	wantOneLineError(t, r, "Warning: broker 1 does not apply the change yet (within --timeout 2s)")
	if n := lagging.Load(); n < 2 {
		t.Errorf("broker 1 was asked %d times; want it asked again until --timeout", n)
	}
	if a, l := asked.Load(), lagging.Load(); a <= l {
		t.Errorf("only the lagging broker was asked (%d of %d requests)", l, a)
	}

	// Once every broker has applied the change, destroy waits no longer.
	lag.Store(false)
	r = runOn(t, c, "acls", "destroy", "--principal", "User:a", "--topic", "t", "--confirm")
	wantCode(t, r, 0)
	if r.Stderr != "" || !strings.Contains(r.Stdout, "Deleted 1 ACL.") {
		t.Errorf("destroy: stdout %q, stderr %q", r.Stdout, r.Stderr)
	}
}
