package cmd

import (
	"testing"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
)

// parseOnly runs one command's constructor with a runF that captures its
// options: flags are parsed and validated, nothing runs, and a Factory
// whose Config and Client fail the test proves no request could be made.
func parseOnly[T any](t *testing.T, newCmd func(*Factory, func(*T) error) *cobra.Command, args ...string) (*T, int) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	f := NewFactory(ios, BuildInfo{}, func(string) string { return "" })
	f.Client = func(...kgo.Opt) (*kafka.Client, error) {
		t.Errorf("%v built a client while validating flags", args)
		return nil, clierr.Usagef("no client in flag tests")
	}
	var got *T
	cmd := newCmd(f, func(o *T) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	if err := cmd.Execute(); err != nil {
		return nil, clierr.CodeOf(err)
	}
	return got, 0
}

func TestTailFlags(t *testing.T) {
	o, code := parseOnly(t, newTailCmd, "orders", "--from", "beginning", "-p", "0,2", "--count", "5", "--no-follow")
	if code != 0 || o.Count != 5 || !o.NoFollow || len(o.partitions) != 2 {
		t.Fatalf("code %d opts %+v", code, o)
	}
	for _, args := range [][]string{
		{"orders", "-n", "-1"},
		{"orders", "--count", "-1"},
		{"orders", "-n", "3", "--from", "beginning"},
		{"orders", "--json", "--format", "%v"},
		{"orders", "--from", "yesterday-ish"},
		{"orders", "--nope"},
	} {
		if _, code := parseOnly(t, newTailCmd, args...); code != clierr.CodeUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestWriteFlags(t *testing.T) {
	o, code := parseOnly(t, newWriteCmd, "orders", "hello", "-H", "a=b", "--partition", "1")
	if code != 0 || o.Message == nil || *o.Message != "hello" || o.Partition != 1 || len(o.headers) != 1 {
		t.Fatalf("code %d opts %+v", code, o)
	}
	for _, args := range [][]string{
		{"orders", "-H", "novalue"},
		{"orders", "-H", "=v"},
		{"orders", "--compression", "brotli"},
		{"orders", "--keep-timestamps"},
		{"orders", "--json", "not json"},
		{"orders", "--partition", "-2"},
	} {
		if _, code := parseOnly(t, newWriteCmd, args...); code != clierr.CodeUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestCreateFlags(t *testing.T) {
	o, code := parseOnly(t, newCreateCmd, "orders", "--partitions", "6", "--retention-time", "1d")
	if code != 0 || o.Partitions != 6 || o.Configs["retention.ms"] == nil || *o.Configs["retention.ms"] != "86400000" {
		t.Fatalf("code %d opts %+v", code, o)
	}
	for _, args := range [][]string{
		{"orders", "--partitions", "0"},
		{"orders", "--replication-factor", "-1"},
		{"orders", "--retention-time", "soon"},
		{"orders", "--retention-time", "1d", "--config", "retention.ms=5"},
	} {
		if _, code := parseOnly(t, newCreateCmd, args...); code != clierr.CodeUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestResetFlags(t *testing.T) {
	o, code := parseOnly(t, newGroupsResetCmd, "g", "--topic", "orders", "--to", "earliest", "-p", "0-2")
	if code != 0 || o.Topic != "orders" || len(o.parts) != 3 {
		t.Fatalf("code %d opts %+v", code, o)
	}
	for _, args := range [][]string{
		{"g", "--to", "earliest"},
		{"g", "--topic", "orders"},
		{"g", "--topic", "orders", "--to", "sideways"},
		{"g", "--topic", "orders", "--to", "earliest", "-p", "x"},
	} {
		if _, code := parseOnly(t, newGroupsResetCmd, args...); code != clierr.CodeUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
