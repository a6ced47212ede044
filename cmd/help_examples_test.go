package cmd

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/iostreams"
)

// helpExamples returns every command line in the Example of every command.
func helpExamples() []string {
	ios, _, _, _ := iostreams.Test()
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, l := range strings.Split(c.Example, "\n") {
			if l = strings.TrimSpace(l); strings.HasPrefix(l, "kafka ") {
				out = append(out, l)
			}
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(NewRootCmd(NewFactory(ios, BuildInfo{}, func(string) string { return "" })))
	return out
}

// shellWords splits a command line as sh would for the forms the examples
// use (words and single-quoted strings), and drops what follows a pipe or
// a redirection, which is the shell's part.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted, quote := false, false, rune(0)
	for _, r := range line {
		switch {
		case quoted && r == quote:
			quoted = false
		case quoted:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quoted, quote, inWord = true, r, true
		case r == ' ':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case (r == '|' || r == '>' || r == '<') && !inWord:
			return words
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// readOnly are the commands whose examples change nothing on the cluster
// (config only when it is given no key=value).
var readOnly = map[string]bool{"list": true, "info": true, "brokers": true, "topic": true, "consumer-groups": true, "tail": true, "wait": true, "config": true}

// Every read-only example in --help runs as written on `kafka dev --demo`
// and succeeds: the commands that follow or watch are stopped after a while
// (Ctrl-C, exit 0), and a tail example must print records. `kafka dev`
// itself is the cluster.
//
// The examples that change the cluster run each on a cluster of its own,
// in TestHelpExamplesThatChangeTheCluster.
func TestHelpExamplesRunOnDemo(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs a demo cluster")
	}
	d := startDev(t, devOptions{Memory: true, Demo: true, DemoRate: 400, Brokers: 1})
	brokers := strings.Join(d.c.ListenAddrs(), ",")
	waitFor(t, 20*time.Second, func() bool {
		r := run(t, runOpts{}, "-b", brokers, "tail", "router", "-n", "100", "--no-follow")
		return len(lines(r.Stdout)) >= 100
	})
	for _, ex := range helpExamples() {
		args := shellWords(ex)[1:]
		if changesCluster(args) {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		r := run(t, runOpts{ctx: ctx}, append([]string{"-b", brokers}, args...)...)
		cancel()
		if r.Code != 0 {
			t.Errorf("%s: exit %d: %s", ex, r.Code, r.Stderr)
		}
		if args[0] == "tail" && r.Stdout == "" {
			t.Errorf("%s printed no records", ex)
		}
	}
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", within)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
