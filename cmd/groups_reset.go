package cmd

import (
	"context"
	"errors"
	"time"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/topics"
)

type groupsResetOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	Group      string
	Topic      string
	To         string
	Partitions string
	AllTopics  bool
	Execute    bool
	JSON       bool

	pos   groups.Position
	parts []int32 // nil means all
}

// resetView is one partition of a reset plan.
type resetView struct {
	Topic     string `json:"topic" doc:"topic name, without KAFKA_PREFIX"`
	Partition int32  `json:"partition" doc:"partition number"`
	Current   *int64 `json:"current" doc:"committed offset before the reset; null when none"`
	New       *int64 `json:"new" doc:"offset after the reset; null when the partition is skipped"`
	Clamped   string `json:"clamped" doc:"start or end when the target was outside the retained offsets, else empty"`
	Skipped   string `json:"skipped" doc:"why the partition is left alone, else empty"`
	Executed  bool   `json:"executed" doc:"whether the new offset was committed"`
}

func newGroupsResetCmd(f *Factory, runF func(*groupsResetOptions) error) *cobra.Command {
	opts := &groupsResetOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:   "reset GROUP (--topic TOPIC | --all-topics) --to POSITION",
		Short: "Move a consumer group's offsets on a topic",
		Long: "Move a consumer group's committed offsets on one topic, or with\n" +
			"--all-topics on every topic it has committed offsets for. Without\n" +
			"--execute it only prints the plan; with --execute it commits the new\n" +
			"offsets.\n\n" +
			"POSITION is one of:\n" +
			"  earliest      the first retained offset\n" +
			"  latest        the end: skip everything not yet consumed\n" +
			"  OFFSET        an absolute offset, such as 1000\n" +
			"  @TIME         the first record at or after a time: @2026-11-22T10:00:00Z, @2026-11-22\n" +
			"  @-DURATION    the same, relative to now: @-15m, @-2h, @-1d\n" +
			"  shift:±N      move the committed offset by N: shift:-100, shift:+50\n" +
			"Offsets outside the retained range are clamped to it, and the plan says so.\n\n" +
			"The group must have no active members: stop its consumers first, since\n" +
			"they would overwrite the new offsets with their own commits. The group\n" +
			"must exist (have committed offsets or members); a misspelt name exits 3\n" +
			"rather than creating offsets for a new group.\n\n" +
			"JSON output (--json): " + output.JSONDoc([]resetView{}),
		Example: "  kafka consumer-groups reset metrics --topic router --to earliest\n" +
			"  kafka consumer-groups reset metrics --topic router --to @-1h --execute\n" +
			"  kafka consumer-groups reset metrics --topic router --to shift:-100 --partition 0,2 --execute\n" +
			"  kafka consumer-groups reset metrics --all-topics --to latest",
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Group = args[0]
			if err := validateReset(opts, time.Now()); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			err := kafka.Access(runGroupsReset(cmd.Context(), opts), "reset the offsets of", kafka.KindGroup, "READ and DESCRIBE", opts.Group)
			if opts.Topic != "" {
				err = kafka.Access(err, "read", kafka.KindTopic, "DESCRIBE and READ", opts.Topic)
			}
			return err
		},
	}
	cmd.Flags().StringVarP(&opts.Topic, "topic", "t", "", "topic whose offsets to move (required)")
	_ = cmd.RegisterFlagCompletionFunc("topic", completeTopicFlag(f))
	cmd.Flags().StringVar(&opts.To, "to", "", "target position: earliest, latest, OFFSET, @TIME, @-DURATION or shift:±N (required)")
	cmd.Flags().StringVarP(&opts.Partitions, "partition", "p", "", "partitions to move, such as 0,2,5-7 (default all)")
	cmd.Flags().BoolVar(&opts.AllTopics, "all-topics", false, "move the offsets of every topic the group has committed offsets for")
	cmd.Flags().BoolVar(&opts.Execute, "execute", false, "commit the new offsets; without it nothing is changed")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the plan as JSON")
	return cmd
}

