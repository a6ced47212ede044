package cmd

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

const testPassword = "Tr0ub4dor-and-3-horses"

// runPw runs a command against c with stdin and --verbose, and fails the
// test if the password shows anywhere in its output.
func runPw(t *testing.T, c *kfake.Cluster, stdin string, args ...string) result {
	t.Helper()
	r := run(t, runOpts{stdin: stdin}, append([]string{"-b", kafkatest.Brokers(c), "--verbose"}, args...)...)
	for _, pw := range []string{testPassword, "n3w-" + testPassword} {
		if strings.Contains(r.Stdout+r.Stderr, pw) {
			t.Fatalf("%v printed the password:\nstdout:\n%s\nstderr:\n%s", args, r.Stdout, r.Stderr)
		}
	}
	return r
}

func TestUsersLifecycle(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	r := runPw(t, c, testPassword+"\n", "users", "create", "alice", "--mechanism", "scram-sha-256", "--iterations", "8192")
	wantCode(t, r, 0)
	r = runPw(t, c, testPassword+"\n", "users", "create", "alice", "--mechanism", "SCRAM-SHA-256")
	wantCode(t, r, 1)
	if !strings.Contains(r.Stderr, "Error: user \"alice\" already has a SCRAM-SHA-256 password") {
		t.Errorf("stderr: %s", r.Stderr)
	}
	wantCode(t, runPw(t, c, testPassword, "users", "create", "alice"), 0) // adds SCRAM-SHA-512

	r = runOn(t, c, "users", "list", "--json")
	wantCode(t, r, 0)
	var vs []userView
	if err := json.Unmarshal([]byte(r.Stdout), &vs); err != nil {
		t.Fatal(err)
	}
	want := []credentialView{{"SCRAM-SHA-256", 8192}, {"SCRAM-SHA-512", 4096}}
	if len(vs) != 1 || vs[0].User != "alice" || len(vs[0].Credentials) != 2 || vs[0].Credentials[0] != want[0] || vs[0].Credentials[1] != want[1] {
		t.Errorf("users = %+v", vs)
	}

	r = runPw(t, c, "n3w-"+testPassword+"\n", "users", "credentials", "alice", "--reset")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "SCRAM-SHA-256, SCRAM-SHA-512") {
		t.Errorf("stdout: %s", r.Stdout)
	}
	wantCode(t, runPw(t, c, testPassword, "users", "credentials", "bob", "--reset"), 3)

	wantCode(t, runOn(t, c, "users", "destroy", "alice"), 2)
	wantCode(t, runOn(t, c, "users", "destroy", "alice", "--confirm", "alicia"), 2)
	r = runOn(t, c, "users", "destroy", "alice", "--confirm", "alice")
	wantCode(t, r, 0)
	r = runOn(t, c, "users", "list")
	if !strings.Contains(r.Stdout, "No SCRAM users.") {
		t.Errorf("after destroy:\n%s", r.Stdout)
	}
	wantCode(t, runOn(t, c, "users", "destroy", "alice", "--confirm", "alice"), 3)
}

func TestUsersBadInputExits2(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	alters := c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.AlterUserSCRAMCredentials, kmsg.DescribeUserSCRAMCredentials}, Observe: true, Count: -1})
	for _, tc := range []struct {
		stdin string
		args  []string
	}{
		{testPassword, []string{"create", "alice", "--mechanism", "PLAIN"}},
		{testPassword, []string{"create", "alice", "--iterations", "1000"}},
		{testPassword, []string{"create", "alice", "--iterations", "20000"}},
		{"", []string{"create", "alice"}},
		{"\n", []string{"create", "alice"}},
		{testPassword, []string{"create", " alice"}},
		{testPassword, []string{"create", "alice", testPassword}},
		{testPassword, []string{"credentials", "alice"}},
		{testPassword, []string{"credentials", "alice", "--reset", "--mechanism", "md5"}},
		{"", []string{"destroy", "alice"}},
		{"", []string{"list", "x"}},
	} {
		r := runPw(t, c, tc.stdin, append([]string{"users"}, tc.args...)...)
		if r.Code != 2 || strings.Count(strings.TrimSpace(r.Stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q", tc.args, r.Code, r.Stderr)
		}
	}
	if alters.Hits() != 0 {
		t.Errorf("bad input sent %d SCRAM requests", alters.Hits())
	}
}

func TestUsersRefusedExits4(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t)
	c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.DescribeUserSCRAMCredentials}, Err: kerr.ClusterAuthorizationFailed, TopLevel: true, Count: -1})
	r := run(t, runOpts{stdin: testPassword}, "-b", kafkatest.Brokers(c), "users", "create", "alice")
	wantCode(t, r, 4)
	wantOneLineError(t, r, "creating user alice: not authorized")
	if strings.Contains(r.Stderr, testPassword) {
		t.Errorf("stderr has the password: %s", r.Stderr)
	}
}
