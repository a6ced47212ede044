package cmd

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/topics"
	"github.com/kafka-cli/kafka/internal/units"
)

type topicOptions struct {
	topicTarget
	JSON  bool
	Watch watchOptions
	// SampleInterval separates the two committed-offset samples of a
	// one-shot consume rate (hidden; tests shorten it).
	SampleInterval time.Duration
}

// topicDetailView is one topic as `kafka topic` shows it: list's keys plus
// its non-default configs and per-partition state.
type topicDetailView struct {
	topicView
	BytesOutPerSec   float64           `json:"bytes_out_per_sec" doc:"estimated bytes consumed per second: the groups' consume rates × average stored record size"`
	ConsumerGroups   []topicGroupView  `json:"consumer_groups" doc:"the consumer groups reading the topic (assigned or committed to it), by name"`
	CleanupPolicy    string            `json:"cleanup_policy" doc:"cleanup.policy: delete, compact or compact,delete"`
	Configs          map[string]string `json:"configs" doc:"configs that differ from the defaults (source not DEFAULT_CONFIG), key to value; sensitive values read \"(sensitive)\""`
	PartitionDetails []partitionView   `json:"partition_details" doc:"one object per partition, by partition number"`

	// Prefix is KAFKA_PREFIX, shown in text output only.
	Prefix string `json:"-"`
}

type partitionView struct {
	Partition       int32   `json:"partition" doc:"partition number"`
	Leader          int32   `json:"leader" doc:"broker id of the leader; -1 when offline"`
	Replicas        []int32 `json:"replicas" doc:"broker ids holding a replica"`
	ISR             []int32 `json:"isr" doc:"broker ids of the in-sync replicas"`
	StartOffset     int64   `json:"start_offset" doc:"first retained offset"`
	EndOffset       int64   `json:"end_offset" doc:"next offset to be written (high watermark)"`
	Messages        int64   `json:"messages" doc:"retained offsets (end minus start); transaction markers take offsets too, so records may be fewer"`
	SizeBytes       int64   `json:"size_bytes" doc:"data size on the leader, in bytes"`
	UnderReplicated bool    `json:"under_replicated" doc:"true when fewer replicas are in sync than exist"`
	Offline         bool    `json:"offline" doc:"true when the partition has no leader"`
}

func newTopicCmd(f *Factory, runF func(*topicOptions) error) *cobra.Command {
	opts := &topicOptions{topicTarget: newTopicTarget(f)}
	cmd := &cobra.Command{
		Use:               "topic NAME",
		ValidArgsFunction: completeTopicNames(f),
		Short:             "Show a topic's traffic, readers, settings and partitions",
		Long: "Show a topic: produce and consume traffic, partitions, replication factor,\n" +
			"compaction, retention, retained offsets and data size; then the consumer\n" +
			"groups reading it, with their lag, consume rate and time to catch up; then\n" +
			"the configs that differ from the defaults; then each partition's leader,\n" +
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
			return runTopic(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (one document per line under --watch)")
	addWatchFlags(cmd, &opts.Watch, "")
	addSampleIntervalFlag(cmd, &opts.SampleInterval)
	return cmd
}

func newTopicDetailView(cfg *kafka.Config, s topics.Summary) topicDetailView {
	v := topicDetailView{
		topicView:        newTopicView(cfg, s),
		ConsumerGroups:   []topicGroupView{},
		CleanupPolicy:    s.CleanupPolicy,
		Configs:          map[string]string{},
		PartitionDetails: make([]partitionView, 0, len(s.Partitions)),
		Prefix:           cfg.Prefix,
	}
	for _, c := range s.Configs {
		if c.Source.String() == "DEFAULT_CONFIG" {
			continue
		}
		val := c.MaybeValue()
		if c.Sensitive {
			val = "(sensitive)"
		}
		v.Configs[c.Key] = val
	}
	for _, p := range s.Partitions {
		v.PartitionDetails = append(v.PartitionDetails, partitionView{
			Partition: p.Partition, Leader: p.Leader,
			Replicas: idsOrEmpty(p.Replicas), ISR: idsOrEmpty(p.ISR),
			StartOffset: p.Start, EndOffset: p.End, Messages: max(p.End-p.Start, 0), SizeBytes: p.SizeBytes,
			UnderReplicated: p.UnderReplicated(), Offline: p.Offline(),
		})
	}
	return v
}

// topicFields are the Heroku topic fields. Lines about traffic (Producers,
// Consumers) belong at the top, as Heroku shows them.
func topicFields(v topicDetailView) []output.Field {
	compaction := "Compaction is " + enabledWord(v.Compaction) + " for " + v.Name
	if v.Compaction && strings.Contains(v.CleanupPolicy, "delete") {
		compaction += " (with time retention: cleanup.policy=" + v.CleanupPolicy + ")"
	}
	fields := []output.Field{
		{Key: "Producers", Value: messagesPerSecond(v.MessagesPerSec, inField) + " (" + bytesPerSecond(v.BytesInPerSec, inField) + ") total"},
		{Key: "Consumers", Value: "~" + bytesPerSecond(v.BytesOutPerSec, inField) + " total"},
		{Key: "Partitions", Value: countNoun(v.Partitions, "partition")},
		{Key: "Replication Factor", Value: units.FormatInt(int64(v.ReplicationFactor))},
	}
	if v.Prefix != "" {
		fields = append(fields, output.Field{Key: "Prefix", Value: v.Prefix})
	}
	return append(fields,
		output.Field{Key: "Compaction", Value: compaction},
		output.Field{Key: "Retention", Value: retentionWords(v.RetentionMs)},
		output.Field{Key: "Offsets", Value: units.FormatInt(v.Messages)},
		output.Field{Key: "Data Size", Value: units.FormatBytes(v.SizeBytes)},
	)
}

// renderTopic prints the text view of one topic.
func renderTopic(w io.Writer, cs *iostreams.ColorScheme, v topicDetailView) error {
	output.Section(w, cs, v.Name, topicFields(v))

	fmt.Fprintln(w)
	fmt.Fprintln(w, cs.Bold("=== Consumer groups"))
	if err := renderTopicGroups(w, cs, v); err != nil {
		return err
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, cs.Bold("=== Configs that differ from the defaults"))
	if len(v.Configs) == 0 {
		fmt.Fprintln(w, "none: every config has its default value")
	} else {
		keys := make([]string, 0, len(v.Configs))
		for k := range v.Configs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fields := make([]output.Field, 0, len(keys))
		for _, k := range keys {
			fields = append(fields, output.Field{Key: k, Value: v.Configs[k]})
		}
		output.Fields(w, fields)
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, cs.Bold("=== Partitions"))
	rows := make([][]string, 0, len(v.PartitionDetails))
	for _, p := range v.PartitionDetails {
		status := "ok"
		switch {
		case p.Offline:
			status = cs.Red("offline")
		case p.UnderReplicated:
			status = cs.Yellow("under-replicated")
		}
		rows = append(rows, []string{
			strconv.Itoa(int(p.Partition)), strconv.Itoa(int(p.Leader)), brokerList(p.Replicas), brokerList(p.ISR),
			strconv.FormatInt(p.StartOffset, 10), strconv.FormatInt(p.EndOffset, 10), status,
		})
	}
	return output.Table(w, cs, []string{"Partition", "Leader", "Replicas", "ISR", "Start", "End", "Status"}, rows)
}

func brokerList(ids []int32) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.Itoa(int(id))
	}
	return strings.Join(s, ",")
}

func idsOrEmpty(ids []int32) []int32 {
	if ids == nil {
		return []int32{}
	}
	return ids
}
