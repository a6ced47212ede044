package throughput

import (
	"math"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestWindowRatesUseTopicSpan(t *testing.T) {
	at := time.UnixMilli(1_000_000)
	w := Window{At: at, Length: time.Minute, First: kadm.ListedOffsets{
		// p0 has records from 10 s ago, p1 only from 2 s ago: both
		// are divided by the topic's 10 s.
		"a": {
			0: {Topic: "a", Partition: 0, Offset: 100, Timestamp: at.Add(-10 * time.Second).UnixMilli()},
			1: {Topic: "a", Partition: 1, Offset: 0, Timestamp: at.Add(-2 * time.Second).UnixMilli()},
		},
		// Nothing in the window: the end offset came back, timestamp -1.
		"idle": {0: {Topic: "idle", Partition: 0, Offset: 7, Timestamp: -1}},
		// An old topic: the span is capped at the window.
		"old": {0: {Topic: "old", Partition: 0, Offset: 0, Timestamp: at.Add(-time.Hour).UnixMilli()}},
	}}
	r := w.Rates(Offsets{"a": {0: 200, 1: 50}, "idle": {0: 7}, "old": {0: 600}})
	if !near(r["a"][0], 10) || !near(r["a"][1], 5) || !near(r.Topic("a"), 15) {
		t.Errorf("a = %v", r["a"])
	}
	if r.Topic("idle") != 0 {
		t.Errorf("idle = %v", r["idle"])
	}
	if !near(r.Topic("old"), 10) {
		t.Errorf("old = %v", r["old"])
	}
	if !near(r.Total(), 25) {
		t.Errorf("total = %v", r.Total())
	}
	if got := r.Bytes(map[string]float64{"a": 100, "old": 10}); !near(got, 1600) {
		t.Errorf("bytes = %v", got)
	}
}

func TestWindowRatesFloorTinySpans(t *testing.T) {
	at := time.UnixMilli(1_000_000)
	w := Window{At: at, Length: time.Minute, First: kadm.ListedOffsets{
		"t": {0: {Topic: "t", Partition: 0, Offset: 0, Timestamp: at.Add(-time.Millisecond).UnixMilli()}},
	}}
	if got := w.Rates(Offsets{"t": {0: 1}}).Total(); !near(got, 1) {
		t.Errorf("one record a millisecond old = %v msg/s, want 1 (divided by the 1 s floor)", got)
	}
}

func TestSnapshotRates(t *testing.T) {
	t0 := time.Unix(100, 0)
	prev := Snapshot{Time: t0, End: Offsets{"a": {0: 10, 1: 50}},
		Committed: map[string]Offsets{"g": {"a": {0: 5}}, "gone": {"a": {0: 1}}}}
	cur := Snapshot{Time: t0.Add(2 * time.Second), End: Offsets{"a": {0: 30, 1: 40, 2: 9}},
		Committed: map[string]Offsets{"g": {"a": {0: 9, 1: 3}}, "new": {"a": {0: 100}}}}
	p := ProduceRates(prev, cur)
	// p1 went backwards (recreated): 0; p2 is new: unknown, left out.
	if !near(p["a"][0], 10) || p["a"][1] != 0 || len(p["a"]) != 2 {
		t.Errorf("produce = %v", p)
	}
	c := ConsumeRates(prev, cur)
	if len(c) != 1 || !near(c["g"].Total(), 2) {
		t.Errorf("consume = %v", c)
	}
	if got := ConsumeBytes(c, map[string]float64{"a": 50}); !near(got, 100) {
		t.Errorf("consume bytes = %v", got)
	}
	if got := GroupTotals(c)["g"]; !near(got, 2) {
		t.Errorf("group total = %v", got)
	}
}

func TestRecordSize(t *testing.T) {
	if RecordSize(1000, 10) != 100 || RecordSize(0, 10) != 0 || RecordSize(10, 0) != 0 {
		t.Error("RecordSize")
	}
}
