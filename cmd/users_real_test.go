package cmd

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// A user made with users create logs in with its SCRAM URL; after
// credentials --reset the old password exits 4 and the new one works;
// after destroy neither does. No output, --verbose included, holds a
// password.
func TestRealUsersCreateResetDestroy(t *testing.T) {
	c := kafkatest.Real(t)
	user := fmt.Sprintf("cli-user-%d", rand.Uint32())
	oldPw, newPw := fmt.Sprintf("old-%d", rand.Uint64()), fmt.Sprintf("new-%d", rand.Uint64())
	admin := func(stdin string, args ...string) result {
		t.Helper()
		r := run(t, runOpts{stdin: stdin}, append([]string{"-b", strings.Join(c.Brokers(), ","), "--verbose"}, args...)...)
		for _, pw := range []string{oldPw, newPw} {
			if strings.Contains(r.Stdout+r.Stderr, pw) {
				t.Fatalf("%v printed a password", args)
			}
		}
		return r
	}
	t.Cleanup(func() { admin("", "users", "destroy", user, "--confirm", user) })
	// login reports whether the broker took the password: the user has no
	// ACLs, so list exits 4 either way (it sees no topic), and only the
	// message tells a refused login from a refused listing.
	login := func(mech, pw string) bool {
		r := as(t, c.SASLURL(mech, user, pw), "", "list")
		if strings.Contains(r.Stdout+r.Stderr, pw) {
			t.Fatalf("list as %s printed its password", user)
		}
		switch {
		case r.Code == 0:
			return true
		case r.Code != 4:
			t.Fatalf("list as %s exited %d: %s", user, r.Code, r.Stderr)
		}
		return !strings.Contains(r.Stderr, "SASL authentication failed")
	}

	// Each broker applies a credential change from the metadata log a
	// moment after the controller accepts it (on 3.9.1 a login right after
	// create was refused, and one right after destroy got in): create and
	// destroy wait until every broker has, so a login right after each is
	// answered as it should be. A reset keeps the mechanism, which is all
	// a broker describes, so after it the check waits.
	wantCode(t, admin(oldPw+"\n", "users", "create", user, "--mechanism", "SCRAM-SHA-256"), 0)
	if !login("SCRAM-SHA-256", oldPw) {
		t.Fatal("a login right after users create was refused")
	}
	r := admin("", "users", "list", "--json")
	wantCode(t, r, 0)
	var vs []userView
	if err := json.Unmarshal([]byte(r.Stdout), &vs); err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(vs, func(v userView) bool { return v.User == user }); i < 0 || len(vs[i].Credentials) != 1 || vs[i].Credentials[0].Mechanism != "SCRAM-SHA-256" {
		t.Errorf("users list: %s", r.Stdout)
	}

	wantCode(t, admin(newPw+"\n", "users", "credentials", user, "--reset"), 0)
	waitFor(t, 30*time.Second, func() bool {
		return !login("SCRAM-SHA-256", oldPw) && login("SCRAM-SHA-256", newPw)
	})
	wantCode(t, admin("", "users", "destroy", user, "--confirm", user), 0)
	if login("SCRAM-SHA-256", newPw) {
		t.Fatal("a login right after users destroy got in")
	}
}
