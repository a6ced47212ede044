package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/units"
)

// groupDetailView is one group as 'consumer-groups GROUP' shows it.
type groupDetailView struct {
	Group         string             `json:"group" doc:"group name, without KAFKA_PREFIX"`
	Type          string             `json:"type" doc:"classic, or consumer for KIP-848 groups"`
	State         string             `json:"state" doc:"group state, such as Stable or Empty"`
	Coordinator   string             `json:"coordinator" doc:"host:port of the broker coordinating the group"`
	CoordinatorID int32              `json:"coordinator_id" doc:"that broker's node ID"`
	Members       int                `json:"members" doc:"number of consumers in the group"`
	Generation    *int32             `json:"generation" doc:"the group's generation at the end of sampling: a KIP-848 group's epoch (ConsumerGroupDescribe), or for a classic group one past the highest generation its members reported on joining; null when unknown. DescribeGroups has no generation field in any version (v0 to v6), so a classic group's generation is only known once a member has rejoined after a rebalance and reports the generation it last belonged to; until then it is null"`
	Lag           int64              `json:"lag" doc:"total messages not yet consumed, over the partitions with a commit"`
	UnknownLag    int                `json:"unknown_lag_partitions" doc:"partitions whose lag is unknown because the group has committed nothing there yet; not in lag"`
	LagSeconds    *float64           `json:"lag_seconds" doc:"age in seconds of the oldest record the group has not read, over its partitions; null when no partition lags or it could not be read"`
	LossETASecs   *float64           `json:"loss_eta_seconds" doc:"estimated seconds until retention.ms or retention.bytes deletes a record the group has not read, at the current rates; 0 when it may already; null when never"`
	Status        health.Status      `json:"status" doc:"the worst partition status: lost, stopped, stalled, lagging, catching_up, unknown or ok (see the command's help)"`
	Advice        []string           `json:"advice" doc:"one-line pieces of advice derived from the figures; empty when there is nothing to say"`
	ConsumeRate   float64            `json:"consume_rate" doc:"messages per second the group commits"`
	ProduceRate   float64            `json:"produce_rate" doc:"messages per second written to the partitions it reads"`
	ETASeconds    *float64           `json:"eta_seconds" doc:"seconds to catch up: lag / (consume_rate - produce_rate); 0 when caught up (status ok); null when it never will"`
	Assignments   []memberView       `json:"assignments" doc:"the members"`
	Partitions    []partitionLagView `json:"partitions" doc:"each partition the group is assigned or has committed to"`
}

type memberView struct {
	Member     string             `json:"member" doc:"member ID"`
	InstanceID string             `json:"instance_id" doc:"group.instance.id of a static member; empty for a dynamic one"`
	ClientID   string             `json:"client_id" doc:"the consumer's client.id"`
	Host       string             `json:"host" doc:"the consumer's host as the broker sees it"`
	Partitions map[string][]int32 `json:"partitions" doc:"assigned partitions by topic"`
}

type partitionLagView struct {
	Topic       string        `json:"topic" doc:"topic name, without KAFKA_PREFIX"`
	Partition   int32         `json:"partition" doc:"partition number"`
	Committed   *int64        `json:"committed" doc:"committed offset; null when the group has committed none"`
	End         int64         `json:"end" doc:"end offset (the next offset to be written)"`
	LogStart    int64         `json:"log_start" doc:"log start offset (the oldest retained record)"`
	Lag         *int64        `json:"lag" doc:"end minus committed; null when the group has committed nothing here yet"`
	LagSeconds  *float64      `json:"lag_seconds" doc:"age in seconds of the record at the committed offset, the oldest unread; null when not lagging or unread"`
	Status      health.Status `json:"status" doc:"lost, stopped, stalled, lagging, catching_up, unknown or ok"`
	ConsumeRate float64       `json:"consume_rate" doc:"messages per second the group commits on this partition"`
	Member      string        `json:"member" doc:"member ID it is assigned to; empty when unassigned"`
	ClientID    string        `json:"client_id" doc:"that member's client.id"`
	Host        string        `json:"host" doc:"that member's host"`
}

func runGroupDescribe(ctx context.Context, opts *groupsOptions) error {
	cl, err := opts.Client()
	if err != nil {
		return err
	}
	name := cl.Config.WithPrefix(opts.Group)
	obs := newGroupObserver(cl, opts.SampleInterval)
	trends := newWatchTrends(opts.IO, opts.watchOptions, opts.JSON)
	return runWatch(ctx, opts.IO, opts.watchOptions, func(ctx context.Context, out io.Writer) error {
		v, err := obs.observe(ctx, name)
		if errors.Is(err, groups.ErrNotFound) {
			ctx, cancel := context.WithTimeout(ctx, cl.Timeout)
			defer cancel()
			return groupNotFound(ctx, cl, name)
		}
		if err != nil {
			return err
		}
		switch {
		case opts.JSON && opts.Watch:
			return output.JSONLine(out, v)
		case opts.JSON:
			return output.JSON(out, v)
		}
		cs := opts.IO.ColorScheme()
		return trends.render(out, cs, func(out io.Writer) error { return printGroupDetail(out, cs, v) }, groupTrends(v)...)
	})
}

