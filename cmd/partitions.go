package cmd

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/clusterops"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/topics"
)

type partitionsOptions struct {
	topicTarget
	Count int
	Force bool

	// Moves is --move, parsed: the replicas wanted per partition.
	Moves        map[int32][]int32
	ElectLeaders bool
	Execute      bool
	NoWait       bool
	// PollInterval separates progress checks while waiting (hidden; tests
	// shorten it).
	PollInterval time.Duration
}

func newPartitionsCmd(f *Factory, runF func(*partitionsOptions) error) *cobra.Command {
	opts := &partitionsOptions{topicTarget: newTopicTarget(f)}
	var moves []string
	cmd := &cobra.Command{
		Use:               "partitions NAME [COUNT]",
		ValidArgsFunction: completeTopicNames(f),
		Short:             "Raise a topic's partition count, move its partitions or elect their leaders",
		Long: "With COUNT, raise a topic's partition count to COUNT. Kafka cannot remove\n" +
			"partitions, so a COUNT at or below the current one is refused (exit 2) and\n" +
			"nothing is changed. Adding partitions changes which partition a key maps\n" +
			"to, so per-key ordering is only kept for records written after the change.\n" +
			"A COUNT over " + strconv.Itoa(kafka.PartitionCeiling) + " is refused unless --force is given: few topics\n" +
			"need that many, and a typo could exhaust the cluster.\n\n" +
			"With --move PARTITION=BROKERS (repeatable, such as --move 0=1,2,3), give\n" +
			"partitions those replicas by partition reassignment; the first broker\n" +
			"becomes the preferred leader. With --elect-leaders, move each partition's\n" +
			"leadership back to its preferred replica (a preferred leader election).\n" +
			"Both print the plan first (partition, old and new replicas or leader) and\n" +
			"change nothing without --execute. With --execute they wait, showing\n" +
			"progress, until every broker shows the partitions with their new replicas\n" +
			"in sync or their preferred leader, for at most --timeout (brokers learn\n" +
			"of the change a moment apart); --no-wait returns once the\n" +
			"cluster has accepted the request. A move onto partitions that another\n" +
			"reassignment is moving is refused. A partition or broker that does not\n" +
			"exist exits 2; when the cluster accepts some partitions and refuses\n" +
			"others it exits 1 and says which were applied.",
		Example: "  kafka partitions router 16\n" +
			"  kafka partitions router --move 0=2,0,1 --move 1=0,1,2\n" +
			"  kafka partitions router --move 0=2,0,1 --execute\n" +
			"  kafka partitions router --elect-leaders --execute",
		Args: rangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.setName(args[0]); err != nil {
				return err
			}
			if err := opts.parseMode(args, moves); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			switch {
			case opts.Moves != nil:
				return runPartitionsMove(cmd.Context(), opts)
			case opts.ElectLeaders:
				return runPartitionsElect(cmd.Context(), opts)
			}
			return runPartitions(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "allow more than "+strconv.Itoa(kafka.PartitionCeiling)+" partitions")
	cmd.Flags().StringArrayVar(&moves, "move", nil, "PARTITION=BROKER,BROKER,...: give the partition these replicas, the first its preferred leader (repeatable)")
	cmd.Flags().BoolVar(&opts.ElectLeaders, "elect-leaders", false, "move leadership back to each partition's preferred replica")
	cmd.Flags().BoolVar(&opts.Execute, "execute", false, "with --move or --elect-leaders, apply the plan")
	cmd.Flags().BoolVar(&opts.NoWait, "no-wait", false, "with --execute, return once the cluster accepts the request")
	cmd.Flags().DurationVar(&opts.PollInterval, "poll-interval", 500*time.Millisecond, "gap between progress checks while waiting")
	_ = cmd.Flags().MarkHidden("poll-interval")
	return cmd
}

// parseMode checks which of COUNT, --move and --elect-leaders was given,
// and their values, before any request.
func (o *partitionsOptions) parseMode(args, moves []string) error {
	if o.PollInterval <= 0 {
		return clierr.Usagef("--poll-interval must be positive")
	}
	if len(moves) > 0 || o.ElectLeaders {
		switch {
		case len(moves) > 0 && o.ElectLeaders:
			return clierr.Usagef("--move and --elect-leaders cannot be combined; run one, then the other")
		case len(args) == 2:
			return clierr.Usagef("COUNT cannot be given with --move or --elect-leaders; nothing was changed")
		case o.Force:
			return clierr.Usagef("--force goes with COUNT, not with --move or --elect-leaders")
		case o.NoWait && !o.Execute:
			return clierr.Usagef("--no-wait needs --execute")
		}
		if len(moves) > 0 {
			m, err := clusterops.ParseMoves(moves)
			if err != nil {
				return clierr.Usagef("%s; nothing was changed", err)
			}
			o.Moves = m
		}
		return nil
	}
	if len(args) < 2 {
		return clierr.Usagef("kafka partitions needs COUNT, --move or --elect-leaders").WithHint("usage: kafka partitions NAME COUNT")
	}
	if o.Execute || o.NoWait {
		return clierr.Usagef("--execute and --no-wait go with --move or --elect-leaders; a COUNT is applied at once")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n <= 0 || n > math.MaxInt32 {
		return clierr.Usagef("partition count must be a whole number from 1 to %d, got %q", math.MaxInt32, args[1])
	}
	o.Count = n
	if n > kafka.PartitionCeiling && !o.Force {
		return clierr.Usagef("partition count %d is over the ceiling of %d partitions per topic; nothing was changed", n, kafka.PartitionCeiling).
			WithHint("add --force if you mean it")
	}
	return nil
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
