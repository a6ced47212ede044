package cmd

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/cluster"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/throughput"
	"github.com/kafka-cli/kafka/internal/units"
)

type infoOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	JSON  bool
	Watch watchOptions
	// SampleInterval separates the two committed-offset samples that a
	// one-shot consume rate needs (hidden; tests shorten it).
	SampleInterval time.Duration
}

const infoLong = `Show the cluster at a glance: brokers and controller, Kafka version, health,
topics, partitions, consumer groups, throughput and data size.

Status is available, degraded (some partitions under-replicated or offline)
or unavailable. The version is guessed from the brokers' ApiVersions answers
and reads "unknown" when they match no Kafka release.

Rates come from the Kafka protocol alone, as offsets over this host's clock:
record timestamps, which producers set, are never used. Messages/s is the
change in end offsets over about a second (end offsets sampled twice); under
--watch it is the change between samples. Bytes in/s is messages/s × the average stored record size (leader log size /
retained messages), an estimate. Bytes out/s (~) is the consumer groups'
consume rates × the same average size, an estimate too: Kafka reports no
bytes-out figure. A group's consume rate is how fast its committed offsets
advance, sampled with the end offsets, over the same second; groups that
commit less often than that read in steps, and --watch gives the steadier
figure.

JSON output (--json): an object:
`

func newInfoCmd(f *Factory, runF func(*infoOptions) error) *cobra.Command {
	opts := &infoOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:         "info",
		Annotations: map[string]string{oneShot: "true"},
		Short:       "Show the cluster's health, size and throughput",
		Long:        infoLong + output.JSONDoc(infoView{}),
		Example: "  kafka info\n  kafka info --watch\n" +
			"  kafka info --json | jq .messages_per_sec\n  kafka info --watch --interval 5s --json",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.Watch.validate(); err != nil {
				return err
			}
			if err := validateSampleInterval(opts.SampleInterval); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runInfo(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (one document per line under --watch)")
	addWatchFlags(cmd, &opts.Watch, "")
	addSampleIntervalFlag(cmd, &opts.SampleInterval)
	return cmd
}

func runInfo(ctx context.Context, opts *infoOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	obs := &cluster.Observer{Client: cl.Client, Rates: throughput.Observer{Admin: cl.Admin, ConsumeInterval: opts.SampleInterval}}
	trends := newWatchTrends(opts.IO, opts.Watch, opts.JSON)
	return runWatch(ctx, opts.IO, opts.Watch, func(ctx context.Context, out io.Writer) error {
		var v infoView
		ov, err := obs.Overview(ctx, cl.Timeout)
		switch {
		case err == nil:
			v = newInfoView(cl.Config, ov)
		case opts.Watch.Watch && ctx.Err() == nil && clierr.CodeOf(cl.Explain(err)) == clierr.CodeUnreachable:
			// A watch outlives a broker restart: show it rather than quit.
			v = unavailableView(cl.Config)
		default:
			return err
		}
		if opts.JSON {
			if opts.Watch.Watch {
				return output.JSONLine(out, v)
			}
			return output.JSON(out, v)
		}
		cs := opts.IO.ColorScheme()
		return trends.render(out, cs, func(out io.Writer) error {
			printInfo(out, cs, cl.Config, v)
			return nil
		},
			trend{"Messages in", v.MessagesPerSec, messagesPerSecond(v.MessagesPerSec, inTable)},
			trend{"Consumed", v.ConsumedMessagesPerSec, messagesPerSecond(v.ConsumedMessagesPerSec, inTable)},
			trend{"Bytes in", v.BytesInPerSec, bytesPerSecond(v.BytesInPerSec, inTable)},
		)
	})
}

func printInfo(out io.Writer, cs *iostreams.ColorScheme, cfg *kafka.Config, v infoView) {
	title := v.ClusterID
	if title == "" {
		title = cfg.Describe()
	}
	status := v.Status
	switch v.Status {
	case statusAvailable:
		status = cs.Green(status)
	case statusDegraded:
		status = cs.Yellow(fmt.Sprintf("%s (%d under-replicated, %d offline partitions)", status, v.UnderReplicatedPartitions, v.OfflinePartitions))
	default:
		status = cs.Red(status)
	}
	version := "unknown"
	if v.Version != nil {
		version = *v.Version
	}
	clusterID := v.ClusterID
	if clusterID == "" {
		clusterID = "unknown"
	}
	fields := []output.Field{
		{Key: "Cluster ID", Value: clusterID},
		{Key: "Brokers", Value: brokersLine(v)},
		{Key: "Version", Value: version},
		{Key: "Status", Value: status},
		{Key: "Topics", Value: countNoun(v.Topics, "topic") + ", see kafka list"},
	}
	if v.Prefix != nil {
		fields = append(fields, output.Field{Key: "Prefix", Value: *v.Prefix})
	}
	fields = append(fields,
		output.Field{Key: "Partitions", Value: countNoun(v.Partitions, "partition") + ", " + countNoun(v.Replicas, "replica")},
		output.Field{Key: "Consumer Groups", Value: countNoun(v.ConsumerGroups, "group") + ", " + countNoun(v.ConsumerGroupMembers, "member")},
		output.Field{Key: "Messages", Value: messagesPerSecond(v.MessagesPerSec, inField) + " in, " + messagesPerSecond(v.ConsumedMessagesPerSec, inField) + " consumed"},
		output.Field{Key: "Traffic", Value: bytesPerSecond(v.BytesInPerSec, inField) + " in / ~" + bytesPerSecond(v.BytesOutPerSec, inField) + " out (estimated)"},
		output.Field{Key: "Data Size", Value: units.FormatBytes(v.SizeBytes)},
	)
	output.Section(out, cs, title, fields)
}

func brokersLine(v infoView) string {
	s := units.FormatInt(int64(len(v.Brokers)))
	if v.Controller == nil {
		return s
	}
	for _, b := range v.Brokers {
		if b.ID == *v.Controller {
			return fmt.Sprintf("%s (controller: %d at %s:%d)", s, b.ID, b.Host, b.Port)
		}
	}
	return fmt.Sprintf("%s (controller: %d)", s, *v.Controller)
}
