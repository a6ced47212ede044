package cmd

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// result is what one run of the real root command produced.
type result struct {
	Stdout string
	Stderr string
	Code   int
}

// runOpts configures a command run in tests.
type runOpts struct {
	env   map[string]string
	stdin string
	tty   bool // pretend stdin, stdout and stderr are terminals
	ctx   context.Context
	// clientOpts are added to every client the command builds (through
	// the Factory's Client seam), e.g. hooks that count requests.
	clientOpts []kgo.Opt
}

// run executes the real root command with an isolated environment: only
// the variables in o.env exist, and the config dir is a temp dir.
func run(t *testing.T, o runOpts, args ...string) result {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(o.stdin)
	if o.tty {
		ios.SetStdinTTY(true)
		ios.SetStdoutTTY(true)
		ios.SetStderrTTY(true)
	}
	env := map[string]string{"XDG_CONFIG_HOME": t.TempDir()}
	for k, v := range o.env {
		env[k] = v
	}
	ctx := o.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	f := NewFactory(ios, BuildInfo{Version: "test"}, func(k string) string { return env[k] })
	if len(o.clientOpts) > 0 {
		client := f.Client
		f.Client = func(extra ...kgo.Opt) (*kafka.Client, error) {
			return client(append(slices.Clone(o.clientOpts), extra...)...)
		}
	}
	code := execute(ctx, f, args)
	return result{Stdout: out.String(), Stderr: errOut.String(), Code: code}
}

// runOn runs a command against a kfake cluster.
func runOn(t *testing.T, c *kfake.Cluster, args ...string) result {
	t.Helper()
	return run(t, runOpts{}, append([]string{"-b", kafkatest.Brokers(c)}, args...)...)
}

// wantCode fails the test when the exit code differs, showing the output.
func wantCode(t *testing.T, r result, code int) {
	t.Helper()
	if r.Code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.Code, code, r.Stdout, r.Stderr)
	}
}

// wantOneLineError checks the error contract: one line on stderr.
func wantOneLineError(t *testing.T, r result, contains string) {
	t.Helper()
	s := strings.TrimRight(r.Stderr, "\n")
	if strings.Contains(s, "\n") {
		t.Errorf("stderr has more than one line:\n%s", r.Stderr)
	}
	if !strings.Contains(s, contains) {
		t.Errorf("stderr %q does not contain %q", s, contains)
	}
}
