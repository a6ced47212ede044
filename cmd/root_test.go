package cmd

import (
	"encoding/json"
	"net"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	r := run(t, runOpts{}, "version")
	wantCode(t, r, 0)
	if !strings.HasPrefix(r.Stdout, "kafka test (") {
		t.Errorf("version output %q", r.Stdout)
	}
	r = run(t, runOpts{}, "version", "--json")
	wantCode(t, r, 0)
	var v map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil || v["version"] != "test" || v["go_version"] == nil {
		t.Errorf("version --json = %q (%v)", r.Stdout, err)
	}
	r = run(t, runOpts{}, "--version")
	wantCode(t, r, 0)
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"nosuchcommand"},
		{"version", "--nosuchflag"},
		{"version", "extra"},
		{"--color", "sometimes", "version"},
		{"--timeout", "0s", "version"},
	} {
		r := run(t, runOpts{}, args...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, "")
	}
}

// deadAddr returns a loopback address nothing listens on.
func deadAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
