package groups

import (
	"testing"
	"time"
)

func TestCatchUpOf(t *testing.T) {
	for _, c := range []struct {
		lag  int64
		r    Rates
		want CatchUp
	}{
		{0, Rates{Consume: 0, Produce: 10}, CatchUp{Kind: CaughtUp}},
		{100, Rates{Consume: 30, Produce: 10}, CatchUp{Kind: Catching, ETA: 5 * time.Second}},
		{100, Rates{Consume: 10, Produce: 30}, CatchUp{Kind: FallingBehind, Behind: 20}},
		{100, Rates{}, CatchUp{Kind: NotConsuming}},
		{100, Rates{Consume: 10, Produce: 10}, CatchUp{Kind: KeepingPace}},
	} {
		if got := CatchUpOf(c.lag, c.r); got != c.want {
			t.Errorf("CatchUpOf(%d, %+v) = %+v, want %+v", c.lag, c.r, got, c.want)
		}
	}
}
