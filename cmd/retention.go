package cmd

import (
	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/topicconfig"
	"github.com/kafka-cli/kafka/internal/units"
)

func newRetentionTimeCmd(f *Factory, runF func(*cleanupOptions) error) *cobra.Command {
	opts := &cleanupOptions{topicTarget: newTopicTarget(f)}
	cmd := &cobra.Command{
		Use:               "retention-time NAME DURATION|disable",
		ValidArgsFunction: completeTopicNames(f),
		Short:             "Set or disable a topic's time retention",
		Long: "Set a topic's time retention (retention.ms), or disable it, with Heroku's\n" +
			"semantics. DURATION is a bare number of milliseconds, or a number with ms,\n" +
			"s, m, h, d or w, or their long names (36h, 10d, '2 weeks').\n\n" +
			"disable sets unlimited retention and turns compaction on, since a topic\n" +
			"with neither would grow forever. A duration keeps compaction as it was: a\n" +
			"compacted topic becomes cleanup.policy=compact,delete (Kafka's mixed\n" +
			"policy: compacted, and records older than the retention are deleted).",
		Example: "  kafka retention-time router 36h\n  kafka retention-time users disable",
		Args:    exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.setName(args[0]); err != nil {
				return err
			}
			opts.RetentionMs = -1
			if args[1] != "disable" {
				d, err := units.ParseDuration(args[1])
				if err != nil {
					return clierr.Usagef("invalid retention time: %s", err).
						WithHint("to turn time retention off, use 'disable'")
				}
				opts.RetentionMs = d.Milliseconds()
			}
			if runF != nil {
				return runF(opts)
			}
			plan := func(s topicconfig.State) topicconfig.Plan { return topicconfig.PlanRetention(s, opts.RetentionMs) }
			return runCleanupChange(cmd.Context(), opts, plan, sayRetention)
		},
	}
	return cmd
}

func sayRetention(before topicconfig.State, p topicconfig.Plan, name string) string {
	after := p.After
	if !p.Changed() {
		return "Retention of topic " + name + " is already " + units.FormatMillis(after.RetentionMs) + "; nothing was changed."
	}
	if after.RetentionMs < 0 {
		msg := "Disabling time-based retention"
		if after.Compaction() != before.Compaction() {
			msg += " and enabling compaction"
		}
		return msg + " for topic " + name + "... done"
	}
	msg := "Setting retention time to " + units.FormatMillis(after.RetentionMs) + " for topic " + name
	if after.Compaction() {
		msg += ", keeping compaction enabled (cleanup.policy=" + after.Policy + ")"
	}
	return msg + "... done"
}
