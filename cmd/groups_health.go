package cmd

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/units"
)

// applyHealth sets each partition's status, the group's (its worst
// partition's) and the advice that follows from them, from the window of
// samples of g's partitions and the rates measured over the last round.
// genWas is the generation when sampling began (nil when unknown), and
// v.Generation the one when it ended.
func applyHealth(v *groupDetailView, g *groups.Group, r groups.Rates, w *health.Window, genWas *int32) {
	parts := make([]health.Part, 0, len(g.Partitions))
	statuses := make([]health.Status, 0, len(g.Partitions))
	for i := range g.Partitions {
		p := &g.Partitions[i]
		st := classifyPartition(p, w.Samples(health.Key{Topic: p.Topic, Partition: p.Partition}), r.ProduceBy[p.Topic][p.Partition])
		v.Partitions[i].Status = st
		statuses = append(statuses, st)
		parts = append(parts, p.HealthPart(health.Key{Topic: v.Partitions[i].Topic, Partition: p.Partition}, st))
	}
	v.Status = health.Worst(statuses...)
	if v.Status == health.OK {
		zero := 0.0
		v.ETASeconds = &zero
	}
	v.Advice = g.AdviceSampled(parts, r.Produce, r.Consume, genWas, v.Generation)
	if v.Advice == nil {
		v.Advice = []string{}
	}
}

// classifyPartition is p's status from its samples, oldest first, and the
// messages per second written to it; a partition whose offsets could not
// be read is unknown.
func classifyPartition(p *groups.Partition, samples []health.Sample, produce float64) health.Status {
	if len(samples) == 0 || p.Err != nil {
		samples = []health.Sample{p.HealthSample()}
	}
	return health.Classify(samples, produce)
}

func colorStatus(cs *iostreams.ColorScheme, s health.Status) string {
	switch {
	case s == health.OK:
		return cs.Green(string(s))
	case s == health.Unknown:
		return cs.Gray(string(s))
	case s.Problem():
		return cs.Red(string(s))
	}
	return cs.Yellow(string(s))
}

// partitionLagWords says "no commit yet" rather than guess a lag.
func partitionLagWords(p partitionLagView) string {
	if p.Committed == nil {
		return "no commit yet"
	}
	return optInt(p.Lag)
}

// lagWords is the group's total over its known lags, saying how many
// partitions it leaves out.
func lagWords(lag int64, unknown int, lagSeconds *float64) string {
	var notes []string
	if lagSeconds != nil {
		notes = append(notes, "oldest unread: "+units.FormatDuration(seconds(*lagSeconds))+" old")
	}
	switch unknown {
	case 0:
	case 1:
		notes = append(notes, "1 partition with no commit yet is not counted")
	default:
		notes = append(notes, fmt.Sprintf("%d partitions with no commit yet are not counted", unknown))
	}
	s := units.FormatInt(lag) + " messages"
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return s
}

// ageWords is a lag in time for a table cell.
func ageWords(secs *float64) string {
	if secs == nil {
		return "-"
	}
	return units.FormatDuration(seconds(*secs))
}

func printAdvice(out io.Writer, cs *iostreams.ColorScheme, advice []string) {
	if len(advice) == 0 {
		return
	}
	fmt.Fprintln(out)
	for _, a := range advice {
		fmt.Fprintln(out, cs.Yellow("▸")+" "+a)
	}
}

// groupCatchUpWords will not call a group caught up when none of its
// partitions has a commit to measure from.
func groupCatchUpWords(cs *iostreams.ColorScheme, v groupDetailView) string {
	if v.Lag == 0 && v.UnknownLag > 0 && v.UnknownLag == len(v.Partitions) {
		return cs.Gray("unknown: no commit yet")
	}
	// Lag that stays near zero is caught up, whatever the two rates say
	// about the moment between two commits.
	if v.Status == health.OK {
		return cs.Green("caught up")
	}
	return catchUpWords(cs, v.Lag, v.ETASeconds, v.ConsumeRate, v.ProduceRate, inField)
}

// applyLagSeconds sets each lagging partition's lag in time from the
// timestamp of its oldest unread record, read at, and the group's as the
// largest.
func applyLagSeconds(v *groupDetailView, g *groups.Group, oldest map[string]map[int32]time.Time, at time.Time) {
	for i, p := range g.Partitions {
		ts, ok := oldest[p.Topic][p.Partition]
		if !ok {
			continue
		}
		s := math.Round(health.LagSeconds(at, ts)*10) / 10
		v.Partitions[i].LagSeconds = &s
		if v.LagSeconds == nil || s > *v.LagSeconds {
			v.LagSeconds = &s
		}
	}
}

// applyLossETA estimates, per partition, when retention first deletes a
// record the group has not read, and keeps the earliest for the group.
func applyLossETA(v *groupDetailView, g *groups.Group, r groups.Rates, ret map[string]groups.Retention) {
	for i, p := range g.Partitions {
		rt, ok := ret[p.Topic]
		if !ok || p.Err != nil {
			continue
		}
		in := health.LossInput{
			LagSeconds: v.Partitions[i].LagSeconds, Lag: p.HealthLag(), Records: p.End - p.Start,
			RetentionMs: rt.Ms, RetentionBytes: rt.Bytes,
			ProduceRate: r.ProduceBy[p.Topic][p.Partition], ConsumeRate: r.ConsumeBy[p.Topic][p.Partition],
		}
		if size, ok := rt.Size[p.Partition]; ok {
			in.SizeBytes = &size
		}
		eta, ok := health.LossETA(in)
		if !ok {
			continue
		}
		eta = math.Round(eta)
		if v.LossETASecs == nil || eta < *v.LossETASecs {
			v.LossETASecs = &eta
		}
	}
}

func lossWords(eta float64) string {
	if eta <= 0 {
		return "retention may already be deleting records the group has not read"
	}
	return "retention will delete records the group has not read in about " + units.FormatDuration(time.Duration(eta)*time.Second)
}
