package tui

import (
	"cmp"
	"slices"
	"strings"

	"github.com/kafka-cli/kafka/internal/monitor"
)

// matches is the / filter: a case-insensitive substring of the name.
func (m model) matches(name string) bool {
	return m.filter == "" || strings.Contains(strings.ToLower(name), strings.ToLower(m.filter))
}

// topics are the shown topics in the chosen order; ties go by name.
func (m model) topics() []monitor.Topic {
	var ts []monitor.Topic
	for _, t := range m.snap.Topics {
		if m.matches(t.Name) {
			ts = append(ts, t)
		}
	}
	slices.SortStableFunc(ts, func(a, b monitor.Topic) int {
		switch topicSorts[m.topicSort] {
		case "messages/s":
			return cmp.Or(cmp.Compare(b.MsgsPerSec, a.MsgsPerSec), cmp.Compare(a.Name, b.Name))
		case "bytes/s":
			return cmp.Or(cmp.Compare(b.BytesPerSec, a.BytesPerSec), cmp.Compare(a.Name, b.Name))
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return ts
}

// groups are the shown groups in the chosen order, worst first; ties go
// by name.
func (m model) groups() []monitor.Group {
	var gs []monitor.Group
	for _, g := range m.snap.Groups {
		if m.matches(g.Name) {
			gs = append(gs, g)
		}
	}
	slices.SortStableFunc(gs, func(a, b monitor.Group) int {
		return cmp.Or(m.worseFirst(
			figures{a.Lag, orNone(a.LagSeconds), a.Status.Rank(), a.Consume},
			figures{b.Lag, orNone(b.LagSeconds), b.Status.Rank(), b.Consume}), cmp.Compare(a.Name, b.Name))
	})
	return gs
}

// openGroup is the group whose partitions are shown, if it still exists.
func (m model) openGroup() (monitor.Group, bool) {
	for _, g := range m.snap.Groups {
		if g.Name == m.group {
			return g, true
		}
	}
	return monitor.Group{}, false
}

// partitions of the open group, in the group sort where it applies
// (by name is by topic and partition).
func (m model) partitions() []monitor.Partition {
	g, ok := m.openGroup()
	if !ok {
		return nil
	}
	ps := slices.Clone(g.Partitions)
	slices.SortStableFunc(ps, func(a, b monitor.Partition) int {
		return cmp.Or(m.worseFirst(
			figures{deref(a.Lag), orNone(a.LagSeconds), a.Status.Rank(), a.Consume},
			figures{deref(b.Lag), orNone(b.LagSeconds), b.Status.Rank(), b.Consume}),
			cmp.Compare(a.Topic, b.Topic), cmp.Compare(a.Partition, b.Partition))
	})
	return ps
}

// figures are what groups and partitions are sorted by; an unknown lag
// in time sorts as none.
type figures struct {
	lag     int64
	lagSecs float64
	rank    int
	consume float64
}

// worseFirst compares a and b in the chosen group sort, the larger figure
// (the worse status) first; 0 under "name", which the caller breaks.
func (m model) worseFirst(a, b figures) int {
	switch groupSorts[m.groupSort] {
	case "lag":
		return cmp.Compare(b.lag, a.lag)
	case "lag time":
		return cmp.Compare(b.lagSecs, a.lagSecs)
	case "status":
		return cmp.Or(cmp.Compare(b.rank, a.rank), cmp.Compare(b.lag, a.lag))
	case "consume rate":
		return cmp.Compare(b.consume, a.consume)
	}
	return 0
}

// orNone is an age for sorting: an unknown one below every known one.
func orNone(secs *float64) float64 {
	if secs == nil {
		return -1
	}
	return *secs
}

func deref(v *int64) int64 {
	if v == nil {
		return 0
	}
	return *v
}
