package cmd

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// A SCRAM user with no ACLs gets exit 4 from every command, with one line
// naming the operation and the resource the broker denied: real brokers
// say neither, and hide what a user may not describe instead of failing.
func TestRealACLsNoACLsDenied(t *testing.T) {
	c := kafkatest.Real(t)
	_, url := scramUser(t, c, "no-acls")
	topic := c.Topic(t, 1, 3, nil)
	produceReal(t, c, topic, 1)
	group := "grp-" + topic
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"list"}, "not authorized to describe any topic"},
		{[]string{"list", "--json"}, "not authorized to describe any topic"},
		{[]string{"topic", topic}, `not authorized to describe topic "` + topic + `"`},
		{[]string{"create", topic + "-new"}, `not authorized to create topic "` + topic + `-new"`},
		{[]string{"tail", topic, "--from", "beginning", "-c", "1"}, `not authorized to read topic "` + topic + `"`},
		{[]string{"write", topic, "x"}, `not authorized to write to topic "` + topic + `"`},
		{[]string{"consumer-groups"}, "not authorized to describe any consumer group"},
		{[]string{"consumer-groups", group}, `not authorized to describe consumer group "` + group + `"`},
		{[]string{"consumer-groups", "reset", group, "--topic", topic, "--to", "earliest", "--execute"},
			`not authorized to reset the offsets of consumer group "` + group + `"`},
		{[]string{"destroy", topic, "--confirm", topic}, `not authorized to delete topic "` + topic + `"`},
		{[]string{"config", topic}, `not authorized to describe the configs of topic "` + topic + `"`},
	} {
		r := as(t, url, "", tc.args...)
		if r.Code != 4 {
			t.Errorf("%v: exit %d, want 4\n%s", tc.args, r.Code, r.Stderr)
			continue
		}
		wantOneLineError(t, r, tc.want)
	}
	// Nothing was created or deleted on the way.
	wantCode(t, runReal(t, c, "topic", topic+"-new"), 3)
	wantCode(t, runReal(t, c, "topic", topic), 0)
}

// With READ and DESCRIBE on one topic, list shows that topic and says the
// list may be partial; the super user's list says nothing of the kind.
func TestRealACLsListPartial(t *testing.T) {
	c := kafkatest.Real(t)
	user, url := scramUser(t, c, "one-topic")
	topic := c.Topic(t, 1, 3, nil)
	other := c.Topic(t, 1, 3, nil)
	wantCode(t, runReal(t, c, "acls", "create", "--allow", "--principal", "User:"+user, "--operation", "read,describe", "--topic", topic), 0)

	r := as(t, url, "", "list", "--json")
	wantCode(t, r, 0)
	var vs []topicView
	if err := json.Unmarshal([]byte(r.Stdout), &vs); err != nil {
		t.Fatalf("%v: %s", err, r.Stdout)
	}
	if len(vs) != 1 || vs[0].Name != topic {
		t.Errorf("list --json as %s = %s, want only %s", user, r.Stdout, topic)
	}
	if !strings.Contains(r.Stderr, "the list may be partial") {
		t.Errorf("no partial note on stderr: %q", r.Stderr)
	}
	r = as(t, url, "", "list")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, topic) || strings.Contains(r.Stdout, other) || !strings.Contains(r.Stderr, "the list may be partial") {
		t.Errorf("list as %s:\n%s\n%s", user, r.Stdout, r.Stderr)
	}

	r = runReal(t, c, "list")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, other) || strings.Contains(r.Stderr, "partial") {
		t.Errorf("super user's list:\n%s\n%s", r.Stdout, r.Stderr)
	}
}
