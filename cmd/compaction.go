package cmd

import (
	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/topicconfig"
	"github.com/kafka-cli/kafka/internal/units"
)

func newCompactionCmd(f *Factory, runF func(*cleanupOptions) error) *cobra.Command {
	opts := &cleanupOptions{topicTarget: newTopicTarget(f)}
	cmd := &cobra.Command{
		Use:               "compaction NAME on|off",
		ValidArgsFunction: completeTopicNames(f),
		Short:             "Turn a topic's log compaction on or off",
		Long: "Turn log compaction on (on, yes, true, enable) or off (off, no, false,\n" +
			"disable), with Heroku's semantics on a cluster that supports mixed cleanup\n" +
			"policies. On keeps the time retention: a topic with a retention time\n" +
			"becomes cleanup.policy=compact,delete. Off sets cleanup.policy=delete; a\n" +
			"topic whose retention was unlimited gets the broker's default retention\n" +
			"back (Kafka's 7 days when the broker's default is unknown or unlimited),\n" +
			"so it does not grow without bound.",
		Example: "  kafka compaction users on\n  kafka compaction users off",
		Args:    exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.setName(args[0]); err != nil {
				return err
			}
			on, ok := parseCompactionValue(args[1])
			if !ok {
				return clierr.Usagef("unknown value %q: use on (yes, true, enable) or off (no, false, disable)", args[1])
			}
			opts.Compaction = on
			if runF != nil {
				return runF(opts)
			}
			plan := func(s topicconfig.State) topicconfig.Plan { return topicconfig.PlanCompaction(s, opts.Compaction) }
			return runCleanupChange(cmd.Context(), opts, plan, sayCompaction)
		},
	}
	return cmd
}

func sayCompaction(before topicconfig.State, p topicconfig.Plan, name string) string {
	after := p.After
	if !p.Changed() {
		return "Compaction is already " + enabledWord(after.Compaction()) + " for topic " + name + "; nothing was changed."
	}
	msg := "Disabling compaction"
	if after.Compaction() {
		msg = "Enabling compaction"
	}
	switch {
	case after.RetentionMs != before.RetentionMs:
		msg += " and setting retention time to " + units.FormatMillis(after.RetentionMs) + " for topic " + name
	case after.Compaction() && after.RetentionMs >= 0:
		msg += " for topic " + name + ", keeping its retention time of " + units.FormatMillis(after.RetentionMs) +
			" (cleanup.policy=" + after.Policy + ")"
	default:
		msg += " for topic " + name
	}
	return msg + "... done"
}
