package cmd

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// completeArgs runs cobra's hidden __complete through the real root, with a
// probe command whose first argument completes topic names.
func completeArgs(t *testing.T, env map[string]string, args ...string) (stdout, stderr string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	f := NewFactory(ios, BuildInfo{Version: "test"}, func(k string) string { return env[k] })
	root := NewRootCmd(f)
	root.AddCommand(&cobra.Command{Use: "probe TOPIC", ValidArgsFunction: completeTopicNames(f), RunE: func(*cobra.Command, []string) error { return nil }})
	root.SetArgs(append([]string{cobra.ShellCompRequestCmd}, args...))
	root.SetOut(out)
	root.SetErr(errOut)
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("__complete: %v", err)
	}
	f.close()
	// cobra always reports the directive on stderr (the scripts discard
	// it); anything else there would be ours.
	return out.String(), strings.Replace(errOut.String(), "Completion ended with directive: ShellCompDirectiveNoFileComp\n", "", 1)
}

func completionNames(out string) []string {
	var names []string
	for _, l := range strings.Split(out, "\n") {
		if l == "" || strings.HasPrefix(l, ":") || strings.HasPrefix(l, "Completion ended") {
			continue
		}
		names = append(names, l)
	}
	return names
}

func TestCompleteTopicNamesFromCluster(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "router", "orders", "other", "acme.router"))
	out, _ := completeArgs(t, nil, "-b", kafkatest.Brokers(c), "probe", "")
	if got := strings.Join(completionNames(out), ","); got != "acme.router,orders,other,router" {
		t.Errorf("completions = %q\n%s", got, out)
	}
	if !strings.Contains(out, ":4") { // ShellCompDirectiveNoFileComp
		t.Errorf("directive is not NoFileComp:\n%s", out)
	}
	out, _ = completeArgs(t, nil, "-b", kafkatest.Brokers(c), "probe", "o")
	if got := strings.Join(completionNames(out), ","); got != "orders,other" {
		t.Errorf("completions for o = %q", got)
	}
	// With KAFKA_PREFIX, names are offered as the user types them.
	out, _ = completeArgs(t, map[string]string{"KAFKA_URL": kafkatest.Brokers(c), "KAFKA_PREFIX": "acme."}, "probe", "")
	if got := strings.Join(completionNames(out), ","); got != "router" {
		t.Errorf("completions with prefix = %q", got)
	}
	// Only the first argument is a topic.
	out, _ = completeArgs(t, nil, "-b", kafkatest.Brokers(c), "probe", "router", "")
	if n := completionNames(out); len(n) != 0 {
		t.Errorf("second argument completed %v", n)
	}
}

func TestCompleteTopicNamesBlackHole(t *testing.T) {
	t.Parallel()
	// A loopback listener that accepts and never answers.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	type res struct{ out, errOut string }
	done := make(chan res, 1)
	go func() {
		out, errOut := completeArgs(t, nil, "-b", l.Addr().String(), "--timeout", "1m", "probe", "")
		done <- res{out, errOut}
	}()
	select {
	case r := <-done:
		if n := completionNames(r.out); len(n) != 0 {
			t.Errorf("black hole completed %v", n)
		}
		if !strings.Contains(r.out, ":4") {
			t.Errorf("directive is not NoFileComp:\n%s", r.out)
		}
		if r.errOut != "" {
			t.Errorf("completion printed to stderr: %q", r.errOut)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("completion against a black hole did not return within 5s")
	}
}

func TestCompleteTopicNamesBadConfigIsSilent(t *testing.T) {
	t.Parallel()
	out, errOut := completeArgs(t, nil, "-b", "kafka+ssl://host:notaport", "probe", "")
	if n := completionNames(out); len(n) != 0 || errOut != "" {
		t.Errorf("bad URL: completions %v, stderr %q", n, errOut)
	}
}

func TestCompletionCommand(t *testing.T) {
	t.Parallel()
	for shell, want := range map[string]string{
		"bash":       "__start_kafka",
		"zsh":        "#compdef kafka",
		"fish":       "complete -c kafka",
		"powershell": "Register-ArgumentCompleter",
	} {
		r := run(t, runOpts{}, "completion", shell)
		wantCode(t, r, 0)
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("completion %s lacks %q", shell, want)
		}
	}
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		r := run(t, runOpts{}, args...)
		wantCode(t, r, 2)
		wantOneLineError(t, r, "")
	}
	// The command is listed in help, unlike cobra's hidden default.
	r := run(t, runOpts{}, "--help")
	if !strings.Contains(r.Stdout, "completion") {
		t.Errorf("completion missing from help:\n%s", r.Stdout)
	}
}

// The real commands that take an existing topic are wired to completion.
func TestRealCommandsCompleteTopics(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "router", "orders"))
	for _, args := range [][]string{
		{"topic", "r"}, {"destroy", "r"}, {"config", "r"}, {"partitions", "r"},
		{"retention-time", "r"}, {"compaction", "r"}, {"write", "r"},
		{"consumer-groups", "reset", "g", "--topic", "r"}, {"wait", "--topic", "r"},
	} {
		out, _ := completeArgs(t, nil, append([]string{"-b", kafkatest.Brokers(c)}, args...)...)
		if got := strings.Join(completionNames(out), ","); got != "router" {
			t.Errorf("%v: completions = %q", args, got)
		}
	}
}

// Flags with a fixed set of values complete those values; flags that take
// no file never offer file names (cobra's default); --config still does.
func TestFlagValueCompletion(t *testing.T) {
	for _, c := range []struct {
		args      []string
		want      string
		directive string
	}{
		{[]string{"tail", "t", "--from", ""}, "beginning\nend\n", "ShellCompDirectiveNoFileComp"},
		{[]string{"info", "--color", ""}, "auto\nalways\nnever\n", "ShellCompDirectiveNoFileComp"},
		{[]string{"write", "t", "--compression", ""}, "none\ngzip\n", "ShellCompDirectiveNoFileComp"},
		{[]string{"write", "t", "--partitioner", ""}, "murmur2\ncrc32\n", "ShellCompDirectiveNoFileComp"},
		{[]string{"consumer-groups", "reset", "g", "--to", ""}, "earliest\nlatest\n", "ShellCompDirectiveNoFileComp"},
		{[]string{"tail", "t", "--max-length", ""}, "", "ShellCompDirectiveNoFileComp"},
		{[]string{"dev", "--data", ""}, "", "ShellCompDirectiveFilterDirs"},
		{[]string{"--config", ""}, "", "ShellCompDirectiveDefault"},
	} {
		r := run(t, runOpts{}, append([]string{"__complete"}, c.args...)...)
		if !strings.HasPrefix(r.Stdout, c.want) || !strings.Contains(r.Stderr, c.directive) {
			t.Errorf("%v: %q %q, want %q and %s", c.args, r.Stdout, r.Stderr, c.want, c.directive)
		}
	}
}
