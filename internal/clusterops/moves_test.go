package clusterops

import (
	"slices"
	"testing"
)

func TestParseMoves(t *testing.T) {
	got, err := ParseMoves([]string{"0=1,2,3", " 1 = 3 ;2=2,1"})
	if err != nil || len(got) != 3 || !slices.Equal(got[0], []int32{1, 2, 3}) || !slices.Equal(got[1], []int32{3}) || !slices.Equal(got[2], []int32{2, 1}) {
		t.Errorf("ParseMoves = %v, %v", got, err)
	}
	for _, bad := range [][]string{{""}, {"0"}, {"0="}, {"a=1"}, {"0=1,,2"}, {"0=1,1"}, {"-1=1"}, {"0=1", "0=2"}, {"0=99999999999"}} {
		if m, err := ParseMoves(bad); err == nil {
			t.Errorf("ParseMoves(%q) = %v, want an error", bad, m)
		}
	}
}

func TestPlanMovesRejectsUnknown(t *testing.T) {
	topic := Topic{Replicas: map[int32][]int32{0: {1}}, Nodes: []Node{{ID: 1}, {ID: 2}}}
	if _, err := PlanMoves(topic, map[int32][]int32{1: {1}}); err == nil {
		t.Error("partition 1 accepted")
	}
	if _, err := PlanMoves(topic, map[int32][]int32{0: {3}}); err == nil {
		t.Error("broker 3 accepted")
	}
}
