package cmd

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/cluster"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
)

type waitOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	Topic   string
	Timeout time.Duration
	// Poll is the pause between checks; each check is bounded by
	// waitCheckTimeout so a broker that accepts and never answers costs
	// one check, not the whole wait.
	Poll time.Duration
}

const waitCheckTimeout = 5 * time.Second

func newWaitCmd(f *Factory, runF func(*waitOptions) error) *cobra.Command {
	opts := &waitOptions{IO: f.IO, Poll: 500 * time.Millisecond}
	opts.Client = func() (*kafka.Client, error) {
		// A broker that accepts and never answers holds franz-go's
		// connection handshake for the request overhead, which ignores
		// the context; keep it to one check.
		return f.Client(kgo.RequestTimeoutOverhead(waitCheckTimeout), kgo.RetryTimeout(waitCheckTimeout))
	}
	cmd := &cobra.Command{
		Use:   "wait",
		Short: "Wait until the cluster is ready",
		Long: `Block until the cluster answers and every partition (of --topic, if given)
has a leader and a full set of in-sync replicas. Exits 0 when ready and 5 when
--timeout passes first. A script can run it right after starting a cluster:
an unreachable cluster, or a topic that does not exist yet, is waited for.

For wait, --timeout is the overall deadline (default 5m) rather than the bound
on each request; each check is bounded by 5s on its own, so a cluster that
accepts connections and never answers cannot stall it.`,
		Example: "  kafka wait\n  kafka wait --topic router --timeout 30s",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Timeout <= 0 {
				return clierr.Usagef("--timeout must be positive")
			}
			if opts.Topic != "" {
				cfg, err := f.Config()
				if err != nil {
					return err
				}
				if err := cfg.ValidateTopicName(opts.Topic); err != nil {
					return clierr.Usagef("%s", err)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runWait(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Topic, "topic", "t", "", "wait only for this topic's partitions (and for the topic to exist)")
	_ = cmd.RegisterFlagCompletionFunc("topic", completeTopicFlag(f))
	// Shadows the global --timeout, which bounds single requests.
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 5*time.Minute, "give up (exit 5) after this long")
	return cmd
}

func runWait(ctx context.Context, opts *waitOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	deadline := time.Now().Add(opts.Timeout)
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	topic := ""
	if opts.Topic != "" {
		topic = cl.Config.WithPrefix(opts.Topic)
	}
	sp := opts.IO.StartSpinner("Waiting for the cluster to answer")
	defer sp.Stop()
	reason := "the cluster did not answer"
	for {
		ready, why, parts, err := boundedCheck(ctx, cl, topic, opts.Topic)
		switch {
		case err != nil:
			if clierr.CodeOf(cl.Explain(err)) == clierr.CodeAuth {
				return err // waiting will not fix credentials
			}
			reason = "the cluster did not answer: " + err.Error()
			if errors.Is(err, context.DeadlineExceeded) {
				reason = "the cluster accepted connections but did not answer in time"
			}
			// Say why, as the last attempt saw it (refused, TLS, silent):
			// the explained error without its hint.
			last := reason
			var ce *clierr.Error
			if errors.As(cl.Explain(err), &ce) && ce.Msg != "" {
				last = ce.Msg
			}
			sp.SetLabel("Waiting for the cluster to answer; last attempt: " + last)
		case ready:
			sp.Stop()
			fmt.Fprintf(opts.IO.Out, "Ready: %s, all in sync\n", countNoun(parts, "partition"))
			return nil
		default:
			reason = why
			sp.SetLabel("Waiting: " + why)
		}
		select {
		case <-ctx.Done():
			if ctx.Err() == context.DeadlineExceeded {
				sp.Stop()
				// Name what was awaited even when no check answered (a
				// loaded real cluster can take longer than a short --timeout).
				what := "not ready"
				if opts.Topic != "" && !strings.Contains(reason, strconv.Quote(opts.Topic)) {
					what = fmt.Sprintf("topic %q not ready", opts.Topic)
				}
				return clierr.Unreachablef("%s after %s: %s", what, opts.Timeout, reason).
					WithHint("raise --timeout, or check the brokers")
			}
			return ctx.Err()
		case <-time.After(opts.Poll):
		}
	}
}

type checkResult struct {
	ready bool
	why   string
	parts int
	err   error
}

// boundedCheck runs checkReady for at most waitCheckTimeout or until ctx
// ends, whichever is first. franz-go does not always return when the
// context ends (see the client options above), so the check is abandoned
// rather than awaited; it finishes on its own within the request overhead.
func boundedCheck(ctx context.Context, cl *kafka.Client, topic, shown string) (bool, string, int, error) {
	cctx, cancel := context.WithTimeout(ctx, waitCheckTimeout)
	defer cancel()
	res := make(chan checkResult, 1)
	go func() {
		var r checkResult
		r.ready, r.why, r.parts, r.err = checkReady(cctx, cl, topic, shown)
		res <- r
	}()
	select {
	case r := <-res:
		return r.ready, r.why, r.parts, r.err
	case <-cctx.Done():
		return false, "", 0, cctx.Err()
	}
}

// checkReady issues one metadata request and says whether every partition
// (of topic, when set; shown is its name without the prefix) has a leader and a full ISR, and if not, why.
func checkReady(ctx context.Context, cl *kafka.Client, topic, shown string) (bool, string, int, error) {
	r, err := cluster.CheckReady(ctx, cl.Admin, topic)
	switch {
	case err != nil:
		return false, "", 0, err
	case r.Missing:
		return false, fmt.Sprintf("topic %q does not exist yet", shown), 0, nil
	case r.NoPartitions:
		return false, fmt.Sprintf("topic %q has no partitions yet", shown), 0, nil
	case !r.Ready():
		return false, fmt.Sprintf("%d of %s without a leader, %d under-replicated", r.Leaderless, countNoun(r.Partitions, "partition"), r.UnderReplicated), r.Partitions, nil
	}
	return true, "", r.Partitions, nil
}
