package groups

import (
	"reflect"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
)

func TestParsePosition(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want Position
	}{
		{"earliest", Position{Kind: PosEarliest}},
		{"latest", Position{Kind: PosLatest}},
		{"1200", Position{Kind: PosOffset, Offset: 1200}},
		{"shift:-100", Position{Kind: PosShift, Shift: -100}},
		{"shift:+7", Position{Kind: PosShift, Shift: 7}},
		{"shift:7", Position{Kind: PosShift, Shift: 7}},
		{"@2026-11-22T10:00:00Z", Position{Kind: PosTime, Time: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}},
		{"@-15m", Position{Kind: PosTime, Time: now.Add(-15 * time.Minute)}},
	} {
		got, err := ParsePosition(tc.in, now)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParsePosition(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "first", "-5", "1.5", "shift:", "shift:++1", "@", "@tomorrow", "@-", "@-15 parsecs"} {
		if _, err := ParsePosition(bad, now); err == nil {
			t.Errorf("ParsePosition(%q) accepted", bad)
		}
	}
}

func TestPlanClampsAndSkips(t *testing.T) {
	t.Parallel()
	// Partition 0: retained 10-100, committed 50. Partition 1: retained
	// 0-20, nothing committed.
	in := PlanInput{
		Topic:      "t",
		Partitions: []int32{0, 1},
		Committed:  kadm.OffsetResponses{"t": {0: {Offset: kadm.Offset{Topic: "t", Partition: 0, At: 50}}}},
		Starts:     listed(map[int32]int64{0: 10, 1: 0}),
		Ends:       listed(map[int32]int64{0: 100, 1: 20}),
		AtTime:     listed(map[int32]int64{0: 70, 1: 20}),
	}
	for _, tc := range []struct {
		pos  Position
		want []Move
	}{
		{Position{Kind: PosEarliest}, []Move{
			{Topic: "t", Partition: 0, Current: off(50), New: off(10), Start: 10, End: 100},
			{Topic: "t", Partition: 1, Current: nil, New: off(0), Start: 0, End: 20},
		}},
		{Position{Kind: PosOffset, Offset: 5}, []Move{
			{Topic: "t", Partition: 0, Current: off(50), New: off(10), Start: 10, End: 100, Clamped: "start"},
			{Topic: "t", Partition: 1, Current: nil, New: off(5), Start: 0, End: 20},
		}},
		{Position{Kind: PosShift, Shift: 60}, []Move{
			{Topic: "t", Partition: 0, Current: off(50), New: off(100), Start: 10, End: 100, Clamped: "end"},
			{Topic: "t", Partition: 1, Current: nil, New: nil, Start: 0, End: 20, Skipped: "no committed offset to shift"},
		}},
		{Position{Kind: PosTime}, []Move{
			{Topic: "t", Partition: 0, Current: off(50), New: off(70), Start: 10, End: 100},
			{Topic: "t", Partition: 1, Current: nil, New: off(20), Start: 0, End: 20},
		}},
	} {
		if got := Plan(in, tc.pos); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Plan(%+v) =\n%+v\nwant\n%+v", tc.pos, got, tc.want)
		}
	}
}

func TestETA(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lag    int64
		r      Rates
		eta    time.Duration
		ok     bool
		behind float64
	}{
		{0, Rates{Consume: 0, Produce: 50}, 0, true, 0}, // caught up
		{1000, Rates{Consume: 150, Produce: 50}, 10 * time.Second, true, 0},
		{1000, Rates{Consume: 50, Produce: 80}, 0, false, 30}, // falling behind
		{1000, Rates{Consume: 50, Produce: 50}, 0, false, 0},  // never closes the gap
	} {
		eta, ok, behind := ETA(tc.lag, tc.r)
		if eta != tc.eta || ok != tc.ok || behind != tc.behind {
			t.Errorf("ETA(%d, %+v) = %v, %v, %v; want %v, %v, %v", tc.lag, tc.r, eta, ok, behind, tc.eta, tc.ok, tc.behind)
		}
	}
}

func listed(m map[int32]int64) kadm.ListedOffsets {
	out := kadm.ListedOffsets{"t": {}}
	for p, o := range m {
		out["t"][p] = kadm.ListedOffset{Topic: "t", Partition: p, Offset: o}
	}
	return out
}

func off(n int64) *int64 { return &n }
