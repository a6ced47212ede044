package cmd

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/units"
)

type groupsOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	Group string // empty lists all groups
	JSON  bool
	// Check, with one or more Groups, checks them rather than showing one.
	Check  bool
	Groups []string
	MaxLag int64 // -1: no threshold
	// MaxLagAge (--max-lag-seconds) fails a group whose oldest unread record is older
	// (0: no threshold).
	MaxLagAge time.Duration
	watchOptions
	// SampleInterval separates the two committed-offset samples of a
	// group's one-shot consume rate (hidden; tests shorten it).
	SampleInterval time.Duration
}

// groupView is a group as the list shows it.
type groupView struct {
	Group   string   `json:"group" doc:"group name, without KAFKA_PREFIX"`
	Type    string   `json:"type" doc:"classic, or consumer for KIP-848 groups"`
	State   string   `json:"state" doc:"Stable, Empty, PreparingRebalance, Assigning, Reconciling, ..."`
	Members int      `json:"members" doc:"number of consumers in the group"`
	Topics  []string `json:"topics" doc:"topics the group is assigned, subscribed or has committed to"`
	Lag     int64    `json:"lag" doc:"total messages not yet consumed, over its partitions with a commit"`
	// The same figures as with GROUP, measured for all groups at once.
	LagSeconds *float64      `json:"lag_seconds" doc:"age in seconds of the oldest record the group has not read; null when none lags or it could not be read"`
	Status     health.Status `json:"status" doc:"the worst partition status, as with GROUP: lost, stopped, stalled, lagging, catching_up, unknown or ok"`
}

func newGroupsCmd(f *Factory, runF func(*groupsOptions) error) *cobra.Command {
	opts := &groupsOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:     "consumer-groups [GROUP]",
		Aliases: []string{"groups"},
		Short:   "List consumer groups, or show one group's lag and catch-up time",
		Long: "With no argument, list consumer groups (classic and KIP-848) with their\n" +
			"state, members, topics, total lag, the age of the oldest record each has\n" +
			"not read, and each one's status (the rules below), all groups sampled\n" +
			"together over about a second.\n\n" +
			"With GROUP, show its state, coordinator, generation and members, each\n" +
			"partition's committed offset, end offset, lag and status, the age of the\n" +
			"oldest record the group has not read, and how fast it consumes compared\n" +
			"with how fast its partitions are written: the time to catch up is\n" +
			"lag / (consume rate - produce rate), or it is falling behind. A group that\n" +
			"does not exist exits 3.\n\n" +
			"Rates are offsets over this host's clock, never record timestamps (which\n" +
			"producers set): end offsets and commits are sampled at the start and the\n" +
			"end of a window, both rates over the same window. A one-shot run samples\n" +
			"for about a second, and on for up to 6 seconds while a member's commit has\n" +
			"not moved (consumers commit every 5 s by default). --watch keeps the last\n" +
			"10 refreshes as a sliding window, as Burrow does, so statuses sharpen over\n" +
			"time.\n\n" +
			"A group's partitions are every partition a member holds plus every\n" +
			"partition of every topic it committed on. One with no commit has an\n" +
			"unknown lag (\"no commit yet\", null in JSON), left out of the total.\n\n" +
			"Each partition gets a status, and the group its worst partition's (from\n" +
			"worst: lost, stopped, stalled, lagging, catching_up, unknown, ok). The\n" +
			"rules are tried in this order over the window; the first that holds wins:\n" +
			"  lost         the committed offset is below the log start: retention\n" +
			"               deleted records the group never read\n" +
			"  unknown      no commit yet (ranks just above ok)\n" +
			"  ok           lag 0, or at most one second of production\n" +
			"  stopped      lag > 0 and no member holds the partition\n" +
			"  stalled      lag > 0, a member holds it, and its commit did not move\n" +
			"               across the window\n" +
			"  ok           at some step the commit reached the end offset of the\n" +
			"               sample before: less than one sample behind (so a\n" +
			"               caught-up consumer does not flip between commits)\n" +
			"  catching_up  lag fell across the window\n" +
			"  lagging      lag grew or held above zero\n" +
			"A group is caught up when its status is ok. The oldest unread record's\n" +
			"age is its timestamp against this host's clock. The data-loss warning\n" +
			"estimates when retention.ms (against that age) or retention.bytes\n" +
			"(against the partition's size) first deletes a record the group has not\n" +
			"read, at the current rates; it shows when within a day. Advice lines\n" +
			"follow from the same figures, each only in the situation it names; a\n" +
			"member whose partitions are stalled while other members' move is named\n" +
			"(client id and host), and no more members are advised then.\n\n" +
			"With --check and one or more groups, print one line per group and exit 6\n" +
			"(a --check found a problem) when any is lost, stopped or stalled, or over\n" +
			"--max-lag messages or --max-lag-seconds of lag in time; else exit 0.\n\n" +
			"JSON output (--json), listing: " + output.JSONDoc([]groupView{}) + "\n\n" +
			"JSON output (--json), with GROUP: an object:\n" + output.JSONDoc(groupDetailView{}),
		Example: "  kafka consumer-groups\n" +
			"  kafka consumer-groups metrics --check --max-lag 1000000\n" +
			"  kafka consumer-groups metrics audit --check --max-lag-seconds 5m\n" +
			"  kafka consumer-groups metrics\n" +
			"  kafka consumer-groups metrics --watch --interval 5s\n" +
			"  kafka consumer-groups --json | jq '.[] | select(.lag > 1000) | .group'",
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, a := range args {
				if err := kafka.ValidateGroupName(a); err != nil {
					return clierr.Usagef("%s", err)
				}
			}
			if err := validateCheckFlags(cmd, opts, args); err != nil {
				return err
			}
			if len(args) == 1 {
				opts.Group = args[0]
			}
			if opts.Watch && opts.Group == "" {
				return clierr.Usagef("--watch needs a GROUP").WithHint("run 'kafka consumer-groups GROUP --watch'")
			}
			if err := opts.watchOptions.validate(); err != nil {
				return err
			}
			if err := validateSampleInterval(opts.SampleInterval); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			if opts.Check {
				return kafka.Access(runGroupsCheck(cmd.Context(), opts), "describe", kafka.KindGroup, "DESCRIBE", args...)
			}
			if opts.Group != "" {
				return kafka.Access(runGroupDescribe(cmd.Context(), opts), "describe", kafka.KindGroup, "DESCRIBE", opts.Group)
			}
			return runGroupsList(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&opts.Check, "check", false, "with GROUP...: print one line per group and exit 6 when any is lost, stopped or stalled, or over --max-lag or --max-lag-seconds")
	cmd.Flags().Int64Var(&opts.MaxLag, "max-lag", -1, "with --check: fail a group whose lag is over N messages")
	cmd.Flags().Var((*secondsFlag)(&opts.MaxLagAge), "max-lag-seconds", "with --check: fail a group whose oldest unread record is older than D seconds (or a duration such as 5m)")
	addWatchFlags(cmd, &opts.watchOptions, "with GROUP: ")
	addSampleIntervalFlag(cmd, &opts.SampleInterval)
	cmd.AddCommand(newGroupsResetCmd(f, nil), newGroupsDestroyCmd(f, nil))
	return cmd
}

