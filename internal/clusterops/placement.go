package clusterops

import (
	"slices"
	"sort"
)

// Node is a broker as placement sees it.
type Node struct {
	ID   int32
	Rack string // "" when unset
}

// Move is one partition's reassignment: its replicas now and after.
type Move struct {
	Partition int32
	Old, New  []int32
}

// PlanReplicationFactor plans the moves that give every partition n
// replicas. Existing replicas stay where they are (the first, the preferred
// leader, stays first), so only the replicas added or removed move data.
//
// Replicas added go to the brokers, not yet holding the partition, whose
// rack the partition does not use yet, then to those holding the fewest of
// this topic's replicas, then the lowest ID. Replicas removed are, in that
// order of preference, on a rack the partition uses twice, on the broker
// holding most of this topic's replicas, and never the preferred leader
// while another can go. Partitions that already have n replicas are left
// out. n must be between 1 and len(nodes).
func PlanReplicationFactor(current map[int32][]int32, nodes []Node, n int) []Move {
	rack := map[int32]string{}
	load := map[int32]int{}
	for _, nd := range nodes {
		rack[nd.ID] = nd.Rack
		load[nd.ID] = 0
	}
	parts := make([]int32, 0, len(current))
	for p, rs := range current {
		parts = append(parts, p)
		for _, r := range rs {
			load[r]++
		}
	}
	slices.Sort(parts)
	ids := make([]int32, 0, len(nodes))
	for _, nd := range nodes {
		ids = append(ids, nd.ID)
	}
	slices.Sort(ids)

	var moves []Move
	for _, p := range parts {
		old := current[p]
		if len(old) == n {
			continue
		}
		next := slices.Clone(old)
		for len(next) < n {
			b, ok := pickAdd(next, ids, rack, load)
			if !ok {
				break // fewer live brokers than n: the caller checks first
			}
			next = append(next, b)
			load[b]++
		}
		for len(next) > n {
			i := pickRemove(next, rack, load)
			load[next[i]]--
			next = slices.Delete(next, i, i+1)
		}
		moves = append(moves, Move{Partition: p, Old: old, New: next})
	}
	return moves
}

func racksOf(rs []int32, rack map[int32]string) map[string]int {
	used := map[string]int{}
	for _, r := range rs {
		if rk := rack[r]; rk != "" {
			used[rk]++
		}
	}
	return used
}

func pickAdd(have, ids []int32, rack map[int32]string, load map[int32]int) (int32, bool) {
	used := racksOf(have, rack)
	var cands []int32
	for _, id := range ids {
		if !slices.Contains(have, id) {
			cands = append(cands, id)
		}
	}
	if len(cands) == 0 {
		return 0, false
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		ua, ub := used[rack[a]] > 0 && rack[a] != "", used[rack[b]] > 0 && rack[b] != ""
		if ua != ub {
			return !ua
		}
		if load[a] != load[b] {
			return load[a] < load[b]
		}
		return a < b
	})
	return cands[0], true
}

// pickRemove returns the index in rs of the replica to drop.
func pickRemove(rs []int32, rack map[int32]string, load map[int32]int) int {
	used := racksOf(rs, rack)
	best := -1
	better := func(i, j int) bool { // is rs[i] a better pick than rs[j]?
		a, b := rs[i], rs[j]
		da, db := rack[a] != "" && used[rack[a]] > 1, rack[b] != "" && used[rack[b]] > 1
		if da != db {
			return da
		}
		if load[a] != load[b] {
			return load[a] > load[b]
		}
		return a > b
	}
	for i := 1; i < len(rs); i++ { // index 0, the preferred leader, stays
		if best < 0 || better(i, best) {
			best = i
		}
	}
	if best < 0 {
		return 0
	}
	return best
}
