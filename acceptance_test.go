package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// Acceptance tests run the real binary (this test binary re-executed as
// "kafka", through main) from the scripts in testdata/script/*.txtar.
//
// To add one, drop a .txtar file there. The scripts run twice: against
// kafka dev (TestAcceptance), and one after another against real Apache
// Kafka 4.4.0, then 3.9.1 (TestRealAcceptance, acceptance_real_test.go), emptied
// before each script; there the [real] condition holds, lines that start
// or stop kafka dev carry [!real], and a script about kafka dev itself
// starts with `[real] skip`. Each script gets:
//   - $PORT: the first of three consecutive free ports, and KAFKA_URL
//     pointing at them, and $REGPORT, a free port for the schema registry,
//     for `[!real] exec kafka dev --memory --port $PORT --registry-port $REGPORT &dev&`
//     (without --registry-port, kafka dev takes 8081, which parallel scripts
//     and other programs share: TestScriptsGiveRegistryPort refuses that;
//     on real Kafka: the cluster's URL, and its first broker's port);
//   - $CLUSTER_ID, $FIRST_BROKER_ID, $BROKER_IDS and $DEFAULT_PARTITIONS:
//     the cluster's id, lowest node id, node ids as a regexp range and
//     num.partitions (kafka-dev, 0, 0-2 and 10 on kafka dev);
//   - $DEADPORT: a loopback port nothing listens on;
//   - an isolated HOME, XDG_CONFIG_HOME and XDG_STATE_HOME under $WORK;
//   - the commands below.
//
// Custom commands:
//
//	waitkafka [TIMEOUT]      wait (default 15s) until `kafka list` succeeds
//	exitcode N PROG ARGS...  run PROG, expect exit code N; stdout and stderr
//	                         can then be checked as after exec. For N > 0 it
//	                         also checks the error contract: stderr is exactly
//	                         one line, starting "Error: ", with no escape codes
//	sleep DURATION           let a background cluster make progress
//	expand SRC DST           copy SRC to DST with $VARS expanded (for config
//	                         files that name $PORT)
//	json PATH [OP VALUE]     on the last stdout (one JSON document): PATH
//	                         (.a.b, .[0].name, .a[2]; |length for arrays and
//	                         objects) exists, and compares: == and != against
//	                         a string's text or any other value's JSON;
//	                         >, >=, <, <= numerically
func TestMain(m *testing.M) {
	testscript.Main(realMain{m}, map[string]func(){"kafka": main})
}

// realMain stops a shared real cluster (kafkatest.Real) once the tests
// have run; TestRealAcceptance's clusters stop with their subtests.
type realMain struct{ m *testing.M }

func (r realMain) Run() int { return kafkatest.RunMain(r.m) }

func TestAcceptance(t *testing.T) {
	testscript.Run(t, scriptParams(setupScript, false))
}

// scriptParams are the scripts' parameters; real says whether they run
// against a real cluster (the [real] condition) rather than kafka dev.
func scriptParams(setup func(*testscript.Env) error, real bool) testscript.Params {
	return testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup:               setup,
		Condition: func(cond string) (bool, error) {
			if cond == "real" {
				return real, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"waitkafka": cmdWaitKafka,
			"exitcode":  cmdExitCode,
			"json":      cmdJSON,
			"sleep":     cmdSleep,
			"expand":    cmdExpand,
		},
	}
}

func setupScript(env *testscript.Env) error {
	port, err := freePorts(4)
	if err != nil {
		return err
	}
	var addrs []string
	for i := range 3 {
		addrs = append(addrs, "127.0.0.1:"+strconv.Itoa(port+i))
	}
	env.Setenv("CLUSTER_ID", "kafka-dev")
	env.Setenv("FIRST_BROKER_ID", "0")
	env.Setenv("BROKER_IDS", "0-2")
	env.Setenv("DEFAULT_PARTITIONS", "10") // kfake's num.partitions
	return setupEnv(env, port, strings.Join(addrs, ","))
}

