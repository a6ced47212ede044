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

	All     bool
	JSON    bool
	NoRates bool
	// SampleInterval separates the two end-offset samples of the produce
	// rates (hidden; tests shorten it).
	SampleInterval time.Duration
}

// topicView is a topic as list shows it, less the rates; topic's view
// extends it.
type topicView struct {
	Name              string `json:"name" doc:"topic name, without KAFKA_PREFIX"`
	Partitions        int    `json:"partitions" doc:"number of partitions"`
	ReplicationFactor int    `json:"replication_factor" doc:"replicas per partition"`
	RetentionMs       *int64 `json:"retention_ms" doc:"retention.ms; null when unlimited"`
	Compaction        bool   `json:"compaction" doc:"whether cleanup.policy includes compact"`
	Messages          int64  `json:"messages" doc:"retained offsets (end minus start); transaction markers take offsets too, so records may be fewer"`
	SizeBytes         int64  `json:"size_bytes" doc:"data size on the partition leaders, in bytes"`
}

// listTopicView is one entry of list --json. Its rates are pointers:
// --no-rates does not measure them, and null says so where 0 would
// claim a quiet topic.
type listTopicView struct {
	topicView
	MessagesPerSec *float64 `json:"messages_per_sec" doc:"messages produced per second, from the end offsets sampled a second apart; null with --no-rates"`
	BytesInPerSec  *float64 `json:"bytes_in_per_sec" doc:"estimated bytes produced per second: messages/s × average stored record size; null with --no-rates"`
	ConfigsDenied  bool     `json:"configs_denied,omitempty" doc:"true when the user may not describe the topic's configs (DESCRIBE_CONFIGS), so retention_ms and compaction are unknown; left out otherwise"`
}

func newListCmd(f *Factory, runF func(*listOptions) error) *cobra.Command {
	opts := &listOptions{IO: f.IO, Client: func() (*kafka.Client, error) { return f.Client() }}
	cmd := &cobra.Command{
		Use:         "list",
		Annotations: map[string]string{oneShot: "true"},
		Aliases:     []string{"topics"},
		Short:       "List topics",
		Long: "List topics with partitions, replication factor, retention, compaction,\n" +
			"retained messages, data size and produce rates. Internal topics are hidden\n" +
			"unless --all.\n\n" +
			"Msg/s In is the messages written during about a second, from the end\n" +
			"offsets sampled at its start and end; record timestamps, which producers\n" +
			"set, are not used. Bytes/s In is an estimate: messages/s × the topic's\n" +
			"average stored record size. The other requests run during that second.\n" +
			"--no-rates skips the sample: the rate columns are left out of the table\n" +
			"and are null in JSON.\n\n" +
			"JSON output (--json): " + output.JSONDoc([]listTopicView{}),
		Example: "  kafka list\n  kafka list --json | jq '.[].name'\n  kafka list --no-rates --json",
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
	cmd.Flags().BoolVar(&opts.NoRates, "no-rates", false, "skip the one-second rate sample: for scripts and large clusters")
	addSampleIntervalFlag(cmd, &opts.SampleInterval)
	return cmd
}

// listed is what list gathered: the topics and, unless --no-rates, their
// produce rates.
type listed struct {
	sums  []topics.Summary
	rates throughput.Rates
}

func runList(ctx context.Context, opts *listOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	restricted := cl.RestrictedLater(ctx)
	var l listed
	if opts.NoRates {
		l, err = listTopics(ctx, cl, opts.All)
	} else {
		l, err = listTopicsWithRates(ctx, cl, opts.All, opts.SampleInterval)
	}
	if err != nil {
		return err
	}
	views := listViews(cl.Config, l)
	partial, err := cl.Listing(ctx, restricted(), kafka.KindTopic, len(views))
	if err != nil {
		return err
	}
	if partial {
		fmt.Fprintln(opts.IO.ErrOut, kafka.PartialNote(kafka.KindTopic))
	}
	if opts.JSON {
		return output.JSON(opts.IO.Out, views)
	}
	return renderList(opts.IO, cl.Config, views)
}

func listViews(cfg *kafka.Config, l listed) []listTopicView {
	sizes := throughput.RecordSizes(l.sums)
	views := make([]listTopicView, 0, len(l.sums))
	for _, s := range l.sums {
		if !cfg.HasPrefix(s.Name) {
			continue // another tenant's topic on a multi-tenant plan
		}
		v := listTopicView{topicView: newTopicView(cfg, s), ConfigsDenied: s.ConfigsDenied}
		if l.rates != nil {
			in, bytes := round1(l.rates.Topic(s.Name)), round1(l.rates.Topic(s.Name)*sizes[s.Name])
			v.MessagesPerSec, v.BytesInPerSec = &in, &bytes
		}
		views = append(views, v)
	}
	return views
}

func renderList(ios *iostreams.IOStreams, cfg *kafka.Config, views []listTopicView) error {
	cs := ios.ColorScheme()
	out := ios.Out
	fmt.Fprintln(out, cs.Bold("=== Kafka Topics on "+cfg.Describe()))
	if cfg.Prefix != "" {
		fmt.Fprintf(out, "%s; prefix: %s\n", countNoun(len(views), "topic"), cfg.Prefix)
	}
	if len(views) == 0 {
		fmt.Fprintln(out, "No topics found on this Kafka cluster.")
		fmt.Fprintln(out, "Use kafka create NAME to create a topic.")
		return nil
	}
	header := []string{"Name", "Partitions", "Replication", "Retention", "Compaction", "Messages", "Size"}
	rates := views[0].MessagesPerSec != nil
	if rates {
		header = append(header, "Msg/s In", "Bytes/s In")
	}
	rows := make([][]string, 0, len(views))
	for _, v := range views {
		retention, compaction := retentionWords(v.RetentionMs), onOff(v.Compaction)
		if v.ConfigsDenied {
			retention, compaction = "?", "?" // not authorized to describe them
		}
		row := make([]string, 0, len(header))
		row = append(row,
			cs.Cyan(v.Name), units.FormatInt(int64(v.Partitions)), units.FormatInt(int64(v.ReplicationFactor)),
			retention, compaction, units.FormatInt(v.Messages), units.FormatBytes(v.SizeBytes))
		if rates {
			row = append(row, units.FormatRate(*v.MessagesPerSec), "~"+bytesPerSecond(*v.BytesInPerSec, inTable))
		}
		rows = append(rows, row)
	}
	return output.Table(out, cs, header, rows)
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
