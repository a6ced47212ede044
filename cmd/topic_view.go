package cmd

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/topics"
	"github.com/kafka-cli/kafka/internal/traffic"
	"github.com/kafka-cli/kafka/internal/units"
)

// topicDetailView is one topic as `kafka topic` shows it: list's keys plus
// its non-default configs and per-partition state.
type topicDetailView struct {
	topicView
	MessagesPerSec   float64           `json:"messages_per_sec" doc:"messages produced per second, from the end offsets sampled a second apart"`
	BytesInPerSec    float64           `json:"bytes_in_per_sec" doc:"estimated bytes produced per second: messages/s × average stored record size"`
	BytesOutPerSec   float64           `json:"bytes_out_per_sec" doc:"estimated bytes consumed per second: the groups' consume rates × average stored record size"`
	ConsumerGroups   []topicGroupView  `json:"consumer_groups" doc:"the consumer groups reading the topic (assigned or committed to it), by name"`
	CleanupPolicy    string            `json:"cleanup_policy" doc:"cleanup.policy: delete, compact or compact,delete"`
	Configs          map[string]string `json:"configs" doc:"configs set on the topic itself (source DYNAMIC_TOPIC_CONFIG), key to value; sensitive values read \"(sensitive)\""`
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

// topicGroupView is one consumer group reading the topic.
type topicGroupView struct {
	Group       string   `json:"group" doc:"group name, without KAFKA_PREFIX"`
	Lag         int64    `json:"lag" doc:"messages of this topic not yet consumed by the group"`
	ConsumeRate float64  `json:"consume_rate" doc:"messages per second the group commits on this topic"`
	ETASeconds  *float64 `json:"eta_seconds" doc:"seconds to catch up: lag / (consume_rate - messages_per_sec); 0 when caught up; null when it never will"`
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
		// Only what is set on the topic: a broker- or cluster-wide value
		// applies to every topic alike (Kafka 4 writes a cluster-wide
		// min.insync.replicas at bootstrap), and kafka config TOPIC lists
		// those with their source.
		if c.Source.String() != "DYNAMIC_TOPIC_CONFIG" {
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

func newTopicTrafficView(cfg *kafka.Config, tr traffic.Traffic) topicDetailView {
	v := newTopicDetailView(cfg, tr.Summary)
	v.MessagesPerSec = round1(tr.Produce)
	v.BytesInPerSec = round1(tr.Produce * tr.RecordSize)
	v.BytesOutPerSec = round1(tr.ConsumeBytes())
	for _, r := range tr.Readers {
		gv := topicGroupView{Group: cfg.WithoutPrefix(r.Group), Lag: r.Lag, ConsumeRate: round1(r.Consume)}
		if eta, ok, _ := groups.ETA(r.Lag, groups.Rates{Consume: r.Consume, Produce: tr.Produce}); ok {
			s := math.Round(eta.Seconds())
			gv.ETASeconds = &s
		}
		v.ConsumerGroups = append(v.ConsumerGroups, gv)
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
	fmt.Fprintln(w, cs.Bold("=== Configs set on the topic"))
	if len(v.Configs) == 0 {
		fmt.Fprintln(w, "none: the topic takes every config from the cluster")
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

// renderTopicGroups prints the table of groups reading the topic.
func renderTopicGroups(w io.Writer, cs *iostreams.ColorScheme, v topicDetailView) error {
	if len(v.ConsumerGroups) == 0 {
		fmt.Fprintln(w, "No consumer group is reading this topic.")
		return nil
	}
	rows := make([][]string, 0, len(v.ConsumerGroups))
	for _, g := range v.ConsumerGroups {
		rows = append(rows, []string{
			cs.Cyan(g.Group), units.FormatInt(g.Lag), units.FormatRate(g.ConsumeRate),
			catchUpWords(cs, g.Lag, g.ETASeconds, g.ConsumeRate, v.MessagesPerSec, inTable),
		})
	}
	return output.Table(w, cs, []string{"Group", "Lag", "Msg/s Consumed", "Catch-up"}, rows)
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
