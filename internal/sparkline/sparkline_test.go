package sparkline

import (
	"math"
	"testing"
)

func TestLine(t *testing.T) {
	for _, c := range []struct {
		vs    []float64
		width int
		want  string
	}{
		{[]float64{0, 1, 2, 3, 4, 5, 6, 7}, 8, "▁▂▃▄▅▆▇█"},
		{[]float64{5, 5, 5}, 3, "███"},
		{[]float64{0, 0}, 2, "▁▁"},
		{[]float64{1, 2}, 4, "  ▅█"},
		{[]float64{9, 0, 7}, 2, "▁█"},
		{[]float64{-1, math.NaN(), 2}, 3, "  █"},
		{nil, 0, ""},
	} {
		if got := Line(c.vs, c.width); got != c.want {
			t.Errorf("Line(%v, %d) = %q, want %q", c.vs, c.width, got, c.want)
		}
	}
}

func TestHistoryKeepsSizeAndSweeps(t *testing.T) {
	h := History{Size: 3}
	for i := range 5 {
		h.Add("a", float64(i))
	}
	h.Add("b", 1)
	if got := h.Get("a"); len(got) != 3 || got[0] != 2 || got[2] != 4 {
		t.Fatalf("a = %v", got)
	}
	h.Sweep()
	h.Add("a", 5)
	h.Sweep()
	if h.Get("b") != nil || len(h.Get("a")) != 3 {
		t.Fatalf("after sweeps: a=%v b=%v", h.Get("a"), h.Get("b"))
	}
}