// setupEnv sets what every script gets: $PORT (the first broker's port),
// KAFKA_URL, $DEADPORT and an isolated home.
func setupEnv(env *testscript.Env, port int, url string) error {
	// Both ports are free only for now: the dead one must not be one the
	// script's kafka dev will listen on (color.txtar once got $PORT).
	dead, err := freePorts(1)
	for err == nil && dead >= port && dead < port+4 {
		dead, err = freePorts(1)
	}
	if err != nil {
		return err
	}
	env.Setenv("PORT", strconv.Itoa(port))
	env.Setenv("REGPORT", strconv.Itoa(port+3))
	env.Setenv("DEADPORT", strconv.Itoa(dead))
	env.Setenv("KAFKA_URL", url)
	env.Setenv("HOME", env.WorkDir)
	env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/.config")
	env.Setenv("XDG_STATE_HOME", env.WorkDir+"/.state")
	return nil
}

// freePorts finds n consecutive free loopback ports and returns the first.
// They are taken below the kernel's ephemeral range (32768 and up on
// Linux), where the outgoing connections of the tests running beside the
// script, and the real brokers' ports, would otherwise take one between a
// kafka dev stop and its restart on the same ports.
func freePorts(n int) (int, error) {
	for range 200 {
		first := 20000 + rand.IntN(32768-20000-n)
		held := []net.Listener{}
		ok := true
		for i := 0; i < n && ok; i++ {
			li, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(first+i))
			if err != nil {
				ok = false
				break
			}
			held = append(held, li)
		}
		for _, h := range held {
			h.Close()
		}
		if ok {
			return first, nil
		}
	}
	return 0, errors.New("no run of free loopback ports found")
}

func cmdWaitKafka(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! waitkafka")
	}
	limit := 15 * time.Second
	if len(args) == 1 {
		d, err := time.ParseDuration(args[0])
		ts.Check(err)
		limit = d
	}
	deadline := time.Now().Add(limit)
	var last []byte
	for time.Now().Before(deadline) {
		c := exec.Command("kafka", "--timeout", "1s", "list")
		c.Env = append(os.Environ(), "KAFKA_URL="+ts.Getenv("KAFKA_URL"), "HOME="+ts.Getenv("HOME"),
			"XDG_CONFIG_HOME="+ts.Getenv("XDG_CONFIG_HOME"))
		out, err := c.CombinedOutput()
		if err == nil {
			return
		}
		last = out
		time.Sleep(100 * time.Millisecond)
	}
	ts.Fatalf("cluster at %s not ready after %s: %s", ts.Getenv("KAFKA_URL"), limit, last)
}

func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N PROG ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", strings.Join(args[1:], " "), got, want)
	}
	if want != 0 {
		stderr := ts.ReadFile("stderr")
		if !strings.HasPrefix(stderr, "Error: ") || strings.Count(stderr, "\n") != 1 ||
			!strings.HasSuffix(stderr, "\n") || strings.Contains(stderr, "\x1b") {
			ts.Fatalf("%s: stderr is not one plain \"Error: \" line: %q", strings.Join(args[1:], " "), stderr)
		}
	}
}

func cmdSleep(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sleep DURATION")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}

func cmdExpand(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: expand SRC DST")
	}
	dst := ts.MkAbs(args[1])
	ts.Check(os.MkdirAll(filepath.Dir(dst), 0o755))
	ts.Check(os.WriteFile(dst, []byte(os.Expand(ts.ReadFile(args[0]), ts.Getenv)), 0o644))
}

// TestScriptsGiveRegistryPort: a script's kafka dev left on its default
// registry port 8081 would collide with the scripts running beside it.
func TestScriptsGiveRegistryPort(t *testing.T) {
	files, err := filepath.Glob("testdata/script/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(strings.TrimLeft(line, "! "), "exec kafka dev") && !strings.Contains(line, "--registry-port") {
				t.Errorf("%s:%d: kafka dev without --registry-port $REGPORT: %s", f, i+1, line)
			}
		}
	}
}
