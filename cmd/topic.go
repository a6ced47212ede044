package cmd

import (
	"context"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/throughput"
	"github.com/kafka-cli/kafka/internal/traffic"
)

type topicOptions struct {
	topicTarget
	JSON  bool
	Watch watchOptions
	// SampleInterval separates the two committed-offset samples of a
	// one-shot consume rate (hidden; tests shorten it).
	SampleInterval time.Duration
}

const topicRatesHelp = `Producers is the messages written over about a second, from the end offsets
sampled at its start and end (record timestamps, which producers set, are
never used); bytes are messages/s ×
the topic's average stored record size, an estimate. Consumers (~) is the
groups' consume rates × the same size, an estimate too: Kafka reports no
bytes-out figure. A group's consume rate is how fast its committed offsets
on the topic advance over the same second. Time to catch up is
lag / (consume − produce). Under --watch every rate is the change between
successive refreshes.

`

func newTopicCmd(f *Factory, runF func(*topicOptions) error) *cobra.Command {
	opts := &topicOptions{topicTarget: newTopicTarget(f)}
	cmd := &cobra.Command{
		Use:               "topic NAME",
		Annotations:       map[string]string{oneShot: "true"},
		ValidArgsFunction: completeTopicNames(f),
		Short:             "Show a topic's traffic, readers, settings and partitions",
		Long: "Show a topic: produce and consume traffic, partitions, replication factor,\n" +
			"compaction, retention, retained offsets and data size; then the consumer\n" +
			"groups reading it, with their lag, consume rate and time to catch up; then\n" +
			"the configs set on the topic itself; then each partition's leader,\n" +
			"replicas, in-sync replicas and offsets, with under-replicated partitions\n" +
			"marked. A missing topic exits 3.\n\n" +
			"Offsets is end minus start summed over the partitions: transaction\n" +
			"markers and compacted-away records take offsets too, so a topic may hold\n" +
			"fewer records than that.\n\n" + topicRatesHelp +
			"JSON output (--json): an object:\n" + output.JSONDoc(topicDetailView{}),
		Example: "  kafka topic router\n  kafka topic router --watch\n" +
			"  kafka topic router --json | jq '.consumer_groups[] | select(.eta_seconds == null)'\n" +
			"  kafka topic router --json | jq '.partition_details[] | select(.under_replicated)'",
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.setName(args[0]); err != nil {
				return err
			}
			if err := opts.Watch.validate(); err != nil {
				return err
			}
			if err := validateSampleInterval(opts.SampleInterval); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return kafka.Access(runTopic(cmd.Context(), opts), "describe", kafka.KindTopic, "DESCRIBE and DESCRIBE_CONFIGS", args[0])
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (one document per line under --watch)")
	addWatchFlags(cmd, &opts.Watch, "")
	addSampleIntervalFlag(cmd, &opts.SampleInterval)
	return cmd
}

func runTopic(ctx context.Context, opts *topicOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	obs := &traffic.Observer{Client: cl.Client, Topic: opts.Name, Keep: cl.Config.HasPrefix,
		Rates: throughput.Observer{Admin: cl.Admin, ConsumeInterval: opts.SampleInterval}}
	trends := newWatchTrends(opts.IO, opts.Watch, opts.JSON)
	return runWatch(ctx, opts.IO, opts.Watch, func(ctx context.Context, out io.Writer) error {
		tr, found, err := obs.Observe(ctx, cl.Timeout)
		if err != nil {
			return err
		}
		if !found {
			ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
			defer cancel()
			return topicNotFound(ctx, cl, opts.Name)
		}
		v := newTopicTrafficView(cl.Config, tr)
		switch {
		case opts.JSON && opts.Watch.Watch:
			return output.JSONLine(out, v)
		case opts.JSON:
			return output.JSON(out, v)
		}
		cs := opts.IO.ColorScheme()
		return trends.render(out, cs, func(out io.Writer) error { return renderTopic(out, cs, v) }, topicTrends(v)...)
	})
}
