package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// scramUser makes a SCRAM-SHA-512 user with a unique name and returns the
// name and its KAFKA_URL; its ACLs are deleted when the test ends.
func scramUser(t *testing.T, c *kafkatest.RealCluster, what string) (string, string) {
	t.Helper()
	user := fmt.Sprintf("%s-%d", what, rand.Uint32())
	pass := fmt.Sprintf("pw-%d", rand.Uint64())
	c.CreateSCRAMUser(t, "SCRAM-SHA-512", user, pass)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		b := kadm.NewACLs().AnyResource().Allow("User:" + user).AllowHosts().Deny("User:" + user).DenyHosts().
			Operations().ResourcePatternType(kadm.ACLPatternAny)
		_, _ = kadm.NewClient(c.Client(t)).DeleteACLs(ctx, b)
	})
	return user, c.SASLURL("SCRAM-SHA-512", user, pass)
}

// as runs the command as the user of url.
func as(t *testing.T, url string, stdin string, args ...string) result {
	t.Helper()
	return run(t, runOpts{env: map[string]string{"KAFKA_URL": url}, stdin: stdin}, append([]string{"--timeout", "15s"}, args...)...)
}

func produceReal(t *testing.T, c *kafkatest.RealCluster, topic string, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var recs []*kgo.Record
	for i := range n {
		recs = append(recs, &kgo.Record{Topic: topic, Value: fmt.Appendf(nil, "v%d", i)})
	}
	if err := c.Client(t).ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

// A SCRAM user's access follows its ACLs: tail and write exit 4 before
// any ACL, 0 once read and then write are allowed, and 4 again once they
// are destroyed.
func TestRealACLsAccessFollowsACLs(t *testing.T) {
	c := kafkatest.Real(t)
	user, url := scramUser(t, c, "acl-user")
	topic := c.Topic(t, 1, 3, nil)
	produceReal(t, c, topic, 1)
	tail := func() int { return as(t, url, "", "tail", topic, "--from", "beginning", "-c", "1").Code }
	write := func() int { return as(t, url, "", "write", topic, "hello").Code }
	principal := "User:" + user

	if a, b := tail(), write(); a != 4 || b != 4 {
		t.Fatalf("before any ACL: tail %d, write %d; want 4 and 4", a, b)
	}
	wantCode(t, runReal(t, c, "acls", "create", "--allow", "--principal", principal, "--operation", "read,describe", "--topic", topic), 0)
	if a, b := tail(), write(); a != 0 || b != 4 {
		t.Fatalf("read allowed: tail %d, write %d; want 0 and 4", a, b)
	}
	wantCode(t, runReal(t, c, "acls", "create", "--allow", "--principal", principal, "--operation", "write", "--topic", topic), 0)
	if a, b := tail(), write(); a != 0 || b != 0 {
		t.Fatalf("read and write allowed: tail %d, write %d; want 0 and 0", a, b)
	}
	r := runReal(t, c, "acls", "destroy", "--principal", principal, "--topic", topic, "--confirm")
	wantCode(t, r, 0)
	if a, b := tail(), write(); a != 4 || b != 4 {
		t.Fatalf("after destroy: tail %d, write %d; want 4 and 4\n%s", a, b, r.Stdout)
	}

	// The user may not manage ACLs itself: exit 4 naming what it tried.
	r = as(t, url, "", "acls", "create", "--allow", "--principal", principal, "--operation", "read", "--topic", topic)
	wantCode(t, r, 4)
	wantOneLineError(t, r, "creating ACLs (allow "+principal+" read on topic "+topic+")")
}

// A prefixed ACL covers every topic starting with its name and shows in
// list --topic for them; a literal deny on one of them beats it.
func TestRealACLsPrefixedAndDeny(t *testing.T) {
	c := kafkatest.Real(t)
	user, url := scramUser(t, c, "acl-prefix")
	base := c.Topic(t, 1, 1, nil)
	sub := base + "-sub"
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	adm := kadm.NewClient(c.Client(t))
	if _, err := adm.CreateTopic(ctx, 1, 1, nil, sub); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = adm.DeleteTopics(context.Background(), sub) })
	produceReal(t, c, base, 1)
	produceReal(t, c, sub, 1)
	tail := func(topic string) int { return as(t, url, "", "tail", topic, "--from", "beginning", "-c", "1").Code }
	principal := "User:" + user

	wantCode(t, runReal(t, c, "acls", "create", "--allow", "--principal", principal, "--operation", "read,describe", "--topic", base, "--pattern", "prefixed"), 0)
	if a, b := tail(base), tail(sub); a != 0 || b != 0 {
		t.Fatalf("prefixed allow: tail %d and %d, want 0 and 0", a, b)
	}
	r := runReal(t, c, "acls", "list", "--topic", sub, "--json")
	wantCode(t, r, 0)
	var vs []aclView
	if err := json.Unmarshal([]byte(r.Stdout), &vs); err != nil || len(vs) != 2 || vs[0].ResourceName != base || vs[0].Pattern != "prefixed" {
		t.Errorf("list --topic %s = %s", sub, r.Stdout)
	}

	wantCode(t, runReal(t, c, "acls", "create", "--deny", "--principal", principal, "--operation", "read", "--topic", sub), 0)
	if a, b := tail(base), tail(sub); a != 0 || b != 4 {
		t.Fatalf("deny on %s: tail %d and %d, want 0 and 4", sub, a, b)
	}
}
