package cmd

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// wantCleanError checks the error contract for a failed run: the exit
// code, exactly one line on stderr that starts with "Error:" and mentions
// contains, and no colour, stack trace or library log line.
func wantCleanError(t *testing.T, r result, code int, contains string) {
	t.Helper()
	wantCode(t, r, code)
	wantOneLineError(t, r, contains)
	if !strings.HasPrefix(r.Stderr, "Error: ") {
		t.Errorf("stderr does not start with \"Error: \": %q", r.Stderr)
	}
	for _, bad := range []string{"\x1b[", "goroutine ", "panic", ".go:", "[DEBUG]", "[INFO]", "[WARN]", "[ERROR]"} {
		if strings.Contains(r.Stderr, bad) {
			t.Errorf("stderr contains %q: %q", bad, r.Stderr)
		}
	}
}

// quietListener is a loopback listener that tells whether anything
// connected: commands that reject their input must not touch the network.
type quietListener struct{ l *net.TCPListener }

func newQuietListener(t *testing.T) *quietListener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return &quietListener{l.(*net.TCPListener)}
}

func (q *quietListener) Addr() string { return q.l.Addr().String() }

// wantNoConnection fails when a connection reached the listener. A
// connection made and closed is still queued for Accept.
func (q *quietListener) wantNoConnection(t *testing.T) {
	t.Helper()
	q.l.SetDeadline(time.Now().Add(100 * time.Millisecond))
	if c, err := q.l.Accept(); err == nil {
		c.Close()
		t.Errorf("the command connected to %s before rejecting its input", q.Addr())
	}
}

// oneTopicCluster starts a one-broker cluster holding a topic named after
// where the test expects the connection to come from.
func oneTopicCluster(t *testing.T, topic string) *kfake.Cluster {
	t.Helper()
	return kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
}

func listNames(t *testing.T, r result) []string {
	t.Helper()
	wantCode(t, r, 0)
	var got []struct{ Name string }
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil {
		t.Fatalf("list --json: %v\n%s", err, r.Stdout)
	}
	names := make([]string, len(got))
	for i, g := range got {
		names[i] = g.Name
	}
	return names
}

