package cmd

import (
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestCobraTexts produces, from cobra itself, each plain error whose text
// classify matches, and checks that the real root still turns it into a
// usage error (exit 2): an upgrade of cobra that changes a text fails here.
func TestCobraTexts(t *testing.T) {
	t.Parallel()
	root := &cobra.Command{Use: "kafka", SilenceErrors: true, SilenceUsage: true}
	root.AddCommand(&cobra.Command{Use: "tail", Run: func(*cobra.Command, []string) {}})
	root.SetArgs([]string{"tial"})
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	for _, tc := range []struct {
		prefix string
		err    error
		args   []string // the real root's command line that meets it
	}{
		{cobraUnknownCommand, root.Execute(), []string{"tial"}},
		{cobraTooFewArgs, cobra.MinimumNArgs(1)(root, nil), []string{"__complete"}},
	} {
		if tc.err == nil || !strings.HasPrefix(tc.err.Error(), tc.prefix) {
			t.Errorf("cobra's error %v does not start with %q", tc.err, tc.prefix)
		}
		r := run(t, runOpts{}, tc.args...)
		if r.Code != 2 || !strings.Contains(r.Stderr, strings.TrimSpace(tc.prefix)) {
			t.Errorf("kafka %s = exit %d, %q; want a usage error (2) saying %q", strings.Join(tc.args, " "), r.Code, r.Stderr, tc.prefix)
		}
	}
}
