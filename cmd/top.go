package cmd

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/monitor"
	"github.com/kafka-cli/kafka/internal/tui"
)

type topOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	JSON     bool
	Interval time.Duration
	// SampleInterval separates the first refresh's two committed-offset
	// samples (hidden; tests shorten it).
	SampleInterval time.Duration

	// Note and Actions come from kafka dev --demo.
	Note    string
	Actions []tui.Action
}

const topLong = `Show the cluster live, full screen, refreshed every --interval: topics by
messages/s written, with bytes/s; consumer groups by lag, with the age of the
oldest unread record (lag time), status and consume rate; and a sparkline of
the last minutes of each rate and lag. Figures and statuses are those of
kafka info and kafka consumer-groups GROUP (see their help); under top a
group's status is judged over its last samples, as under --watch. Until
those samples span 6 s, a held partition behind the end shows "sampling"
rather than stalled, lagging or catching_up: a consumer committing every 5 s
(the Java client's and franz-go's default) cannot be told from a stalled one
sooner.

Keys:
  tab, t, g   switch between topics and groups
  s           next sort order (topics: messages/s, bytes/s, name; groups:
              lag, lag time, status, consume rate, name)
  /           filter by name (Enter keeps it, Esc clears it)
  up, down    select a row (also k, j)
  enter       open the selected group's partitions; esc goes back
  q, Ctrl-C   quit (exit 0)

A broker that goes away leaves the last figures on screen with
"reconnecting" until it answers again. Each refresh is bounded by --timeout.

top needs a terminal: piped, or with --json, it refuses (exit 2); use
'kafka info --watch --json' or 'kafka consumer-groups GROUP --watch --json'.`

const defaultTopInterval = 2 * time.Second

func newTopCmd(f *Factory, runF func(*topOptions) error) *cobra.Command {
	opts := &topOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:     "top",
		Short:   "Watch topics and consumer groups live, full screen",
		Long:    topLong,
		Example: "  kafka top\n  kafka top --interval 5s",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := validateTop(opts); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runTop(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "refused: top is for a terminal; use --watch --json on info or consumer-groups GROUP")
	cmd.Flags().DurationVar(&opts.Interval, "interval", defaultTopInterval, "refresh interval")
	addSampleIntervalFlag(cmd, &opts.SampleInterval)
	return cmd
}

// validateTop refuses, before any request, what a full-screen view cannot
// do: JSON, and a stdin or stdout that is not a terminal.
func validateTop(o *topOptions) error {
	hint := "for scripts, use 'kafka info --watch --json' or 'kafka consumer-groups GROUP --watch --json'"
	switch {
	case o.JSON:
		return clierr.Usagef("kafka top has no --json: it is a full-screen view").WithHint("%s", hint)
	case !o.IO.IsStdoutTTY() || !o.IO.IsStdinTTY():
		return clierr.Usagef("kafka top needs a terminal").WithHint("%s", hint)
	case o.Interval <= 0:
		return clierr.Usagef("--interval must be positive")
	}
	return validateSampleInterval(o.SampleInterval)
}

func runTop(ctx context.Context, o *topOptions) error {
	cl, err := o.Client()
	if err != nil {
		return err
	}
	obs := &monitor.Observer{
		Client: cl.Client, Admin: cl.Admin, ConsumeInterval: o.SampleInterval,
		Keep: cl.Config.HasPrefix, Display: cl.Config.WithoutPrefix,
	}
	progOpts := []tea.ProgramOption{tea.WithInput(o.IO.In), tea.WithOutput(o.IO.Out)}
	if !o.IO.ColorEnabled() {
		progOpts = append(progOpts, tea.WithColorProfile(colorprofile.ASCII))
	}
	err = tui.Run(ctx, tui.Options{
		Fetch:    func(ctx context.Context) (monitor.Snapshot, error) { return obs.Observe(ctx, cl.Timeout) },
		Interval: o.Interval,
		Title:    cl.Config.Describe(),
		Note:     o.Note,
		Actions:  o.Actions,
		Fatal:    func(err error) bool { return clierr.CodeOf(cl.Explain(err)) == clierr.CodeAuth },
		Explain:  func(err error) string { return explainLine(cl.Explain(err)) },
	}, progOpts...)
	if err != nil && clierr.CodeOf(cl.Explain(err)) == clierr.CodeAuth {
		return cl.Explain(err)
	}
	if err != nil {
		return clierr.Failuref("kafka top: %s", err)
	}
	return nil
}

// explainLine is an explained error's message without its hint.
func explainLine(err error) string {
	var ce *clierr.Error
	if errors.As(err, &ce) && ce.Msg != "" {
		return ce.Msg
	}
	return err.Error()
}