func writeConfigFile(t *testing.T, dir, yaml string) string {
	t.Helper()
	path := filepath.Join(dir, "kafka", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestConnectResolutionOrder(t *testing.T) {
	t.Parallel()
	flag := oneTopicCluster(t, "from-flag")
	named := oneTopicCluster(t, "from-named")
	envc := oneTopicCluster(t, "from-env")
	dflt := oneTopicCluster(t, "from-default")
	xdg := t.TempDir()
	writeConfigFile(t, xdg, fmt.Sprintf("default: dflt\nclusters:\n  dflt:\n    brokers: [%s]\n  named:\n    url: kafka://%s\n",
		dflt.ListenAddrs()[0], named.ListenAddrs()[0]))
	env := map[string]string{"XDG_CONFIG_HOME": xdg, "KAFKA_URL": kafkatest.Brokers(envc)}

	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-b", kafkatest.Brokers(flag), "-c", "named"}, env, "from-flag"},
		{[]string{"-c", "named"}, env, "from-named"},
		{nil, env, "from-env"},
		{nil, map[string]string{"XDG_CONFIG_HOME": xdg}, "from-default"},
	} {
		r := run(t, runOpts{env: tc.env}, append(tc.args, "list", "--json")...)
		if got := listNames(t, r); len(got) != 1 || got[0] != tc.want {
			t.Errorf("%v: listed %v, want [%s]", tc.args, got, tc.want)
		}
	}

	// Nothing set: localhost:9092. Whether something answers there is not
	// this test's business, only where it went.
	r := runBounded(t, runOpts{}, "--verbose", "--timeout", "1s", "list")
	if !strings.Contains(r.Stderr, "connecting to localhost:9092, from default localhost:9092") {
		t.Errorf("with nothing set, verbose log says:\n%s", r.Stderr)
	}
}

func TestConnectConfigFlag(t *testing.T) {
	t.Parallel()
	c := oneTopicCluster(t, "from-config-flag")
	path := writeConfigFile(t, t.TempDir(), fmt.Sprintf("default: x\nclusters:\n  x:\n    brokers: [%s]\n", c.ListenAddrs()[0]))
	if got := listNames(t, run(t, runOpts{}, "--config", path, "list", "--json")); len(got) != 1 || got[0] != "from-config-flag" {
		t.Errorf("--config: listed %v", got)
	}
	r := run(t, runOpts{}, "--config", path+".missing", "list")
	wantCleanError(t, r, 2, "no such file")
}

func TestConnectHerokuAttachment(t *testing.T) {
	t.Parallel()
	p := kafkatest.NewPKI(t)
	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "brown-1234.router", "other-tenant.orders"), kfake.TLS(p.ServerTLS(true)))
	q := newQuietListener(t)
	env := map[string]string{
		"KAFKA_URL":                          "kafka://" + q.Addr(), // -c beats KAFKA_URL
		"HEROKU_KAFKA_BROWN_URL":             urlList(c, "kafka+ssl://"),
		"HEROKU_KAFKA_BROWN_TRUSTED_CERT":    string(p.CAPEM),
		"HEROKU_KAFKA_BROWN_CLIENT_CERT":     string(p.ClientPEM),
		"HEROKU_KAFKA_BROWN_CLIENT_CERT_KEY": string(p.ClientKey),
		"HEROKU_KAFKA_BROWN_PREFIX":          "brown-1234.",
	}
	for _, name := range []string{"HEROKU_KAFKA_BROWN", "HEROKU_KAFKA_BROWN_URL"} {
		r := run(t, runOpts{env: env}, "-c", name, "--timeout", "5s", "list", "--json")
		if got := listNames(t, r); len(got) != 1 || got[0] != "router" {
			t.Errorf("-c %s: listed %v, want [router] (prefix stripped, other tenants hidden)", name, got)
		}
		r = run(t, runOpts{env: env}, "-c", name, "--timeout", "5s", "list")
		wantCode(t, r, 0)
		if !strings.Contains(r.Stdout, "prefix: brown-1234.") {
			t.Errorf("-c %s: text output does not state the prefix:\n%s", name, r.Stdout)
		}
	}
	q.wantNoConnection(t)

	r := run(t, runOpts{env: env}, "-c", "HEROKU_KAFKA_GREEN", "list")
	wantCleanError(t, r, 2, `unknown cluster "HEROKU_KAFKA_GREEN"`)
	if !strings.Contains(r.Stderr, "HEROKU_KAFKA_GREEN_URL is not set") {
		t.Errorf("unknown cluster message does not say what to set: %q", r.Stderr)
	}
	q.wantNoConnection(t)
}

