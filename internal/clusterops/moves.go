package clusterops

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ParseMoves reads --move values, each PARTITION=BROKER,BROKER,... (the
// first broker becomes the preferred leader), into the replicas wanted per
// partition. It checks only the syntax: a partition named twice, a broker
// listed twice for one partition, or a number that is not a whole
// non-negative one is an error. Whether the partitions and brokers exist is
// PlanMoves's to check, against the cluster.
func ParseMoves(specs []string) (map[int32][]int32, error) {
	want := map[int32][]int32{}
	for _, spec := range specs {
		for s := range strings.SplitSeq(spec, ";") {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			part, list, ok := strings.Cut(s, "=")
			if !ok {
				return nil, fmt.Errorf("--move %q: want PARTITION=BROKERS, such as 0=1,2,3", s)
			}
			p, err := parseID(part)
			if err != nil {
				return nil, fmt.Errorf("--move %q: partition %q is not a whole number", s, part)
			}
			if _, dup := want[p]; dup {
				return nil, fmt.Errorf("--move names partition %d twice", p)
			}
			var brokers []int32
			for b := range strings.SplitSeq(list, ",") {
				id, err := parseID(b)
				if err != nil {
					return nil, fmt.Errorf("--move %q: broker %q is not a whole number", s, b)
				}
				if slices.Contains(brokers, id) {
					return nil, fmt.Errorf("--move %q: broker %d is listed twice", s, id)
				}
				brokers = append(brokers, id)
			}
			want[p] = brokers
		}
	}
	if len(want) == 0 {
		return nil, fmt.Errorf("--move needs PARTITION=BROKERS, such as 0=1,2,3")
	}
	return want, nil
}

func parseID(s string) (int32, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 32)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad id %q", s)
	}
	return int32(n), nil
}

// PlanMoves checks the wanted replicas against the topic and its brokers
// and returns the moves, by partition, leaving out partitions whose
// replicas are already as wanted (in the same order). A partition the
// topic does not have, or a broker metadata does not list, is an error.
func PlanMoves(t Topic, want map[int32][]int32) ([]Move, error) {
	live := map[int32]bool{}
	for _, n := range t.Nodes {
		live[n.ID] = true
	}
	parts := make([]int32, 0, len(want))
	for p := range want {
		parts = append(parts, p)
	}
	slices.Sort(parts)
	var moves []Move
	for _, p := range parts {
		old, ok := t.Replicas[p]
		if !ok {
			return nil, fmt.Errorf("topic has no partition %d (it has partitions 0 to %d)", p, len(t.Replicas)-1)
		}
		for _, b := range want[p] {
			if !live[b] {
				return nil, fmt.Errorf("partition %d: broker %d is not in the cluster (brokers: %s)", p, b, nodeIDs(t.Nodes))
			}
		}
		if slices.Equal(old, want[p]) {
			continue
		}
		moves = append(moves, Move{Partition: p, Old: old, New: want[p]})
	}
	return moves, nil
}

func nodeIDs(ns []Node) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(int(n.ID))
	}
	return strings.Join(s, ",")
}
