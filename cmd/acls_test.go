package cmd

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func aclList(t *testing.T, c *kfake.Cluster, env map[string]string, args ...string) []aclView {
	t.Helper()
	head := []string{"-b", kafkatest.Brokers(c)}
	if env["KAFKA_URL"] != "" {
		head = nil // -b would override KAFKA_URL and its KAFKA_PREFIX
	}
	r := run(t, runOpts{env: env}, append(append(head, "acls", "list", "--json"), args...)...)
	wantCode(t, r, 0)
	var vs []aclView
	if err := json.Unmarshal([]byte(r.Stdout), &vs); err != nil {
		t.Fatalf("%v: %s", err, r.Stdout)
	}
	return vs
}

func TestACLsCreateListDestroy(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	r := runOn(t, c, "acls", "create", "--allow", "--principal", "User:alice", "--operation", "read,Describe", "--topic", "orders")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "Created 2 ACLs.") {
		t.Errorf("stdout:\n%s", r.Stdout)
	}
	r = runOn(t, c, "acls", "create", "--deny", "--principal", "User:bob", "--operation", "write", "--topic", "ord", "--pattern", "prefixed", "--host", "10.0.0.1")
	wantCode(t, r, 0)
	r = runOn(t, c, "acls", "create", "--allow", "--principal", "User:alice", "--operation", "read", "--group", "g1")
	wantCode(t, r, 0)

	all := aclList(t, c, nil)
	if len(all) != 4 {
		t.Fatalf("list = %+v", all)
	}
	// --topic asks for what applies to it; kfake's answer leaves out the
	// prefixed ones that real brokers include (TestRealACLsPrefixedAndDeny).
	onOrders := aclList(t, c, nil, "--topic", "orders")
	if len(onOrders) != 2 || onOrders[0].ResourceName != "orders" {
		t.Errorf("--topic orders = %+v", onOrders)
	}
	alice := aclList(t, c, nil, "--principal", "User:alice")
	if len(alice) != 3 {
		t.Errorf("--principal User:alice = %+v", alice)
	}
	bob := aclList(t, c, nil, "--principal", "User:bob")
	if len(bob) != 1 || bob[0] != (aclView{Principal: "User:bob", Permission: "deny", Operation: "write", ResourceType: "topic", ResourceName: "ord", Pattern: "prefixed", Host: "10.0.0.1"}) {
		t.Errorf("bob = %+v", bob)
	}

	// Without --confirm the matches are shown and kept.
	r = runOn(t, c, "acls", "destroy", "--principal", "User:alice", "--topic", "orders")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "Nothing was deleted") || strings.Count(r.Stdout, "User:alice") != 2 {
		t.Errorf("stdout:\n%s", r.Stdout)
	}
	if n := len(aclList(t, c, nil)); n != 4 {
		t.Errorf("%d ACLs after an unconfirmed destroy", n)
	}
	r = runOn(t, c, "acls", "destroy", "--principal", "User:alice", "--topic", "orders", "--confirm")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "Deleted 2 ACLs.") {
		t.Errorf("stdout:\n%s", r.Stdout)
	}
	if left := aclList(t, c, nil); len(left) != 2 {
		t.Errorf("left = %+v", left)
	}
}

func TestACLsPrefixApplies(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	env := map[string]string{"KAFKA_URL": kafkatest.Brokers(c), "KAFKA_PREFIX": "tenant."}
	r := run(t, runOpts{env: env}, "acls", "create", "--allow", "--principal", "User:a", "--operation", "read", "--topic", "orders")
	wantCode(t, r, 0)
	r = run(t, runOpts{env: env}, "acls", "create", "--allow", "--principal", "User:a", "--operation", "read", "--group", "*")
	wantCode(t, r, 0)
	runOn(t, c, "acls", "create", "--allow", "--principal", "User:a", "--operation", "read", "--topic", "other.x")
	// Unprefixed, the cluster's own names show.
	names := map[string]string{}
	for _, v := range aclList(t, c, nil) {
		names[v.ResourceType+" "+v.ResourceName] = v.Pattern
	}
	if names["topic tenant.orders"] != "literal" || names["group tenant."] != "prefixed" || len(names) != 3 {
		t.Errorf("cluster-side ACLs: %v", names)
	}
	// Prefixed, names lose it, * stands for the tenant's prefix, and
	// other tenants' ACLs are left out.
	vs := aclList(t, c, env)
	if len(vs) != 2 || vs[0].ResourceName != "*" || vs[1].ResourceName != "orders" {
		t.Errorf("tenant view: %+v", vs)
	}
}