func runGroupsList(ctx context.Context, opts *groupsOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	restricted := cl.RestrictedLater(ctx)
	gs, err := observeGroupsList(ctx, cl, opts.SampleInterval)
	if err != nil {
		return err
	}
	views := make([]groupView, 0, len(gs))
	failed := 0
	for _, g := range gs {
		if g.Err != nil {
			failed++
			fmt.Fprintf(opts.IO.ErrOut, "Error: could not describe group %q: %s\n", cl.Config.WithoutPrefix(g.Name), cl.Explain(g.Err))
			continue
		}
		topics := make([]string, 0, len(g.Topics))
		for _, t := range g.Topics {
			topics = append(topics, cl.Config.WithoutPrefix(t))
		}
		views = append(views, groupView{
			Group: cl.Config.WithoutPrefix(g.Name), Type: g.Type, State: g.State,
			Members: len(g.Members), Topics: topics, Lag: g.Lag, LagSeconds: g.LagSeconds, Status: g.Status,
		})
	}
	partial, err := cl.Listing(ctx, restricted(), kafka.KindGroup, len(gs))
	if err != nil {
		return err
	}
	if partial {
		fmt.Fprintln(opts.IO.ErrOut, kafka.PartialNote(kafka.KindGroup))
	}
	if err := printGroupsList(opts, cl, views); err != nil {
		return err
	}
	if failed > 0 {
		return clierr.Silent(clierr.CodeFailure)
	}
	return nil
}

func printGroupsList(opts *groupsOptions, cl *kafka.Client, views []groupView) error {
	if opts.JSON {
		return output.JSON(opts.IO.Out, views)
	}
	cs := opts.IO.ColorScheme()
	out := opts.IO.Out
	fmt.Fprintln(out, cs.Bold("=== Kafka Consumer Groups on "+cl.Config.Describe()))
	if len(views) == 0 {
		fmt.Fprintln(out, "No consumer groups found on this Kafka cluster.")
		return nil
	}
	rows := make([][]string, 0, len(views))
	for _, v := range views {
		rows = append(rows, []string{
			cs.Cyan(v.Group), v.Type, colorState(cs, v.State), units.FormatInt(int64(v.Members)),
			strings.Join(v.Topics, ","), units.FormatInt(v.Lag), ageWords(v.LagSeconds), colorStatus(cs, v.Status),
		})
	}
	return output.Table(out, cs, []string{"Group", "Type", "State", "Members", "Topics", "Lag", "Oldest Unread", "Status"}, rows)
}

func colorState(cs *iostreams.ColorScheme, state string) string {
	switch state {
	case "Stable":
		return cs.Green(state)
	case "Empty":
		return cs.Gray(state)
	case "Dead", "":
		return cs.Red(state)
	}
	return cs.Yellow(state)
}

// validateCheckFlags allows several groups only with --check, and its
// thresholds only with it.
func validateCheckFlags(cmd *cobra.Command, opts *groupsOptions, args []string) error {
	switch {
	case opts.Check && len(args) == 0:
		return clierr.Usagef("--check needs one or more groups").WithHint("run 'kafka consumer-groups GROUP... --check'")
	case opts.Check && opts.Watch:
		return clierr.Usagef("--check and --watch cannot be combined")
	case !opts.Check && len(args) > 1:
		return clierr.Usagef("several groups need --check").WithHint("run 'kafka consumer-groups %s --check', or name one group", strings.Join(args, " "))
	case !opts.Check && cmd.Flags().Changed("max-lag"):
		return clierr.Usagef("--max-lag needs --check")
	case !opts.Check && cmd.Flags().Changed("max-lag-seconds"):
		return clierr.Usagef("--max-lag-seconds needs --check")
	case cmd.Flags().Changed("max-lag-seconds") && opts.MaxLagAge <= 0:
		return clierr.Usagef("--max-lag-seconds must be positive, not %s", opts.MaxLagAge)
	case opts.MaxLag < -1:
		return clierr.Usagef("--max-lag must be 0 or more, not %d", opts.MaxLag)
	}
	opts.Groups = args
	return nil
}
