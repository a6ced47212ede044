package health

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kafka-cli/kafka/internal/units"
)

// Part is one partition as advice sees it.
type Part struct {
	Key
	Lag       *int64 // nil when unknown
	Committed *int64 // nil when the group committed nothing there
	Status    Status
	Lost      int64
	Member    Member // the holding member; zero when unheld
}

// Member names the member holding a partition.
type Member struct {
	ID     string // member id; "" when unheld
	Client string // client.id
	Host   string // the client's address as the coordinator saw it
}

func (m Member) String() string {
	switch {
	case m.Client != "" && m.Host != "":
		return m.Client + " on " + m.Host
	case m.Client != "":
		return m.Client
	case m.Host != "":
		return "the member on " + m.Host
	}
	return m.ID
}

// Group is the figures advice is derived from.
type Group struct {
	Members       int
	IdleMembers   int // members holding no partition
	Parts         []Part
	ProduceRate   float64
	ConsumeRate   float64
	GenerationWas *int32 // at the start of sampling; nil when unknown
	GenerationNow *int32 // at its end; nil when unknown
}

// hotShare is the part of the total lag one partition must hold before it
// is called a hot spot rather than a group-wide shortfall.
const hotShare = 0.75

// Advice returns zero or more one-line pieces of advice, each stated with
// the figures that call for it and given only in that situation.
func Advice(g Group) []string {
	var out []string
	total, _ := Total(lagsOf(g.Parts))
	// Falling behind needs a partition whose lag did not fall: rates
	// alone, between two commits of a consumer at the end, say nothing.
	behind := g.ProduceRate > g.ConsumeRate && total > 0 && anyLagging(g.Parts)
	for _, p := range g.Parts {
		switch p.Status {
		case Lost:
			out = append(out, fmt.Sprintf("%s %d: %s records were deleted by retention before the group read them", p.Topic, p.Partition, units.FormatInt(p.Lost)))
		case Stalled:
			// Stalled is judged from a commit, so one is known.
			out = append(out, fmt.Sprintf("%s %d is not moving: look for a record the consumer cannot process, at offset %d", p.Topic, p.Partition, deref(p.Committed)))
		}
	}
	// A member whose partitions do not move while others' do is the
	// cause itself: more members or partitions would not help.
	stuck := stuckMembers(g.Parts)
	for _, m := range stuck {
		out = append(out, fmt.Sprintf("member %s holds %s, not moving while the other members' partitions move: look at that consumer (a blocked handler, a poison record) or restart it", m.member, strings.Join(m.parts, ", ")))
	}
	if g.Members == 0 && total > 0 {
		out = append(out, fmt.Sprintf("no member is consuming and %s messages wait: start the group's consumers", units.FormatInt(total)))
	}
	if was, now := g.GenerationWas, g.GenerationNow; was != nil && now != nil && *now != *was {
		out = append(out, fmt.Sprintf("the group rebalanced while sampled (generation %d to %d); nobody consumes during a rebalance, often caused by a handler slower than max.poll.interval.ms", *was, *now))
	}
	if g.IdleMembers > 0 {
		out = append(out, fmt.Sprintf("%d of %d members hold no partition and do no work", g.IdleMembers, g.Members))
	}
	// With nobody consuming, where the lag sits says nothing of keys or
	// members.
	if len(stuck) > 0 {
		return out
	}
	if hot, share, ok := hotPartition(g.Parts, total); ok && g.Members > 0 {
		out = append(out, fmt.Sprintf("%s %d holds %.0f%% of the lag: a hot key or a slow member", hot.Topic, hot.Partition, share*100))
	} else if behind && g.Members > 0 {
		n := len(g.Parts)
		if g.Members < n {
			out = append(out, fmt.Sprintf("falling behind by %.1f msg/s with %d members on %d partitions: add up to %d members", g.ProduceRate-g.ConsumeRate, g.Members, n, n-g.Members))
		} else {
			out = append(out, fmt.Sprintf("falling behind by %.1f msg/s with %d members on %d partitions: more members will sit idle; add partitions or speed up the handler", g.ProduceRate-g.ConsumeRate, g.Members, n))
		}
	}
	return out
}

// stuckMember is a member all of whose stalled partitions are listed.
type stuckMember struct {
	member Member
	parts  []string
}

// stuckMembers finds the members holding a stalled partition when some
// partition held by another member is not stalled: then the member, not
// the group's capacity or its records, is what stands still.
func stuckMembers(ps []Part) []stuckMember {
	stalled := map[string]*stuckMember{}
	var order []string
	for _, p := range ps {
		if p.Status != Stalled || p.Member.ID == "" {
			continue
		}
		m := stalled[p.Member.ID]
		if m == nil {
			m = &stuckMember{member: p.Member}
			stalled[p.Member.ID] = m
			order = append(order, p.Member.ID)
		}
		m.parts = append(m.parts, fmt.Sprintf("%s %d", p.Topic, p.Partition))
	}
	moving := false
	for _, p := range ps {
		if p.Member.ID != "" && stalled[p.Member.ID] == nil && (p.Status == OK || p.Status == Lagging || p.Status == CatchingUp) {
			moving = true
		}
	}
	if !moving {
		return nil
	}
	out := make([]stuckMember, 0, len(order))
	for _, id := range order {
		out = append(out, *stalled[id])
	}
	return out
}

func anyLagging(ps []Part) bool {
	for _, p := range ps {
		if p.Status == Lagging {
			return true
		}
	}
	return false
}

func lagsOf(ps []Part) []*int64 {
	ls := make([]*int64, len(ps))
	for i, p := range ps {
		ls[i] = p.Lag
	}
	return ls
}

// hotPartition finds a partition holding at least hotShare of the lag,
// among two or more partitions of known lag, that is itself behind.
func hotPartition(ps []Part, total int64) (Part, float64, bool) {
	var sorted []Part
	for _, p := range ps {
		if p.Lag != nil {
			sorted = append(sorted, p)
		}
	}
	if len(sorted) < 2 || total <= 0 {
		return Part{}, 0, false
	}
	sort.SliceStable(sorted, func(i, j int) bool { return *sorted[i].Lag > *sorted[j].Lag })
	share := float64(*sorted[0].Lag) / float64(total)
	// A few messages of lag on a healthy partition are no hot spot.
	healthy := sorted[0].Status == OK || sorted[0].Status == Unknown
	return sorted[0], share, share >= hotShare && !healthy
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
