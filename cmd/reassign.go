package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/clusterops"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/topics"
)

// Helpers shared by the commands that reassign partitions
// (replication-factor, partitions --move).

// reassignRun is a reassignment plan to show and, with Execute, apply.
type reassignRun struct {
	IO              *iostreams.IOStreams
	Client          *kafka.Client
	Full, Name      string // the topic with and without KAFKA_PREFIX
	Title, Done     string // the plan's heading; the line once done
	Moves           []clusterops.Move
	Execute, NoWait bool
	Poll            time.Duration
}

// run refuses a plan that clashes with a reassignment in progress, prints
// it, and with Execute applies it and waits (unless NoWait). reqCtx bounds
// the requests before the wait, which has its own bound; cancel ends it.
func (r reassignRun) run(ctx, reqCtx context.Context, cancel context.CancelFunc) error {
	cl, out := r.Client, r.IO.Out
	if err := refuseBusy(reqCtx, cl, r.Full, r.Name, r.Moves); err != nil {
		return err
	}
	cs := r.IO.ColorScheme()
	output.Section(out, cs, r.Title, nil)
	if err := movePlanTable(out, cs, r.Moves); err != nil {
		return err
	}
	if !r.Execute {
		fmt.Fprintln(out, "Nothing was changed. Run again with --execute to apply this plan.")
		return nil
	}
	res, err := clusterops.Reassign(reqCtx, cl.Admin, r.Full, r.Moves)
	if err != nil {
		return refused(cl, err, "reassigning "+r.Name)
	}
	if len(res.Failed) > 0 {
		return reassignFailed(cl, "reassigning "+r.Name, res)
	}
	if r.NoWait {
		fmt.Fprintf(out, "Reassignment of %s started; it continues in the cluster.\n", countNoun(len(r.Moves), "partition"))
		return nil
	}
	cancel()
	return waitReassigned(ctx, r.IO, r.Poll, cl, r.Full, r.Name, r.Moves, r.Done)
}

// movePlanTable prints a reassignment plan: partition, old replicas, new.
func movePlanTable(out io.Writer, cs *iostreams.ColorScheme, moves []clusterops.Move) error {
	rows := make([][]string, 0, len(moves))
	for _, m := range moves {
		rows = append(rows, []string{strconv.Itoa(int(m.Partition)), joinIDs(m.Old), cs.Cyan(joinIDs(m.New))})
	}
	return output.Table(out, cs, []string{"Partition", "Old replicas", "New replicas"}, rows)
}

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
// an authorization failure) when nothing was applied. doing names the
// operation and resource, such as "reassigning orders".
func reassignFailed(cl *kafka.Client, doing string, res clusterops.Outcome) error {
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
		e := refused(cl, res.Failed[parts[0]], doing)
		if clierr.CodeOf(e) != clierr.CodeFailure {
			return e
		}
		return clierr.Failuref("%s failed; nothing was applied; refused: partitions %s", doing, strings.Join(why, ", "))
	}
	return clierr.Failuref("%s partly applied: applied to partitions %s; not applied to partitions %s",
		doing, joinIDs(res.Applied), strings.Join(why, ", ")).WithHint("run the command again to plan the rest")
}

// refused is failedTo that also names the operation and resource when the
// cluster refused it for authorization (exit 4).
func refused(cl *kafka.Client, err error, doing string) error {
	e := failedTo(cl, err, "", doing)
	var ce *clierr.Error
	if errors.As(e, &ce) && ce.Code == clierr.CodeAuth && !strings.HasPrefix(ce.Msg, doing) {
		ce.Msg = doing + ": " + ce.Msg
	}
	return e
}

// waitReassigned polls until every moved partition has its new replicas in
// sync, printing progress on stderr, for at most --timeout; then it prints
// done. full is the topic's name with KAFKA_PREFIX, name without.
func waitReassigned(ctx context.Context, ios *iostreams.IOStreams, poll time.Duration, cl *kafka.Client, full, name string, moves []clusterops.Move, done string) error {
	pending := func(ctx context.Context) ([]int32, error) { return clusterops.Pending(ctx, cl.Admin, full, moves) }
	everywhere := func(ctx context.Context) error {
		return clusterops.MovedEverywhere(ctx, cl.Admin, cl.Client, full, moves)
	}
	return waitPartitions(ctx, ios, poll, cl, "Reassigning "+name, "the reassignment of "+name, len(moves), pending, everywhere, done)
}

// waitPartitions polls pending until it returns none, printing "label: N
// of total partitions done" on stderr as that changes, for at most
// --timeout; then, within what is left of it, it waits until every broker
// shows the change (everywhere: pending asks one broker, and on Kafka 3.9
// the others follow a moment later), and prints done on stdout. what
// names the operation in the timeout error.
func waitPartitions(ctx context.Context, ios *iostreams.IOStreams, poll time.Duration, cl *kafka.Client, label, what string, total int,
	pending func(context.Context) ([]int32, error), everywhere func(context.Context) error, done string) error {
	ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	defer cancel()
	tick := time.NewTicker(poll)
	defer tick.Stop()
	last := -1
	for {
		left, err := pending(ctx)
		if err == nil {
			n := total - len(left)
			if n != last {
				fmt.Fprintf(ios.ErrOut, "%s: %d of %d partitions done\n", label, n, total)
				last = n
			}
			if len(left) == 0 {
				if b := (*topics.BehindError)(nil); errors.As(everywhere(ctx), &b) {
					warnNotApplied(ios, cl, b.Brokers, "a command run at once may show the old replicas or leaders there")
				}
				fmt.Fprintln(ios.Out, done)
				return nil
			}
		} else if ctx.Err() == nil {
			return err
		}
		select {
		case <-ctx.Done():
			return clierr.Unreachablef("%s was not done within %s: %d of %d partitions done", what, cl.Timeout, max(last, 0), total).
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
