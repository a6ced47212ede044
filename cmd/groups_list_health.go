package cmd

import (
	"context"
	"math"
	"time"

	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/throughput"
)

// listedGroup is one group of the list with its health.
type listedGroup struct {
	groups.Group
	Status     health.Status
	LagSeconds *float64
}

// observeGroupsList lists the groups and judges each one's health as
// 'consumer-groups GROUP' does, all groups together: one listing, the
// samples of every group's offsets in the same requests (sampled on while
// any group looks stalled, as for one group), and one bounded set of
// fetches for the oldest unread records. The requests do not grow with
// the groups or partitions.
func observeGroupsList(ctx context.Context, cl *kafka.Client, interval time.Duration) ([]listedGroup, error) {
	obs := newGroupObserver(cl, interval).obs
	return throughput.Observe(ctx, obs, cl.Timeout, func(ctx context.Context, r *throughput.Round) ([]listedGroup, error) {
		sw := throughput.Start()
		gs, err := groups.List(ctx, cl.Client, cl.Admin, cl.Config.HasPrefix)
		if err != nil {
			return nil, err
		}
		sw.Stop()
		var ok []*groups.Group
		for i := range gs {
			if gs[i].Err == nil {
				ok = append(ok, &gs[i])
			}
		}
		settled := func(snaps []throughput.Snapshot) bool {
			for _, g := range ok {
				if anyStalled(g, snaps) {
					return false
				}
			}
			return true
		}
		w, err := groups.MeasureGroups(ctx, r, ok, groups.SnapshotAll(ok, sw.Mid()), settled)
		if err != nil {
			return nil, err
		}
		octx, cancel := context.WithTimeout(ctx, cl.Timeout)
		defer cancel()
		oldest := groups.OldestUnreadAll(octx, cl.Client, ok)
		at := time.Now()
		out := make([]listedGroup, 0, len(gs))
		for _, g := range gs {
			lg := listedGroup{Group: g, Status: health.Unknown}
			if g.Err == nil {
				lg.Status, lg.LagSeconds = listHealth(&g, w, oldest[g.Name], at)
			}
			out = append(out, lg)
		}
		return out, nil
	})
}

// listHealth is g's worst partition status over the window's samples, and
// the age of its oldest unread record.
func listHealth(g *groups.Group, w groups.Window, oldest map[string]map[int32]time.Time, at time.Time) (health.Status, *float64) {
	samples := healthSamples(g, w.Samples)
	statuses := make([]health.Status, 0, len(g.Partitions))
	var lagSecs *float64
	for i := range g.Partitions {
		p := &g.Partitions[i]
		statuses = append(statuses, classifyPartition(p, samples[health.Key{Topic: p.Topic, Partition: p.Partition}], w.Produce[p.Topic][p.Partition]))
		if ts, ok := oldest[p.Topic][p.Partition]; ok {
			s := math.Round(health.LagSeconds(at, ts)*10) / 10
			if lagSecs == nil || s > *lagSecs {
				lagSecs = &s
			}
		}
	}
	return health.Worst(statuses...), lagSecs
}
