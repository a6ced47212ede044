package cmd

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/clusterops"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/topics"
)

// partitions --move and --elect-leaders: plan, then with --execute apply
// and wait.

func runPartitionsMove(ctx context.Context, opts *partitionsOptions) error {
	cl, t, name, reqCtx, cancel, err := describeForPartitions(ctx, opts)
	if err != nil {
		return err
	}
	defer cancel()
	moves, err := clusterops.PlanMoves(t, opts.Moves)
	if err != nil {
		return clierr.Usagef("%s: %s; nothing was changed", name, err).WithHint("run 'kafka topic %s' to see its partitions and replicas", name)
	}
	out := opts.IO.Out
	if len(moves) == 0 {
		fmt.Fprintf(out, "Those partitions of %s already have those replicas; nothing to do.\n", name)
		return nil
	}
	return reassignRun{IO: opts.IO, Client: cl, Full: opts.Name, Name: name, Moves: moves, Title: "Moving partitions of " + name,
		Execute: opts.Execute, NoWait: opts.NoWait, Poll: opts.PollInterval,
		Done: fmt.Sprintf("Done: the moved partitions of %s have their new replicas in sync.", name),
	}.run(ctx, reqCtx, cancel)
}

func runPartitionsElect(ctx context.Context, opts *partitionsOptions) error {
	cl, t, name, reqCtx, cancel, err := describeForPartitions(ctx, opts)
	if err != nil {
		return err
	}
	defer cancel()
	es := clusterops.PlanElection(t)
	out := opts.IO.Out
	if len(es) == 0 {
		fmt.Fprintf(out, "Every partition of %s is led by its preferred replica; nothing to do.\n", name)
		return nil
	}
	cs := opts.IO.ColorScheme()
	output.Section(out, cs, "Preferred leader election for "+name, nil)
	rows := make([][]string, 0, len(es))
	for _, e := range es {
		rows = append(rows, []string{strconv.Itoa(int(e.Partition)), leaderWord(e.Leader), cs.Cyan(strconv.Itoa(int(e.Preferred)))})
	}
	if err := output.Table(out, cs, []string{"Partition", "Leader", "Preferred leader"}, rows); err != nil {
		return err
	}
	if !opts.Execute {
		fmt.Fprintln(out, "Nothing was changed. Run again with --execute to elect the preferred leaders.")
		return nil
	}
	doing := "electing the leaders of " + name
	res, err := clusterops.ElectPreferred(reqCtx, cl.Admin, opts.Name, es)
	if err != nil {
		return refused(cl, err, doing)
	}
	if len(res.Failed) > 0 {
		return reassignFailed(cl, doing, res)
	}
	if opts.NoWait {
		fmt.Fprintf(out, "Leader election requested for %s.\n", countNoun(len(es), "partition"))
		return nil
	}
	cancel()
	pending := func(ctx context.Context) ([]int32, error) {
		return clusterops.LeadersPending(ctx, cl.Admin, opts.Name, es)
	}
	everywhere := func(ctx context.Context) error {
		return clusterops.ElectedEverywhere(ctx, cl.Admin, cl.Client, opts.Name, es)
	}
	return waitPartitions(ctx, opts.IO, opts.PollInterval, cl, "Electing leaders of "+name, "the leader election of "+name, len(es), pending, everywhere,
		fmt.Sprintf("Done: the partitions of %s are led by their preferred replicas.", name))
}

// describeForPartitions connects and reads the topic's placement; a
// missing topic is exit 3. The context bounds the requests before a wait.
func describeForPartitions(ctx context.Context, opts *partitionsOptions) (*kafka.Client, clusterops.Topic, string, context.Context, context.CancelFunc, error) {
	cl, reqCtx, cancel, err := opts.connect(ctx)
	if err != nil {
		return nil, clusterops.Topic{}, "", nil, nil, err
	}
	name := cl.Config.WithoutPrefix(opts.Name)
	t, err := clusterops.DescribeTopic(reqCtx, cl.Admin, opts.Name)
	if errors.Is(err, topics.ErrNotFound) {
		err = topicNotFound(reqCtx, cl, opts.Name)
	}
	if err != nil {
		cancel()
		return nil, clusterops.Topic{}, "", nil, nil, err
	}
	return cl, t, name, reqCtx, cancel, nil
}

func leaderWord(id *int32) string {
	if id == nil {
		return "none"
	}
	return strconv.Itoa(int(*id))
}
