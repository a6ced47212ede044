package cmd

import (
	"context"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// rfCluster is a 3-broker kfake cluster with topic orders at RF 1 over 6
// partitions, and an observer counting AlterPartitionReassignments.
func rfCluster(t *testing.T) (*kfake.Cluster, *kfake.FaultHandle) {
	t.Helper()
	c := kafkatest.NewCluster(t)
	adm := kadm.NewClient(kafkatest.Client(t, c))
	if _, err := adm.CreateTopic(context.Background(), 6, 1, nil, "orders"); err != nil {
		t.Fatal(err)
	}
	return c, c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.AlterPartitionAssignments}, Observe: true, Count: -1})
}

func TestReplicationFactorPlanChangesNothing(t *testing.T) {
	t.Parallel()
	c, alters := rfCluster(t)
	r := runOn(t, c, "replication-factor", "orders", "3")
	wantCode(t, r, 0)
	for _, want := range []string{"Replication factor of orders: 1 → 3", "Partition", "Old replicas", "New replicas", "--execute"} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("plan lacks %q:\n%s", want, r.Stdout)
		}
	}
	// Six rows, each naming all three brokers once.
	rows := 0
	for _, line := range strings.Split(r.Stdout, "\n") {
		f := strings.Fields(line)
		if len(f) == 3 && len(strings.Split(f[2], ",")) == 3 && !strings.HasPrefix(f[1], f[2]) {
			rows++
		}
	}
	if rows != 6 {
		t.Errorf("want 6 plan rows with 3 new replicas:\n%s", r.Stdout)
	}
	if alters.Hits() != 0 {
		t.Errorf("a plan sent %d reassignment requests", alters.Hits())
	}
}

func TestReplicationFactorBadFactorExits2(t *testing.T) {
	t.Parallel()
	c, alters := rfCluster(t)
	for _, n := range []string{"0", "x", "-1"} {
		// An unreachable broker shows no request is needed to refuse.
		r := run(t, runOpts{}, "-b", "127.0.0.1:1", "--timeout", "1s", "replication-factor", "orders", n)
		wantCode(t, r, 2)
		if n != "-1" { // a flag to cobra, refused as one
			wantOneLineError(t, r, "replication factor must be")
		}
	}
	r := runOn(t, c, "replication-factor", "orders", "4")
	wantCode(t, r, 2)
	wantOneLineError(t, r, "more than the 3 brokers")
	r = runOn(t, c, "replication-factor", "orders", "2", "--no-wait")
	wantCode(t, r, 2)
	r = runOn(t, c, "replication-factor", "nope", "2")
	wantCode(t, r, 3)
	if alters.Hits() != 0 {
		t.Errorf("bad input sent %d reassignment requests", alters.Hits())
	}
}

func TestReplicationFactorExecuteNoWait(t *testing.T) {
	t.Parallel()
	c, alters := rfCluster(t)
	r := runOn(t, c, "replication-factor", "orders", "2", "--execute", "--no-wait")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "Reassignment of 6 partitions started") || alters.Hits() != 1 {
		t.Errorf("hits %d, stdout:\n%s", alters.Hits(), r.Stdout)
	}
}

func TestReplicationFactorWaitIsBounded(t *testing.T) {
	t.Parallel()
	// kfake accepts reassignments but never applies them, so the wait
	// must end at --timeout, exit 5, saying how far it got.
	c, _ := rfCluster(t)
	r := runOn(t, c, "--timeout", "1s", "replication-factor", "orders", "2", "--execute", "--poll-interval", "50ms")
	wantCode(t, r, 5)
	if !strings.Contains(r.Stderr, "Reassigning orders: 0 of 6 partitions done") {
		t.Errorf("no progress line:\n%s", r.Stderr)
	}
	if !strings.Contains(r.Stderr, "was not done within 1s") {
		t.Errorf("stderr:\n%s", r.Stderr)
	}
}

func TestReplicationFactorPartialFailureExits1(t *testing.T) {
	t.Parallel()
	c, _ := rfCluster(t)
	c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.AlterPartitionAssignments}, Topic: "orders", Partitions: []int32{2, 4}, Err: kerr.InvalidReplicaAssignment, Count: -1})
	r := runOn(t, c, "replication-factor", "orders", "2", "--execute", "--no-wait")
	wantCode(t, r, 1)
	wantOneLineError(t, r, "applied to partitions 0,1,3,5; not applied to partitions 2 (")
	if !strings.Contains(r.Stderr, "4 (") {
		t.Errorf("partition 4 not listed: %s", r.Stderr)
	}
}

func TestReplicationFactorAllRefusedByACL(t *testing.T) {
	t.Parallel()
	c, _ := rfCluster(t)
	c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.AlterPartitionAssignments}, Topic: "orders", Err: kerr.ClusterAuthorizationFailed, Count: -1})
	r := runOn(t, c, "replication-factor", "orders", "2", "--execute", "--no-wait")
	wantCode(t, r, 4)
	wantOneLineError(t, r, "not authorized")
}

func TestReplicationFactorAlreadyThere(t *testing.T) {
	t.Parallel()
	c, alters := rfCluster(t)
	r := runOn(t, c, "replication-factor", "orders", "1", "--execute")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "nothing to do") || alters.Hits() != 0 {
		t.Errorf("hits %d, stdout:\n%s", alters.Hits(), r.Stdout)
	}
}
