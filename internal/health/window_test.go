package health

import (
	"testing"
	"time"
)

func TestWindowKeepsSizeSamples(t *testing.T) {
	k := Key{"orders", 0}
	w := &Window{Size: 3}
	for i := range 10 {
		w.Add(k, Sample{At: int64(i) * int64(time.Second)})
	}
	if ss := w.Samples(k); len(ss) != 3 || ss[0].At != 7*int64(time.Second) {
		t.Fatalf("kept %d samples from %v; want the last 3", len(ss), ss[0].At)
	}
}

// Refreshed every 100 ms, a window of 10 samples spans 0.9 s: too short to
// ever call a partition stalled over a 6 s MinStallSpan. MinSpan keeps the
// samples that span it.
func TestWindowMinSpanKeepsOlderSamples(t *testing.T) {
	k := Key{"orders", 0}
	w := &Window{Size: 10, MinSpan: MinStallSpan}
	step := 100 * time.Millisecond
	for i := range 200 {
		w.Add(k, Sample{At: int64(i) * int64(step)})
	}
	ss := w.Samples(k)
	span := time.Duration(ss[len(ss)-1].At - ss[0].At)
	if span < MinStallSpan || span > MinStallSpan+step {
		t.Fatalf("window spans %v over %d samples; want just over %v", span, len(ss), MinStallSpan)
	}
	if got := ClassifyWindow(stalledSamples(ss), 0, MinStallSpan); got != Stalled {
		t.Errorf("an unmoved held commit over the window: %s, want stalled", got)
	}
}

// stalledSamples is ss with a held commit at 5 that never moves, 10 behind.
func stalledSamples(ss []Sample) []Sample {
	out := make([]Sample, len(ss))
	for i, s := range ss {
		c := int64(5)
		out[i] = Sample{At: s.At, Committed: &c, End: 15, Held: true}
	}
	return out
}

func TestWindowMinSpanIsBounded(t *testing.T) {
	k := Key{"orders", 0}
	w := &Window{Size: 10, MinSpan: time.Hour}
	for i := range 5000 {
		w.Add(k, Sample{At: int64(i)})
	}
	if n := len(w.Samples(k)); n != maxKept {
		t.Fatalf("kept %d samples; want at most %d", n, maxKept)
	}
}
