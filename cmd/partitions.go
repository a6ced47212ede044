package cmd

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/topics"
)

type partitionsOptions struct {
	topicTarget
	Count int
	Force bool
}

func newPartitionsCmd(f *Factory, runF func(*partitionsOptions) error) *cobra.Command {
	opts := &partitionsOptions{topicTarget: newTopicTarget(f)}
	cmd := &cobra.Command{
		Use:               "partitions NAME COUNT",
		ValidArgsFunction: completeTopicNames(f),
		Short:             "Raise a topic's partition count",
		Long: "Raise a topic's partition count to COUNT. Kafka cannot remove partitions,\n" +
			"so a COUNT at or below the current one is refused (exit 2) and nothing is\n" +
			"changed. Adding partitions changes which partition a key maps to, so\n" +
			"per-key ordering is only kept for records written after the change.\n" +
			"A COUNT over " + strconv.Itoa(kafka.PartitionCeiling) + " is refused unless --force is given: few topics\n" +
			"need that many, and a typo could exhaust the cluster.",
		Example: "  kafka partitions router 16",
		Args:    exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.setName(args[0]); err != nil {
				return err
			}
			n, err := strconv.Atoi(args[1])
			if err != nil || n <= 0 || n > math.MaxInt32 {
				return clierr.Usagef("partition count must be a whole number from 1 to %d, got %q", math.MaxInt32, args[1])
			}
			opts.Count = n
			if n > kafka.PartitionCeiling && !opts.Force {
				return clierr.Usagef("partition count %d is over the ceiling of %d partitions per topic; nothing was changed", n, kafka.PartitionCeiling).
					WithHint("add --force if you mean it")
			}
			if runF != nil {
				return runF(opts)
			}
			return runPartitions(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "allow more than "+strconv.Itoa(kafka.PartitionCeiling)+" partitions")
	return cmd
}

func runPartitions(ctx context.Context, opts *partitionsOptions) error {
	cl, ctx, cancel, err := opts.connect(ctx)
	if err != nil {
		return err
	}
	defer cancel()
	name := cl.Config.WithoutPrefix(opts.Name)
	td, err := topics.Lookup(ctx, cl.Admin, opts.Name)
	if errors.Is(err, topics.ErrNotFound) {
		return topicNotFound(ctx, cl, opts.Name)
	}
	if err != nil {
		return err
	}
	current := len(td.Partitions)
	if opts.Count == current {
		return clierr.Usagef("topic %q already has %d partitions; nothing was changed", name, current)
	}
	if opts.Count < current {
		return clierr.Usagef("topic %q has %d partitions; Kafka cannot remove partitions, so the count can only be raised (to %d or more); nothing was changed",
			name, current, current+1)
	}
	sp := opts.IO.StartSpinner("Adding partitions to " + name)
	r, err := topics.AddPartitions(ctx, cl.Admin, opts.Name, opts.Count)
	sp.Stop()
	if err != nil {
		return err
	}
	if r.Err != nil {
		if topics.Unknown(r.Err) {
			return topicNotFound(ctx, cl, opts.Name)
		}
		return failedTo(cl, r.Err, r.ErrMessage, "could not raise the partitions of topic "+name)
	}
	out := opts.IO.Out
	fmt.Fprintf(out, "Raising the partitions of topic %s from %d to %d... done\n", name, current, opts.Count)
	fmt.Fprintln(out, "Keys now map to partitions differently: per-key ordering holds only for records written from now on.")
	return nil
}
