package health

import (
	"strings"
	"testing"
)

// part is a partition of lag (-1 for unknown) committed at 100+p.
func part(p int32, lag int64, s Status) Part {
	pt := Part{Key: Key{"orders", p}, Committed: i64(100 + int64(p)), Status: s}
	if lag >= 0 {
		pt.Lag = &lag
	}
	return pt
}

func gen(n int32) *int32 { return &n }

// held is part(p, lag, s) held by member id.
func heldBy(p int32, lag int64, s Status, id string) Part {
	hp := part(p, lag, s)
	hp.Member = Member{ID: id, Client: "client-" + id, Host: "10.0.0." + id}
	return hp
}

func TestAdvice(t *testing.T) {
	// Member 1's partitions stand still while member 2's move and fall
	// behind too: the cause is member 1, not the group's size.
	stuckMember := []Part{heldBy(0, 900, Stalled, "1"), heldBy(1, 900, Stalled, "1"), heldBy(2, 300, Lagging, "2"), heldBy(3, 0, OK, "2")}
	allStalled := []Part{heldBy(0, 900, Stalled, "1"), heldBy(1, 900, Stalled, "2")}
	even := []Part{part(0, 500, Lagging), part(1, 500, Lagging), part(2, 500, Lagging), part(3, 500, Lagging)}
	tests := []struct {
		name string
		g    Group
		want []string // each piece of advice expected, by a fragment; no others
	}{
		{"healthy: nothing to say", Group{Members: 2, Parts: []Part{part(0, 0, OK), part(1, 2, OK)}, ProduceRate: 10, ConsumeRate: 10, GenerationWas: gen(3), GenerationNow: gen(3)}, nil},
		{"behind with fewer members than partitions", Group{Members: 1, Parts: even, ProduceRate: 50, ConsumeRate: 20}, []string{"add up to 3 members"}},
		{"behind with a member per partition", Group{Members: 4, Parts: even, ProduceRate: 50, ConsumeRate: 20}, []string{"more members will sit idle"}},
		{"not behind: no scaling advice", Group{Members: 1, Parts: even, ProduceRate: 20, ConsumeRate: 50}, nil},
		{"one hot partition", Group{Members: 4, Parts: []Part{part(0, 10, Lagging), part(1, 900, Lagging), part(2, 5, OK), part(3, 0, OK)}, ProduceRate: 50, ConsumeRate: 20}, []string{"orders 1 holds 98% of the lag"}},
		{"a little lag on a healthy partition is no hot spot", Group{Members: 2, Parts: []Part{part(0, 3, OK), part(1, 0, OK)}, ProduceRate: 10, ConsumeRate: 10}, nil},
		{"idle members", Group{Members: 5, IdleMembers: 1, Parts: []Part{part(0, 0, OK), part(1, 0, OK), part(2, 0, OK), part(3, 0, OK)}}, []string{"1 of 5 members hold no partition"}},
		{"rebalancing", Group{Members: 2, Parts: []Part{part(0, 0, OK)}, GenerationWas: gen(4), GenerationNow: gen(6)}, []string{"generation 4 to 6"}},
		{"generation unknown at the end: no rebalance claimed", Group{Members: 2, Parts: []Part{part(0, 0, OK)}, GenerationWas: gen(4), GenerationNow: nil}, nil},
		{"stalled partition names its offset", Group{Members: 2, Parts: []Part{part(0, 0, OK), part(5, 40, Stalled)}}, []string{"orders 5 is not moving", "at offset 105", "holds 100% of the lag"}},
		{"a stalled member is named, and no scaling advised", Group{Members: 2, Parts: stuckMember, ProduceRate: 50, ConsumeRate: 20},
			[]string{"member client-1 on 10.0.0.1 holds orders 0, orders 1, not moving", "orders 0 is not moving", "orders 1 is not moving"}},
		{"every member stalled: no member to blame", Group{Members: 2, Parts: allStalled, ProduceRate: 50, ConsumeRate: 20},
			[]string{"orders 0 is not moving", "orders 1 is not moving"}},
		{"stopped group", Group{Members: 0, Parts: []Part{part(0, 40, Stopped), part(1, 40, Stopped)}, ProduceRate: 5}, []string{"no member is consuming and 80 messages wait"}},
		{"one known lag among unknowns is no hot spot", Group{Members: 1, Parts: []Part{part(0, 40, Lagging), part(1, -1, Unknown), part(2, -1, Unknown)}, ProduceRate: 1, ConsumeRate: 2}, nil},
		{"lost records", Group{Members: 0, Parts: []Part{{Key: Key{"orders", 2}, Lag: i64(50), Status: Lost, Lost: 1200}}}, []string{"orders 2: 1,200 records were deleted", "no member is consuming"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Advice(tt.g)
			for _, frag := range tt.want {
				found := false
				for _, a := range got {
					found = found || strings.Contains(a, frag)
				}
				if !found {
					t.Errorf("no advice says %q; got %q", frag, got)
				}
			}
			if len(got) > len(tt.want) {
				t.Errorf("got %d pieces of advice, want at most %d: %q", len(got), len(tt.want), got)
			}
		})
	}
}