func TestConnectBadInputExits2BeforeAnyRequest(t *testing.T) {
	t.Parallel()
	q := newQuietListener(t)
	ok := q.Addr()
	pki := kafkatest.NewPKI(t)
	const pw = "s3cr3t-Passw0rd"
	for _, tc := range []struct {
		args     []string
		env      map[string]string
		contains string
	}{
		{[]string{"-b", ok + ",kafka+ssl//x"}, nil, "expected host:port"},
		{[]string{"-b", "kafka+ssl//x"}, nil, "expected host:port"},
		{[]string{"-b", "kafka+ssl://host:notaport"}, nil, "invalid port"},
		{[]string{"-b", "http://" + ok}, nil, "unknown scheme"},
		{[]string{"-b", ""}, nil, "--brokers is empty"},
		{[]string{"-b", " "}, nil, "--brokers is empty"},
		{[]string{"-c", ""}, nil, "--cluster is empty"},
		{nil, map[string]string{"KAFKA_URL": "kafka+ssl//x"}, "KAFKA_URL"},
		{nil, map[string]string{"KAFKA_URL": "kafka+ssl://" + ok + ",kafka+ssl://host:notaport"}, "KAFKA_URL"},
		{[]string{"-b", "kafka+sasl_ssl://user:" + pw + "@host:notaport"}, nil, "invalid port"},
		{[]string{"-b", "kafka+sasl_ssl://user:" + pw + "@" + ok + "?mechanism=MD5"}, nil, "unknown SASL mechanism"},
		{[]string{"-b", "kafka://user:" + pw + "@" + ok}, nil, "no SASL"},
		{nil, map[string]string{"KAFKA_URL": "kafka+ssl://" + ok, "KAFKA_TRUSTED_CERT": "nope-" + pw}, "KAFKA_TRUSTED_CERT"},
		{nil, map[string]string{"KAFKA_URL": "kafka+ssl://" + ok, "KAFKA_CLIENT_CERT_KEY": "-----BEGIN PRIVATE KEY-----\n" + pw}, "KAFKA_CLIENT_CERT_KEY"},
		{[]string{"-c", "HEROKU_KAFKA_BROWN"}, map[string]string{"HEROKU_KAFKA_BROWN_URL": "kafka+ssl://" + ok, "HEROKU_KAFKA_BROWN_CLIENT_CERT": string(pki.ClientPEM)},
			"(HEROKU_KAFKA_BROWN_CLIENT_CERT and HEROKU_KAFKA_BROWN_CLIENT_CERT_KEY)"},
		{nil, map[string]string{"KAFKA_URL": "kafka+ssl://" + ok, "KAFKA_CLIENT_CERT": string(pki.ClientPEM), "KAFKA_CLIENT_CERT_KEY": string(pki.OtherCAPEM)}, "do not form a valid pair"},
		{nil, map[string]string{"KAFKA_URL": "kafka+ssl://" + ok, "KAFKA_TRUSTED_CERT": string(pki.ClientKey)}, "KAFKA_TRUSTED_CERT holds no usable CA"},
		{[]string{"-b", ok, "--color", "sometimes"}, nil, "--color"},
		{[]string{"-b", ok, "--timeout", "-1s"}, nil, "--timeout"},
	} {
		r := run(t, runOpts{env: tc.env}, append(tc.args, "list")...)
		wantCleanError(t, r, 2, tc.contains)
		if strings.Contains(r.Stderr, pw) {
			t.Errorf("%v %v: stderr shows the secret: %q", tc.args, tc.env, r.Stderr)
		}
	}
	q.wantNoConnection(t)
}

// Colour goes only to a terminal that has not opted out.
func TestConnectNoColorWhenAskedOrPiped(t *testing.T) {
	t.Parallel()
	c := oneTopicCluster(t, "colourful")
	dead := deadAddr(t)
	for _, tc := range []struct {
		name      string
		o         runOpts
		args      []string
		wantColor bool
	}{
		{"terminal", runOpts{tty: true}, nil, true},
		{"--color never", runOpts{tty: true}, []string{"--color", "never"}, false},
		{"NO_COLOR", runOpts{tty: true, env: map[string]string{"NO_COLOR": "1"}}, nil, false},
		{"piped", runOpts{}, nil, false},
	} {
		ok := run(t, tc.o, append(tc.args, "-b", kafkatest.Brokers(c), "list")...)
		wantCode(t, ok, 0)
		bad := run(t, tc.o, append(tc.args, "-b", dead, "--timeout", "1s", "list")...)
		wantCode(t, bad, 5)
		for _, out := range []string{ok.Stdout, bad.Stderr} {
			if got := strings.Contains(out, "\x1b["); got != tc.wantColor {
				t.Errorf("%s: colour %v, want %v in %q", tc.name, got, tc.wantColor, out)
			}
		}
	}
}
