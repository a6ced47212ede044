package groups

import (
	"strings"

	"github.com/kafka-cli/kafka/internal/health"
)

// HealthSample is p as package health samples a partition: nothing is
// known of the commit when p has none or its offsets could not be read.
func (p *Partition) HealthSample() health.Sample {
	s := health.Sample{Start: p.Start, End: p.End, Held: p.Member != nil}
	if p.Err == nil {
		s.Committed = clone(p.Committed)
	}
	return s
}

// HealthPart is p as health's advice sees it, with its status.
func (p *Partition) HealthPart(k health.Key, st health.Status) health.Part {
	hp := health.Part{Key: k, Lag: clone(p.Lag), Committed: clone(p.Committed), Status: st, Lost: p.HealthSample().Lost()}
	if m := p.Member; m != nil {
		hp.Member = health.Member{ID: m.ID, Client: m.ClientID, Host: strings.TrimPrefix(m.Host, "/")}
	}
	return hp
}

// HealthLag is p's lag as health's loss estimate takes it: nil when
// unknown.
func (p *Partition) HealthLag() *int64 { return clone(p.Lag) }

// clone copies what v points to, so that a sample kept in a window does not
// change with the partition it was taken from.
func clone[T any](v *T) *T {
	if v == nil {
		return nil
	}
	c := *v
	return &c
}

// Advice is health's advice for g, from its partitions as health sees them
// and the rates over its partitions.
func (g *Group) Advice(parts []health.Part, produce, consume float64) []string {
	return g.AdviceSampled(parts, produce, consume, nil, nil)
}

// AdviceSampled is Advice with the generations at the start and the end
// of sampling (nil when unknown), so that a rebalance between them is
// advised on.
func (g *Group) AdviceSampled(parts []health.Part, produce, consume float64, genWas, genNow *int32) []string {
	idle := 0
	for _, m := range g.Members {
		if m.NumAssigned() == 0 {
			idle++
		}
	}
	return health.Advice(health.Group{
		Members: len(g.Members), IdleMembers: idle, Parts: parts,
		ProduceRate: produce, ConsumeRate: consume, GenerationWas: genWas, GenerationNow: genNow,
	})
}
