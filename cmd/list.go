package cmd

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/throughput"
	"github.com/kafka-cli/kafka/internal/topics"
	"github.com/kafka-cli/kafka/internal/units"
)

type listOptions struct {
	IO     *iostreams.IOStreams
	Client func() (*kafka.Client, error)

	All  bool
	JSON bool
	// SampleInterval separates the two end-offset samples of the produce
	// rates (hidden; tests shorten it).
	SampleInterval time.Duration
}

// topicView is a topic as list shows it; topic's view extends it.
type topicView struct {
	Name              string  `json:"name" doc:"topic name, without KAFKA_PREFIX"`
	Partitions        int     `json:"partitions" doc:"number of partitions"`
	ReplicationFactor int     `json:"replication_factor" doc:"replicas per partition"`
	RetentionMs       *int64  `json:"retention_ms" doc:"retention.ms; null when unlimited"`
	Compaction        bool    `json:"compaction" doc:"whether cleanup.policy includes compact"`
	Messages          int64   `json:"messages" doc:"retained offsets (end minus start); transaction markers take offsets too, so records may be fewer"`
	SizeBytes         int64   `json:"size_bytes" doc:"data size on the partition leaders, in bytes"`
	MessagesPerSec    float64 `json:"messages_per_sec" doc:"messages produced per second, from the end offsets sampled a second apart"`
	BytesInPerSec     float64 `json:"bytes_in_per_sec" doc:"estimated bytes produced per second: messages/s × average stored record size"`
	ConfigsDenied     bool    `json:"configs_denied,omitempty" doc:"true when the user may not describe the topic's configs (DESCRIBE_CONFIGS), so retention_ms and compaction are unknown; left out otherwise"`
}

func newListCmd(f *Factory, runF func(*listOptions) error) *cobra.Command {
	opts := &listOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"topics"},
		Short:   "List topics",
		Long: "List topics with partitions, replication factor, retention, compaction,\n" +
			"retained messages, data size and produce rates. Internal topics are hidden\n" +
			"unless --all.\n\n" +
			"Msg/s In is the messages written during about a second, from the end\n" +
			"offsets sampled at its start and end; record timestamps, which producers\n" +
			"set, are not used. Bytes/s In is an estimate: messages/s × the topic's\n" +
			"average stored record size.\n\n" +
			"JSON output (--json): " + output.JSONDoc([]topicView{}),
		Example: "  kafka list\n  kafka list --json | jq '.[].name'",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := validateSampleInterval(opts.SampleInterval); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runList(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.All, "all", "a", false, "include internal topics such as __consumer_offsets")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	addSampleIntervalFlag(cmd, &opts.SampleInterval)
	return cmd
}

func runList(ctx context.Context, opts *listOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	type observed struct {
		sums  []topics.Summary
		rates throughput.Rates
	}
	obs := &throughput.Observer{Admin: cl.Admin, ConsumeInterval: opts.SampleInterval}
	o, err := throughput.Observe(ctx, obs, cl.Timeout, func(ctx context.Context, r *throughput.Round) (observed, error) {
		sw := throughput.Start()
		sums, _, err := topics.Describe(ctx, cl.Admin, topics.Options{Internal: opts.All, Configs: true, Offsets: true, Sizes: true,
			ConfigKeys: []string{"retention.ms", "cleanup.policy"}, ConfigsOptional: true,
			Client: cl.Client})
		if err != nil {
			return observed{}, err
		}
		sw.Stop()
		end := throughput.Snapshot{Time: sw.Mid(), End: throughput.FromSummaries(sums)}
		m, err := r.Measure(ctx, end, nil)
		if err != nil {
			return observed{}, err
		}
		return observed{sums, m.Produce}, nil
	})
	if err != nil {
		return err
	}
	sums, rates := o.sums, o.rates
	sizes := throughput.RecordSizes(sums)
	views := make([]topicView, 0, len(sums))
	for _, s := range sums {
		if !cl.Config.HasPrefix(s.Name) {
			continue // another tenant's topic on a multi-tenant plan
		}
		v := newTopicView(cl.Config, s)
		v.MessagesPerSec = round1(rates.Topic(s.Name))
		v.BytesInPerSec = round1(rates.Topic(s.Name) * sizes[s.Name])
		v.ConfigsDenied = s.ConfigsDenied
		views = append(views, v)
	}
	partial, err := cl.Listing(ctx, kafka.KindTopic, len(views))
	if err != nil {
		return err
	}
	if partial {
		fmt.Fprintln(opts.IO.ErrOut, kafka.PartialNote(kafka.KindTopic))
	}
	if opts.JSON {
		return output.JSON(opts.IO.Out, views)
	}
	cs := opts.IO.ColorScheme()
	out := opts.IO.Out
	title := "Kafka Topics on " + cl.Config.Describe()
	fmt.Fprintln(out, cs.Bold("=== "+title))
	if cl.Config.Prefix != "" {
		fmt.Fprintf(out, "%s; prefix: %s\n", countNoun(len(views), "topic"), cl.Config.Prefix)
	}
	if len(views) == 0 {
		fmt.Fprintln(out, "No topics found on this Kafka cluster.")
		fmt.Fprintln(out, "Use kafka create NAME to create a topic.")
		return nil
	}
	rows := make([][]string, 0, len(views))
	for _, v := range views {
		retention, compaction := retentionWords(v.RetentionMs), onOff(v.Compaction)
		if v.ConfigsDenied {
			retention, compaction = "?", "?" // not authorized to describe them
		}
		rows = append(rows, []string{
			cs.Cyan(v.Name), units.FormatInt(int64(v.Partitions)), units.FormatInt(int64(v.ReplicationFactor)),
			retention, compaction, units.FormatInt(v.Messages), units.FormatBytes(v.SizeBytes),
			units.FormatRate(v.MessagesPerSec), "~" + bytesPerSecond(v.BytesInPerSec, inTable),
		})
	}
	return output.Table(out, cs, []string{"Name", "Partitions", "Replication", "Retention", "Compaction", "Messages", "Size", "Msg/s In", "Bytes/s In"}, rows)
}

func newTopicView(cfg *kafka.Config, s topics.Summary) topicView {
	return topicView{
		Name:              cfg.WithoutPrefix(s.Name),
		Partitions:        len(s.Partitions),
		ReplicationFactor: s.ReplicationFactor,
		RetentionMs:       s.RetentionMs,
		Compaction:        s.Compaction,
		Messages:          s.Messages,
		SizeBytes:         s.SizeBytes,
	}
}
