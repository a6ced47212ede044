package monitor

import (
	"context"
	"time"

	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/throughput"
)

// group turns one described group into its row: each partition's status
// judged over the group's window of samples (sampling while the window is
// too short to see a movement the status needs), the group's as its
// worst, and the advice that follows.
func (o *Observer) group(ctx context.Context, g *groups.Group, produce, consume throughput.Rates) Group {
	w := o.windows[g.Name]
	if w == nil {
		w = &health.Window{MinSpan: o.stallSpan()}
		o.windows[g.Name] = w
	}
	out := Group{Name: o.display(g.Name), State: g.State, Members: len(g.Members), Lag: g.Lag, Unknown: g.Unknown}
	oldest := map[string]map[int32]time.Time{}
	if g.Lag > 0 && ctx.Err() == nil {
		oldest = groups.OldestUnread(ctx, o.Client, g)
	}
	now := time.Now()
	keep := map[health.Key]bool{}
	parts := make([]health.Part, 0, len(g.Partitions))
	statuses := make([]health.Status, 0, len(g.Partitions))
	for i := range g.Partitions {
		p := &g.Partitions[i]
		k := health.Key{Topic: p.Topic, Partition: p.Partition}
		keep[k] = true
		s := p.HealthSample()
		s.At = now.UnixNano()
		w.Add(k, s)
		pr, cr := produce[p.Topic][p.Partition], consume[p.Topic][p.Partition]
		st := health.ClassifyWindow(w.Samples(k), pr, o.stallSpan())
		row := Partition{
			Topic: o.display(p.Topic), Partition: p.Partition, Committed: s.Committed, End: p.End,
			Lag: p.HealthLag(), Status: st, Consume: cr, Produce: pr,
		}
		if p.Member != nil {
			row.Client = p.Member.ClientID
		}
		if ts, ok := oldest[p.Topic][p.Partition]; ok {
			secs := health.LagSeconds(now, ts)
			row.LagSeconds = &secs
			if out.LagSeconds == nil || secs > *out.LagSeconds {
				out.LagSeconds = &secs
			}
		}
		out.Consume += cr
		out.Produce += pr
		out.Partitions = append(out.Partitions, row)
		statuses = append(statuses, st)
		parts = append(parts, p.HealthPart(health.Key{Topic: row.Topic, Partition: p.Partition}, st))
	}
	w.Retain(func(k health.Key) bool { return keep[k] })
	out.Status = health.Worst(statuses...)
	out.Advice = g.Advice(parts, out.Produce, out.Consume)
	return out
}
