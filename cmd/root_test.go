package cmd

import (
	"encoding/json"
	"net"
	"runtime/debug"
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

func TestHelpUnknownTopicExits2(t *testing.T) {
	r := run(t, runOpts{}, "help", "nosuch")
	wantCode(t, r, 2)
	wantOneLineError(t, r, `unknown help topic "nosuch"`)
	r = run(t, runOpts{}, "help", "tail")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "kafka tail TOPIC") {
		t.Errorf("help tail:\n%s", r.Stdout)
	}
}

// pflag's parse errors quote Go internals; ours say what was expected.
func TestFlagErrorsInPlainWords(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"create", "t", "--partitions", "abc"}, `invalid value "abc" for --partitions: expected a whole number`},
		{[]string{"tail", "t", "-n", "x"}, `invalid value "x" for --num: expected a whole number`},
		{[]string{"--timeout", "5x", "list"}, `invalid value "5x" for --timeout: expected a duration`},
	} {
		r := run(t, runOpts{}, tc.args...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, tc.want)
		if strings.Contains(r.Stderr, "strconv") {
			t.Errorf("%v: %s", tc.args, r.Stderr)
		}
	}
}

// A mistyped command gets one clean line with the suggestion, not cobra's
// "Did you mean this?" block folded onto one line.
func TestUnknownCommandSuggestsOnOneLine(t *testing.T) {
	r := run(t, runOpts{}, "tial", "router")
	wantCode(t, r, 2)
	if want := "Error: unknown command \"tial\"; did you mean \"tail\"?\n"; r.Stderr != want {
		t.Errorf("stderr %q, want %q", r.Stderr, want)
	}
	r = run(t, runOpts{}, "zzzzzz")
	wantCode(t, r, 2)
	if want := "Error: unknown command \"zzzzzz\"; see 'kafka --help'\n"; r.Stderr != want {
		t.Errorf("stderr %q, want %q", r.Stderr, want)
	}
}

// A `go install` build has no ldflags but carries its VCS revision and
// time in its build info; version shows those rather than "unknown".
func TestVersionFromBuildInfo(t *testing.T) {
	bi := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.time", Value: "2026-12-01T22:00:00Z"}, {Key: "vcs.modified", Value: "false"},
	}}
	b := BuildInfo{Version: "dev"}.WithBuildInfo(bi, true)
	if got, want := versionString(b), "kafka dev (commit 0123456789abcdef, built 2026-12-01T22:00:00Z, "; !strings.HasPrefix(got, want) {
		t.Errorf("version = %q, want prefix %q", got, want)
	}
	// ldflags win; a module version from `go install m@v` fills "dev".
	bi.Main.Version = "v1.2.3"
	b = BuildInfo{Version: "dev", Commit: "abc", Date: "yesterday"}.WithBuildInfo(bi, true)
	if b.Version != "v1.2.3" || b.Commit != "abc" || b.Date != "yesterday" {
		t.Errorf("WithBuildInfo = %+v", b)
	}
}
