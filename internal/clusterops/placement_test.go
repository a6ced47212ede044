package clusterops

import (
	"slices"
	"testing"
)

func nodes(racks ...string) []Node {
	ns := make([]Node, len(racks))
	for i, r := range racks {
		ns[i] = Node{ID: int32(i + 1), Rack: r}
	}
	return ns
}

func countsOf(t *testing.T, moves []Move, current map[int32][]int32, n int) map[int32]int {
	t.Helper()
	after := map[int32][]int32{}
	for p, rs := range current {
		after[p] = rs
	}
	for _, m := range moves {
		if !slices.Equal(current[m.Partition], m.Old) {
			t.Errorf("partition %d: old %v, current %v", m.Partition, m.Old, current[m.Partition])
		}
		after[m.Partition] = m.New
	}
	counts := map[int32]int{}
	for p, rs := range after {
		if len(rs) != n {
			t.Errorf("partition %d has %v, want %d replicas", p, rs, n)
		}
		seen := map[int32]bool{}
		for _, r := range rs {
			if seen[r] {
				t.Errorf("partition %d: broker %d twice in %v", p, r, rs)
			}
			seen[r] = true
			counts[r]++
		}
		if len(current[p]) > 0 && rs[0] != current[p][0] {
			t.Errorf("partition %d: preferred leader changed from %d: %v", p, current[p][0], rs)
		}
	}
	return counts
}

func TestPlanRaiseSpreadsEvenly(t *testing.T) {
	current := map[int32][]int32{}
	for p := range int32(6) {
		current[p] = []int32{p%3 + 1}
	}
	moves := PlanReplicationFactor(current, nodes("", "", "", ""), 3)
	if len(moves) != 6 {
		t.Fatalf("moves = %v", moves)
	}
	counts := countsOf(t, moves, current, 3)
	// 18 replicas over 4 brokers: 4 or 5 each.
	for id := int32(1); id <= 4; id++ {
		if counts[id] < 4 || counts[id] > 5 {
			t.Errorf("broker %d holds %d replicas: %v", id, counts[id], counts)
		}
	}
}

func TestPlanRaisePrefersUnusedRacks(t *testing.T) {
	// Brokers 1,2 in rack a; 3 in b; 4 in c.
	current := map[int32][]int32{0: {1}, 1: {2}}
	moves := PlanReplicationFactor(current, nodes("a", "a", "b", "c"), 3)
	for _, m := range moves {
		racks := map[string]bool{}
		for _, r := range m.New {
			racks[nodes("a", "a", "b", "c")[r-1].Rack] = true
		}
		if len(racks) != 3 {
			t.Errorf("partition %d on %v spans racks %v, want 3", m.Partition, m.New, racks)
		}
	}
}

func TestPlanLowerKeepsLeaderAndBalances(t *testing.T) {
	current := map[int32][]int32{}
	for p := range int32(6) {
		current[p] = []int32{p%3 + 1, (p+1)%3 + 1, (p+2)%3 + 1}
	}
	moves := PlanReplicationFactor(current, nodes("", "", ""), 2)
	counts := countsOf(t, moves, current, 2)
	for id := int32(1); id <= 3; id++ {
		if counts[id] != 4 {
			t.Errorf("broker %d holds %d replicas, want 4: %v", id, counts[id], counts)
		}
	}
	moves = PlanReplicationFactor(current, nodes("", "", ""), 1)
	countsOf(t, moves, current, 1)
}

func TestPlanLowerDropsDuplicateRackFirst(t *testing.T) {
	current := map[int32][]int32{0: {1, 2, 3}}
	moves := PlanReplicationFactor(current, nodes("a", "b", "b"), 2)
	if len(moves) != 1 || moves[0].New[0] != 1 || (moves[0].New[1] != 2 && moves[0].New[1] != 3) {
		t.Errorf("moves = %+v, want 1 plus one of rack b", moves)
	}
}

func TestPlanUnchangedPartitionsLeftOut(t *testing.T) {
	current := map[int32][]int32{0: {1, 2}, 1: {2}}
	moves := PlanReplicationFactor(current, nodes("", "", ""), 2)
	if len(moves) != 1 || moves[0].Partition != 1 {
		t.Errorf("moves = %+v, want only partition 1", moves)
	}
}
