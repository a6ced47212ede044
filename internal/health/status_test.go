package health

import (
	"testing"
	"time"
)

func held(committed, end int64) Sample {
	return Sample{Start: 0, End: end, Committed: i64(committed), Held: true}
}

func i64(n int64) *int64 { return &n }

func TestClassify(t *testing.T) {
	tests := []struct {
		name    string
		samples []Sample
		rate    float64
		want    Status
	}{
		{"no samples", nil, 0, Unknown},
		{"no commit yet", []Sample{{End: 50, Committed: nil, Held: true}}, 0, Unknown},
		{"retention deleted unread records", []Sample{{Start: 100, End: 150, Committed: i64(40)}}, 0, Lost},
		{"lost wins over stopped", []Sample{{Start: 100, End: 150, Committed: i64(40), Held: false}}, 0, Lost},
		{"caught up", []Sample{held(10, 20), held(30, 30)}, 5, OK},
		{"under a second of production", []Sample{held(10, 20), held(25, 30)}, 10, OK},
		{"nobody holds it", []Sample{{End: 30, Committed: i64(10)}, {End: 30, Committed: i64(10)}}, 0, Stopped},
		{"nobody holds it, lag under a second", []Sample{{End: 30, Committed: i64(25)}}, 10, Stopped},
		{"held but not moving", []Sample{held(10, 30), held(10, 40)}, 1, Stalled},
		{"held, not moving, nothing produced", []Sample{held(10, 30), held(10, 30)}, 0, Stalled},
		{"lag grew", []Sample{held(10, 30), held(20, 60)}, 1, Lagging},
		{"lag steady above zero", []Sample{held(10, 30), held(20, 40)}, 1, Lagging},
		{"lag fell", []Sample{held(10, 60), held(50, 80)}, 1, CatchingUp},
		{"one sample, behind", []Sample{held(10, 60)}, 1, Lagging},
		{"first commit inside the window", []Sample{{End: 60, Committed: nil, Held: true}, held(10, 60)}, 1, Lagging},
		{"commit reached the previous end: less than a sample behind", []Sample{held(10, 60), held(10, 80), held(80, 100)}, 1, OK},
		{"reached the end once in the window: still ok", []Sample{held(10, 60), held(60, 90), held(70, 120)}, 1, OK},
		{"window judges from its oldest sample", []Sample{held(10, 60), held(20, 60), held(20, 60)}, 1, CatchingUp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.samples, tt.rate); got != tt.want {
				t.Errorf("Classify = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestWorstAndRank(t *testing.T) {
	order := []Status{OK, Unknown, CatchingUp, Lagging, Stalled, Stopped, Lost}
	for i := 1; i < len(order); i++ {
		if order[i].Rank() <= order[i-1].Rank() {
			t.Errorf("%s should rank above %s", order[i], order[i-1])
		}
	}
	if got := Worst(); got != OK {
		t.Errorf("Worst() = %s, want ok", got)
	}
	if got := Worst(OK, Unknown, Stalled, Lagging); got != Stalled {
		t.Errorf("Worst = %s, want stalled", got)
	}
	for s, want := range map[Status]bool{Lost: true, Stopped: true, Stalled: true, Lagging: false, Unknown: false, OK: false} {
		if s.Problem() != want {
			t.Errorf("%s.Problem() = %v", s, !want)
		}
	}
}

func TestSampleLag(t *testing.T) {
	if l, ok := (Sample{End: 9, Committed: nil}).Lag(); ok {
		t.Errorf("lag without commit = %d, want unknown", l)
	}
	// A commit past the end (a truncated log) is caught up, not negative.
	if l, ok := (Sample{End: 9, Committed: i64(12)}).Lag(); !ok || l != 0 {
		t.Errorf("lag past the end = %d, want 0", l)
	}
	if n := (Sample{Start: 100, End: 150, Committed: i64(40)}).Lost(); n != 60 {
		t.Errorf("Lost = %d, want 60", n)
	}
}

func TestWindow(t *testing.T) {
	var w Window
	w.Size = 3
	k := Key{"orders", 1}
	for i := int64(0); i < 5; i++ {
		w.Add(k, held(i, 10))
	}
	ss := w.Samples(k)
	if len(ss) != 3 || *ss[0].Committed != 2 || *ss[2].Committed != 4 {
		t.Fatalf("window kept %+v, want commits 2..4", ss)
	}
	w.Add(Key{"other", 0}, held(0, 1))
	w.Retain(func(k Key) bool { return k.Topic == "orders" })
	if w.Samples(Key{"other", 0}) != nil || len(w.Samples(k)) != 3 {
		t.Error("Retain kept the wrong partitions")
	}
	var d Window
	for i := 0; i < DefaultWindow+4; i++ {
		d.Add(k, held(int64(i), 100))
	}
	if len(d.Samples(k)) != DefaultWindow {
		t.Errorf("zero Window kept %d samples, want %d", len(d.Samples(k)), DefaultWindow)
	}
}

// TestClassifyWindow: what needs movement waits for a span long enough
// to see it; what one sample shows is shown at once.
func TestClassifyWindow(t *testing.T) {
	at := func(s Sample, sec int64) Sample { s.At = sec * int64(time.Second); return s }
	tests := []struct {
		name    string
		samples []Sample
		want    Status
	}{
		{"one sample, behind", []Sample{at(held(10, 90), 0)}, Sampling},
		{"one sample, caught up", []Sample{at(held(90, 90), 0)}, OK},
		{"one sample, unheld", []Sample{at(Sample{End: 90, Committed: i64(10)}, 0)}, Stopped},
		{"one sample, lost", []Sample{at(Sample{Start: 50, End: 90, Committed: i64(10), Held: true}, 0)}, Lost},
		{"one sample, no commit", []Sample{at(Sample{End: 90, Committed: nil, Held: true}, 0)}, Unknown},
		{"unmoved over 2 s", []Sample{at(held(10, 90), 0), at(held(10, 95), 2)}, Sampling},
		{"unmoved over 6 s", []Sample{at(held(10, 90), 0), at(held(10, 95), 6)}, Stalled},
		{"moved but grew over 2 s", []Sample{at(held(10, 90), 0), at(held(12, 99), 2)}, Lagging},
		{"moved and fell over 2 s", []Sample{at(held(10, 90), 0), at(held(60, 91), 2)}, CatchingUp},
	}
	for _, tt := range tests {
		if got := ClassifyWindow(tt.samples, 0, MinStallSpan); got != tt.want {
			t.Errorf("%s: ClassifyWindow = %s, want %s", tt.name, got, tt.want)
		}
	}
}