func validateReset(opts *groupsResetOptions, now time.Time) error {
	if err := kafka.ValidateGroupName(opts.Group); err != nil {
		return clierr.Usagef("%s", err)
	}
	switch {
	case opts.AllTopics && opts.Topic != "":
		return clierr.Usagef("--topic and --all-topics cannot be used together")
	case opts.AllTopics && opts.Partitions != "":
		return clierr.Usagef("--partition needs --topic: topics have different partitions")
	case opts.Topic == "" && !opts.AllTopics:
		return clierr.Usagef("--topic or --all-topics is required").WithHint("usage: kafka consumer-groups reset GROUP --topic TOPIC --to POSITION")
	}
	// The prefix is not known until the connection is resolved, so the
	// name's characters are checked here and its full length later.
	if err := (&kafka.Config{}).ValidateTopicName(opts.Topic); err != nil && !opts.AllTopics {
		return clierr.Usagef("%s", err)
	}
	if opts.To == "" {
		return clierr.Usagef("--to is required: earliest, latest, OFFSET, @TIME, @-DURATION or shift:±N")
	}
	pos, err := groups.ParsePosition(opts.To, now)
	if err != nil {
		return clierr.Usagef("--to: %s", err)
	}
	opts.pos = pos
	if opts.Partitions != "" {
		if opts.parts, err = kafka.ParsePartitions(opts.Partitions); err != nil {
			return clierr.Usagef("--partition: %s", err)
		}
	}
	return nil
}

func runGroupsReset(ctx context.Context, opts *groupsResetOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	if err := cl.Config.ValidateTopicName(opts.Topic); err != nil && !opts.AllTopics {
		return clierr.Usagef("%s", err)
	}
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	group := cl.Config.WithPrefix(opts.Group)

	g, err := groups.Describe(ctx, cl.Client, cl.Admin, group)
	if errors.Is(err, groups.ErrNotFound) {
		return groupNotFound(ctx, cl, group)
	}
	if err != nil {
		return err
	}
	if g.Active() {
		return activeGroupError(opts.Group, len(g.Members), "resetting its offsets")
	}
	topicNames := []string{cl.Config.WithPrefix(opts.Topic)}
	if opts.AllTopics {
		// The group has no members, so its topics are those it committed
		// offsets for.
		topicNames = g.Topics
	}
	var plans []topicPlan
	for _, topic := range topicNames {
		parts, err := resetPartitions(ctx, cl, topic, opts.parts)
		if err != nil {
			return err
		}
		in, err := groups.ReadForPlan(ctx, cl.Admin, group, topic, parts, opts.pos)
		if err != nil {
			return err
		}
		plans = append(plans, topicPlan{topic: topic, moves: groups.Plan(in, opts.pos), executed: map[int32]error{}})
	}
	if opts.Execute {
		for _, p := range plans {
			resps, err := groups.Apply(ctx, cl.Admin, group, p.moves)
			if err != nil {
				return commitError(opts.Group, err)
			}
			resps.Each(func(r kadm.OffsetResponse) { p.executed[r.Partition] = r.Err })
		}
	}
	return printResetPlan(opts, cl.Config, plans)
}

// topicPlan is the reset of one topic: the moves and, under --execute, the
// commit result of each partition.
type topicPlan struct {
	topic    string
	moves    []groups.Move
	executed map[int32]error
}

// resetPartitions checks the topic exists and returns the partitions to
// reset: those asked for, which must exist, or all.
func resetPartitions(ctx context.Context, cl *kafka.Client, topic string, want []int32) ([]int32, error) {
	td, err := topics.Lookup(ctx, cl.Admin, topic)
	if errors.Is(err, topics.ErrNotFound) {
		return nil, topicNotFound(ctx, cl, topic)
	}
	if err != nil {
		return nil, err
	}
	all := make([]int32, 0, len(td.Partitions))
	for _, p := range td.Partitions.Sorted() {
		all = append(all, p.Partition)
	}
	if want == nil {
		return all, nil
	}
	for _, p := range want {
		if _, ok := td.Partitions[p]; !ok {
			return nil, kafka.MissingPartition(cl.Config.WithoutPrefix(topic), p, len(all))
		}
	}
	return want, nil
}

// activeGroupError refuses to change a group that has consumers: they
// would overwrite reset offsets with their own commits, and Kafka refuses
// to delete a non-empty group.
func activeGroupError(group string, members int, doing string) error {
	return clierr.Failuref("consumer group %q has %s; stop its consumers before %s", group, countNoun(members, "active member"), doing).
		WithHint("run 'kafka consumer-groups %s' to see them", group)
}

// commitError explains a failed commit: the errors Kafka returns to a
// commit without a generation mean consumers joined since the check.
func commitError(group string, err error) error {
	if groups.CommitRefused(err) {
		return clierr.Failuref("consumer group %q has active members; stop its consumers before resetting its offsets", group).Wrap(err)
	}
	return err
}
