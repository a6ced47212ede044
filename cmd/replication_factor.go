package cmd

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/clusterops"
	"github.com/kafka-cli/kafka/internal/topics"
)

type replicationFactorOptions struct {
	topicTarget
	Factor  int
	Execute bool
	NoWait  bool
	// PollInterval separates progress checks while waiting (hidden; tests
	// shorten it).
	PollInterval time.Duration
}

func newReplicationFactorCmd(f *Factory, runF func(*replicationFactorOptions) error) *cobra.Command {
	opts := &replicationFactorOptions{topicTarget: newTopicTarget(f)}
	cmd := &cobra.Command{
		Use:               "replication-factor NAME N",
		ValidArgsFunction: completeTopicNames(f),
		Short:             "Raise or lower a topic's replication factor",
		Long: "Give every partition of a topic N replicas, by partition reassignment.\n\n" +
			"Existing replicas stay where they are; replicas added go to the brokers\n" +
			"(and racks) holding fewest of the topic's replicas, and replicas removed\n" +
			"come off the most loaded ones, never the preferred leader. The plan\n" +
			"(partition, old replicas, new replicas) is printed first and nothing\n" +
			"changes without --execute. With --execute it waits, showing progress,\n" +
			"until every broker shows every partition with its new replicas in sync,\n" +
			"for at most --timeout\n" +
			"(the reassignment carries on in the cluster after that); --no-wait returns\n" +
			"once the cluster has accepted it.\n\n" +
			"N must be from 1 to the number of brokers (exit 2). A topic with a\n" +
			"reassignment already in progress on its partitions is refused. When the\n" +
			"cluster accepts some partitions and refuses others it exits 1 and says\n" +
			"which were applied.",
		Example: "  kafka replication-factor orders 3\n  kafka replication-factor orders 3 --execute\n" +
			"  kafka replication-factor orders 2 --execute --no-wait",
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.setName(args[0]); err != nil {
				return err
			}
			n, err := strconv.Atoi(args[1])
			if err != nil || n < 1 || n > 32767 {
				return clierr.Usagef("replication factor must be a whole number of at least 1, got %q; nothing was changed", args[1])
			}
			opts.Factor = n
			if opts.NoWait && !opts.Execute {
				return clierr.Usagef("--no-wait needs --execute")
			}
			if opts.PollInterval <= 0 {
				return clierr.Usagef("--poll-interval must be positive")
			}
			if runF != nil {
				return runF(opts)
			}
			return runReplicationFactor(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Execute, "execute", false, "apply the plan")
	cmd.Flags().BoolVar(&opts.NoWait, "no-wait", false, "with --execute, return once the cluster accepts the reassignment")
	cmd.Flags().DurationVar(&opts.PollInterval, "poll-interval", 500*time.Millisecond, "gap between progress checks while waiting")
	_ = cmd.Flags().MarkHidden("poll-interval")
	return cmd
}

func runReplicationFactor(ctx context.Context, opts *replicationFactorOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	reqCtx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	name := cl.Config.WithoutPrefix(opts.Name)
	t, err := clusterops.DescribeTopic(reqCtx, cl.Admin, opts.Name)
	if errors.Is(err, topics.ErrNotFound) {
		return topicNotFound(reqCtx, cl, opts.Name)
	}
	if err != nil {
		return err
	}
	if opts.Factor > len(t.Nodes) {
		return clierr.Usagef("replication factor %d is more than the %s the cluster has; nothing was changed", opts.Factor, countNoun(len(t.Nodes), "broker"))
	}
	moves := clusterops.PlanReplicationFactor(t.Replicas, t.Nodes, opts.Factor)
	out := opts.IO.Out
	if len(moves) == 0 {
		fmt.Fprintf(out, "Every partition of %s already has %s; nothing to do.\n", name, countNoun(opts.Factor, "replica"))
		return nil
	}
	return reassignRun{IO: opts.IO, Client: cl, Full: opts.Name, Name: name, Moves: moves,
		Title:   fmt.Sprintf("Replication factor of %s: %s → %d", name, factorsOf(t.Replicas), opts.Factor),
		Execute: opts.Execute, NoWait: opts.NoWait, Poll: opts.PollInterval,
		Done: fmt.Sprintf("Done: every partition of %s has %s in sync.", name, countNoun(opts.Factor, "replica")),
	}.run(ctx, reqCtx, cancel)
}

// factorsOf words a topic's current replication factor, or factors when
// its partitions differ.
func factorsOf(replicas map[int32][]int32) string {
	seen := map[int]bool{}
	var fs []int
	for _, rs := range replicas {
		if !seen[len(rs)] {
			seen[len(rs)] = true
			fs = append(fs, len(rs))
		}
	}
	sort.Ints(fs)
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = strconv.Itoa(f)
	}
	return strings.Join(s, "/")
}