func newGroupDetailView(cfg *kafka.Config, g *groups.Group, r groups.Rates) groupDetailView {
	v := groupDetailView{
		Group: cfg.WithoutPrefix(g.Name), Type: g.Type, State: g.State, Coordinator: g.Coordinator, CoordinatorID: g.CoordinatorID,
		Members: len(g.Members), Lag: g.Lag, UnknownLag: g.Unknown,
		ConsumeRate: round1(r.Consume), ProduceRate: round1(r.Produce),
		Assignments: []memberView{}, Partitions: []partitionLagView{},
	}
	if eta, ok, _ := groups.ETA(g.Lag, r); ok {
		s := math.Round(eta.Seconds())
		v.ETASeconds = &s
	}
	for _, m := range g.Members {
		mv := memberView{Member: m.ID, InstanceID: m.InstanceID, ClientID: m.ClientID, Host: m.Host, Partitions: map[string][]int32{}}
		for t, ps := range m.Assigned {
			mv.Partitions[cfg.WithoutPrefix(t)] = ps
		}
		v.Assignments = append(v.Assignments, mv)
	}
	for _, p := range g.Partitions {
		pv := partitionLagView{
			Topic: cfg.WithoutPrefix(p.Topic), Partition: p.Partition, End: p.End, LogStart: p.Start,
			ConsumeRate: round1(r.ConsumeBy[p.Topic][p.Partition]),
			Committed:   p.Committed, Lag: p.Lag,
		}
		if p.Member != nil {
			pv.Member, pv.ClientID, pv.Host = p.Member.ID, p.Member.ClientID, p.Member.Host
		}
		v.Partitions = append(v.Partitions, pv)
	}
	return v
}

func printGroupDetail(out io.Writer, cs *iostreams.ColorScheme, v groupDetailView) error {
	output.Section(out, cs, "Consumer Group "+v.Group, []output.Field{
		{Key: "Type", Value: v.Type},
		{Key: "State", Value: colorState(cs, v.State)},
		{Key: "Coordinator", Value: fmt.Sprintf("%s (broker %d)", v.Coordinator, v.CoordinatorID)},
		{Key: "Members", Value: units.FormatInt(int64(v.Members))},
		{Key: "Generation", Value: optInt32(v.Generation)},
		{Key: "Status", Value: colorStatus(cs, v.Status)},
	})
	if len(v.Assignments) > 0 {
		fmt.Fprintln(out)
		rows := make([][]string, 0, len(v.Assignments))
		for _, m := range v.Assignments {
			rows = append(rows, []string{m.ClientID, m.Host, assignedWords(m.Partitions), m.Member, dash(m.InstanceID)})
		}
		if err := output.Table(out, cs, []string{"Client ID", "Host", "Partitions", "Member", "Instance ID"}, rows); err != nil {
			return err
		}
	}
	fmt.Fprintln(out)
	if len(v.Partitions) == 0 {
		fmt.Fprintln(out, "No partitions assigned or committed.")
	} else {
		rows := make([][]string, 0, len(v.Partitions))
		for _, p := range v.Partitions {
			rows = append(rows, []string{
				cs.Cyan(p.Topic), strconv.Itoa(int(p.Partition)), optInt(p.Committed), units.FormatInt(p.End),
				partitionLagWords(p), colorStatus(cs, p.Status), dash(p.ClientID), dash(p.Host),
			})
		}
		if err := output.Table(out, cs, []string{"Topic", "Partition", "Committed", "End", "Lag", "Status", "Client ID", "Host"}, rows); err != nil {
			return err
		}
	}
	fmt.Fprintln(out)
	output.Fields(out, []output.Field{
		{Key: "Lag", Value: lagWords(v.Lag, v.UnknownLag, v.LagSeconds)},
		{Key: "Consuming", Value: messagesPerSecond(v.ConsumeRate, inField)},
		{Key: "Producing", Value: messagesPerSecond(v.ProduceRate, inField) + " (on its partitions)"},
		{Key: "Catch-up", Value: groupCatchUpWords(cs, v)},
	})
	if v.LossETASecs != nil && *v.LossETASecs < 24*3600 {
		fmt.Fprintln(out)
		fmt.Fprintln(out, cs.Red("▸")+" "+lossWords(*v.LossETASecs))
	}
	printAdvice(out, cs, v.Advice)
	return nil
}

// assignedWords writes an assignment compactly: "orders 0,1,2; router 3".
func assignedWords(a map[string][]int32) string {
	topics := make([]string, 0, len(a))
	for t := range a {
		topics = append(topics, t)
	}
	sort.Strings(topics)
	parts := make([]string, 0, len(topics))
	for _, t := range topics {
		ps := make([]string, 0, len(a[t]))
		for _, p := range a[t] {
			ps = append(ps, strconv.Itoa(int(p)))
		}
		parts = append(parts, t+" "+strings.Join(ps, ","))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "; ")
}

func optInt32(p *int32) string {
	if p == nil {
		return "unknown"
	}
	return strconv.Itoa(int(*p))
}