func TestACLsBadInputExits2(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	creates := c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.CreateACLs, kmsg.DeleteACLs, kmsg.DescribeACLs}, Observe: true, Count: -1})
	base := []string{"--allow", "--principal", "User:a", "--operation", "read", "--topic", "t"}
	without := func(flag string, n int) []string {
		for i, a := range base {
			if a == flag {
				return append(append([]string{}, base[:i]...), base[i+n:]...)
			}
		}
		return base
	}
	for _, args := range [][]string{
		append([]string{"create"}, without("--allow", 1)...),
		append([]string{"create"}, without("--principal", 2)...),
		append([]string{"create"}, without("--operation", 2)...),
		append([]string{"create"}, without("--topic", 2)...),
		append([]string{"create", "--deny"}, base...),
		append([]string{"create", "--group", "g"}, base...),
		append([]string{"create", "--cluster"}, base...),
		append([]string{"create", "--pattern", "glob"}, base...),
		{"create", "--allow", "--principal", "alice", "--operation", "read", "--topic", "t"},
		{"create", "--allow", "--principal", "User:a", "--operation", "fly", "--topic", "t"},
		{"create", "--allow", "--principal", "User:a", "--operation", "write", "--group", "g"},
		{"create", "--allow", "--principal", "User:a", "--operation", "alter", "--cluster", "--pattern", "prefixed"},
		{"create", "--allow", "--principal", "User:a", "--operation", "read", "--topic", "bad name"},
		{"create", "--allow", "--principal", "User:a", "--operation", "read", "--topic", "*", "--pattern", "prefixed"},
		{"destroy", "--operation", "read"},
		{"destroy", "--topic", "t", "--group", "g"},
		{"destroy", "--principal", "User:a", "--operation", "fly"},
		{"list", "--principal", "nobody"},
		{"list", "x"},
	} {
		r := runOn(t, c, append([]string{"acls"}, args...)...)
		if r.Code != 2 || strings.Count(strings.TrimSpace(r.Stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q", args, r.Code, r.Stderr)
		}
	}
	if creates.Hits() != 0 {
		t.Errorf("bad input sent %d ACL requests", creates.Hits())
	}
}

func TestACLsRefusedAndPartial(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	refuse := c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.CreateACLs}, Err: kerr.ClusterAuthorizationFailed, Count: -1})
	r := runOn(t, c, "acls", "create", "--allow", "--principal", "User:a", "--operation", "read,write", "--topic", "t")
	wantCode(t, r, 4)
	wantOneLineError(t, r, "creating ACLs (allow User:a read,write on topic t): not authorized")
	refuse.Remove()

	r = runOn(t, c, "acls", "create", "--allow", "--principal", "User:a", "--operation", "read,write", "--topic", "t")
	wantCode(t, r, 0)
	c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.DeleteACLs}, Err: kerr.ClusterAuthorizationFailed, Count: -1, When: func(req kmsg.Request) bool {
		d := req.(*kmsg.DeleteACLsRequest)
		return len(d.Filters) == 1 && d.Filters[0].Operation == kmsg.ACLOperationWrite
	}})
	r = runOn(t, c, "acls", "destroy", "--principal", "User:a", "--confirm")
	wantCode(t, r, 1)
	wantOneLineError(t, r, "deleting ACLs partly applied: applied: allow User:a read on topic t; not applied: allow User:a write on topic t (")
	if !strings.Contains(r.Stdout, "Deleted 1 ACL.") {
		t.Errorf("stdout:\n%s", r.Stdout)
	}
}

// A create the cluster answers per ACL, accepting one and refusing
// another, exits 1 with one line saying which was applied and which not,
// and prints the one created. A real broker refuses a single ACL of a
// request only for an ANY or UNKNOWN field (KRaft's
// AclControlManager.validateNewAcl), which this tool never sends, so the
// refusal is answered here. The two it accepts are created beforehand, as
// the broker would have, since create waits until every broker applies
// them.
func TestACLsCreatePartial(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	accepted := kadm.NewACLs().Topics("t").Allow("User:a").AllowHosts().
		Operations(kmsg.ACLOperationRead, kmsg.ACLOperationDescribe).ResourcePatternType(kadm.ACLPatternLiteral)
	if _, err := kadm.NewClient(kafkatest.Client(t, c)).CreateACLs(ctx, accepted); err != nil {
		t.Fatal(err)
	}
	c.ControlKey(int16(kmsg.CreateACLs), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		creq := req.(*kmsg.CreateACLsRequest)
		resp := creq.ResponseKind().(*kmsg.CreateACLsResponse)
		for _, cr := range creq.Creations {
			res := kmsg.NewCreateACLsResponseResult()
			if cr.Operation == kmsg.ACLOperationWrite {
				res.ErrorCode = kerr.InvalidRequest.Code
				msg := "refused by the test"
				res.ErrorMessage = &msg
			}
			resp.Results = append(resp.Results, res)
		}
		return resp, nil, true
	})
	r := runOn(t, c, "acls", "create", "--allow", "--principal", "User:a", "--operation", "read,write,describe", "--topic", "t")
	wantCode(t, r, 1)
	wantOneLineError(t, r, "creating ACLs (allow User:a read,write,describe on topic t) partly applied: applied: allow User:a read on topic t, allow User:a describe on topic t; not applied: allow User:a write on topic t (")
	if !strings.Contains(r.Stdout, "Created 2 ACLs.") || strings.Contains(r.Stdout, "write") {
		t.Errorf("stdout, want the two created ACLs only:\n%s", r.Stdout)
	}
}
