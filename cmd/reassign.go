package cmd

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/clusterops"
	"github.com/kafka-cli/kafka/internal/kafka"
)

// Helpers shared by the commands that reassign partitions
// (replication-factor, partitions --move).

// refuseBusy refuses a plan touching partitions that a reassignment is
// already moving: a second one would replace the first's target.
func refuseBusy(ctx context.Context, cl *kafka.Client, full, name string, moves []clusterops.Move) error {
	busy, err := clusterops.InProgress(ctx, cl.Admin, full)
	if err != nil {
		return err
	}
	planned := map[int32]bool{}
	for _, m := range moves {
		planned[m.Partition] = true
	}
	var clash []int32
	for _, r := range busy {
		if r.Topic == full && planned[r.Partition] {
			clash = append(clash, r.Partition)
		}
	}
	if len(clash) == 0 {
		return nil
	}
	return clierr.Failuref("a reassignment is already in progress on %s partitions %s; nothing was changed", name, joinIDs(clash)).
		WithHint("wait for it to finish, then run this again")
}

// reassignFailed words a request that the cluster refused for some or all
// partitions: exit 1 listing both, or the refusal's own code (such as 4 for
// an authorization failure) when nothing was applied.
func reassignFailed(cl *kafka.Client, name string, res clusterops.Outcome) error {
	parts := make([]int32, 0, len(res.Failed))
	for p := range res.Failed {
		parts = append(parts, p)
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i] < parts[j] })
	var why []string
	for _, p := range parts {
		why = append(why, fmt.Sprintf("%d (%s)", p, cl.Explain(res.Failed[p]).Error()))
	}
	if len(res.Applied) == 0 {
		e := failedTo(cl, res.Failed[parts[0]], "", "reassigning "+name)
		var ce *clierr.Error
		if errors.As(e, &ce) && ce.Code != clierr.CodeFailure {
			return e
		}
		return clierr.Failuref("reassigning %s failed; nothing was applied; refused: partitions %s", name, strings.Join(why, ", "))
	}
	return clierr.Failuref("reassigning %s partly applied: applied to partitions %s; not applied to partitions %s",
		name, joinIDs(res.Applied), strings.Join(why, ", ")).WithHint("run the command again to plan the rest")
}

// waitReassigned polls until every moved partition has its new replicas in
// sync, printing progress on stderr, for at most --timeout.
func waitReassigned(ctx context.Context, opts *replicationFactorOptions, cl *kafka.Client, name string, moves []clusterops.Move) error {
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	tick := time.NewTicker(opts.PollInterval)
	defer tick.Stop()
	last := -1
	for {
		pending, err := clusterops.Pending(ctx, cl.Admin, opts.Name, moves)
		if err == nil {
			done := len(moves) - len(pending)
			if done != last {
				fmt.Fprintf(opts.IO.ErrOut, "Reassigning %s: %d of %d partitions done\n", name, done, len(moves))
				last = done
			}
			if len(pending) == 0 {
				fmt.Fprintf(opts.IO.Out, "Done: every partition of %s has %s in sync.\n", name, countNoun(opts.Factor, "replica"))
				return nil
			}
		} else if ctx.Err() == nil {
			return err
		}
		select {
		case <-ctx.Done():
			return clierr.Unreachablef("the reassignment of %s was not done within %s: %d of %d partitions done", name, cl.Timeout, max(last, 0), len(moves)).
				WithHint("it continues in the cluster; run this command again to see what is left, or raise --timeout")
		case <-tick.C:
		}
	}
}

func joinIDs(ids []int32) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.Itoa(int(id))
	}
	return strings.Join(s, ",")
}
