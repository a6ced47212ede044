package cmd

import (
	"context"
	"fmt"
	"io"
	"math"

	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/throughput"
	"github.com/kafka-cli/kafka/internal/units"
)

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

// topicGroupView is one consumer group reading the topic.
type topicGroupView struct {
	Group       string   `json:"group" doc:"group name, without KAFKA_PREFIX"`
	Lag         int64    `json:"lag" doc:"messages of this topic not yet consumed by the group"`
	ConsumeRate float64  `json:"consume_rate" doc:"messages per second the group commits on this topic"`
	ETASeconds  *float64 `json:"eta_seconds" doc:"seconds to catch up: lag / (consume_rate - messages_per_sec); 0 when caught up; null when it never will"`
}

func runTopic(ctx context.Context, opts *topicOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	obs := &groups.TopicObserver{Client: cl.Client, Topic: opts.Name, Keep: cl.Config.HasPrefix,
		Rates: throughput.Observer{Admin: cl.Admin, ConsumeInterval: opts.SampleInterval}}
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
		return renderTopic(out, opts.IO.ColorScheme(), v)
	})
}

func newTopicTrafficView(cfg *kafka.Config, tr groups.Traffic) topicDetailView {
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
