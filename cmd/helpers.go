package cmd

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/suggest"
	"github.com/kafka-cli/kafka/internal/throughput"
	"github.com/kafka-cli/kafka/internal/topics"
)

// topicNotFound builds the exit-3 error for a missing topic, suggesting the
// nearest existing name. It costs one metadata request, only on failure.
func topicNotFound(ctx context.Context, cl *kafka.Client, name string) error {
	var names []string
	if all, err := topics.Names(ctx, cl.Admin); err == nil {
		names = all
	}
	return notFound(cl.Config, "topic", name, names, "run 'kafka list' to see topics")
}

// groupNotFound is topicNotFound for consumer groups (one ListGroups).
func groupNotFound(ctx context.Context, cl *kafka.Client, name string) error {
	var names []string
	if all, err := groups.Names(ctx, cl.Admin); err == nil {
		names = all
	}
	return notFound(cl.Config, "consumer group", name, names, "run 'kafka consumer-groups' to see groups")
}

// notFound suggests the nearest of the names in the user's own prefix, or
// else gives the hint.
func notFound(cfg *kafka.Config, kind, name string, existing []string, hint string) error {
	err := clierr.NotFoundf("%s %q not found", kind, cfg.WithoutPrefix(name))
	var mine []string
	for _, n := range existing {
		if cfg.HasPrefix(n) {
			mine = append(mine, cfg.WithoutPrefix(n))
		}
	}
	if s := suggest.Nearest(cfg.WithoutPrefix(name), mine); s != "" {
		err.Msg += fmt.Sprintf(" (did you mean %q?)", s)
		return err
	}
	return err.WithHint("%s", hint)
}

// confirmName implements the destroy confirmation contract shared by topic
// and group deletion: --confirm must equal the name; on a terminal without
// it the user types the name; piped without it, refuse (exit 2) so a script
// never deletes by accident.
func confirmName(ios *iostreams.IOStreams, kind, name, confirm string) error {
	if confirm != "" {
		if confirm != name {
			return clierr.Usagef("--confirm %q does not match %s %q; nothing was deleted", confirm, kind, name)
		}
		return nil
	}
	if !ios.IsStdinTTY() || !ios.IsStderrTTY() {
		return clierr.Usagef("refusing to delete %s %q without confirmation", kind, name).
			WithHint("pass --confirm %s", name)
	}
	cs := iostreams.NewColorScheme(ios.Interactive())
	fmt.Fprintf(ios.ErrOut, "%s This deletes %s %s and all its data.\nTo proceed, type %s: ", cs.Yellow("!"), kind, cs.Cyan(name), cs.Bold(name))
	typed, err := ios.ReadLine()
	if err != nil || strings.TrimSpace(typed) != name {
		return clierr.Usagef("confirmation did not match %q; nothing was deleted", name)
	}
	return nil
}

// existsThenConfirm returns the context bounding a deletion's requests.
// Without --confirm (a person at a terminal, as the command checked), it
// first runs exists, which returns the not-found error, within one
// --timeout, and then asks for the name; the budget of the requests that
// follow starts after the answer, since the prompt waits for a person.
func existsThenConfirm(parent context.Context, cl *kafka.Client, ios *iostreams.IOStreams, confirm, kind, name string, exists func(context.Context) error) (context.Context, context.CancelFunc, error) {
	if confirm == "" {
		ctx, cancel := context.WithTimeout(parent, cl.Timeout)
		err := exists(ctx)
		cancel()
		if err == nil {
			err = confirmName(ios, kind, name, "")
		}
		if err != nil {
			return nil, nil, err
		}
	}
	ctx, cancel := context.WithTimeout(parent, cl.Timeout)
	return ctx, cancel, nil
}

// watchOptions are the --watch and --interval flags.
type watchOptions struct {
	Watch    bool
	Interval time.Duration
	flags    *pflag.FlagSet // to tell an --interval given from the default
}

// addWatchFlags installs --watch/-w and --interval; what says what --watch
// refreshes, for its help line.
func addWatchFlags(cmd *cobra.Command, w *watchOptions, what string) {
	cmd.Flags().BoolVarP(&w.Watch, "watch", "w", false, what+"refresh every --interval until interrupted (piped: blocks after a '--- TIME' line; --json: a \"time\" key)")
	cmd.Flags().DurationVar(&w.Interval, "interval", 2*time.Second, "refresh interval for --watch")
	w.flags = cmd.Flags()
}

// validate rejects a non-positive --interval before any request.
func (w watchOptions) validate() error {
	if !w.Watch && w.flags != nil && w.flags.Changed("interval") {
		return clierr.Usagef("--interval needs --watch").WithHint("add --watch to refresh every %s", w.Interval)
	}
	if w.Watch && w.Interval <= 0 {
		return clierr.Usagef("--interval must be positive")
	}
	return nil
}

// defaultSampleInterval is --sample-interval's default. The package's
// tests shorten it (TestMain), so that the many commands they run do not
// each wait a second; tests of the rates' accuracy give the flag.
var defaultSampleInterval = throughput.DefaultConsumeInterval

// addSampleIntervalFlag installs the hidden --sample-interval, the gap
// between the two offset samples of a one-shot rate
// (tests shorten it).
func addSampleIntervalFlag(cmd *cobra.Command, d *time.Duration) {
	cmd.Flags().DurationVar(d, "sample-interval", defaultSampleInterval, "gap between the two offset samples of a one-shot rate")
	_ = cmd.Flags().MarkHidden("sample-interval")
}

func validateSampleInterval(d time.Duration) error {
	if d <= 0 {
		return clierr.Usagef("--sample-interval must be positive")
	}
	return nil
}

// runWatch renders once, or every interval until ctx ends under --watch.
// On a terminal each render replaces the last (a live view); piped, each
// render is appended, so with --json the output is one JSON document per
// interval. Ctrl-C ends the watch with exit 0.
func runWatch(ctx context.Context, ios *iostreams.IOStreams, w watchOptions, render func(ctx context.Context, out io.Writer) error) error {
	if !w.Watch {
		return render(ctx, ios.Out)
	}
	if w.Interval <= 0 {
		return clierr.Usagef("--interval must be positive")
	}
	live := ios.IsStdoutTTY()
	for {
		var buf strings.Builder
		if err := render(ctx, &buf); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		frame := watchFrame(buf.String(), live, ios.Height(), w.Interval, time.Now())
		if _, err := io.WriteString(ios.Out, frame); err != nil {
			return nil // closed pipe: the reader has gone, which is not a failure
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(w.Interval):
		}
	}
}
