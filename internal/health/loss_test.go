package health

import (
	"math"
	"testing"
	"time"
)

func TestLossETA(t *testing.T) {
	base := LossInput{LagSeconds: secs(60), Lag: i64(100), Records: 1000, SizeBytes: nil, RetentionMs: 600_000, RetentionBytes: -1, ProduceRate: 10, ConsumeRate: 0}
	tests := []struct {
		name   string
		edit   func(*LossInput)
		want   float64
		wantOK bool
	}{
		{"time: retention minus the oldest unread age", func(*LossInput) {}, 540, true},
		{"caught up: never", func(in *LossInput) { in.Lag = i64(0) }, 0, false},
		{"unlimited retention: never", func(in *LossInput) { in.RetentionMs = -1 }, 0, false},
		{"already past retention: now", func(in *LossInput) { in.LagSeconds = secs(900) }, 0, true},
		// 100 records at a net 10/s is 10 s to catch up, well before 540 s.
		{"catching up before the deadline: never", func(in *LossInput) { in.ConsumeRate = 20 }, 0, false},
		{"catching up too slowly: the deadline stands", func(in *LossInput) { in.Lag = i64(10_000); in.ConsumeRate = 11 }, 540, true},
		{"lag seconds unknown: no time estimate", func(in *LossInput) { in.LagSeconds = nil }, 0, false},
		// 100 B per record: 10,000 B unread of 50,000 allowed, growing 1,000 B/s.
		{"size: unread bytes reach retention.bytes", func(in *LossInput) {
			in.RetentionMs, in.SizeBytes, in.RetentionBytes = -1, i64(100_000), 50_000
		}, 40, true},
		{"size: already over", func(in *LossInput) {
			in.RetentionMs, in.SizeBytes, in.RetentionBytes = -1, i64(100_000), 5_000
		}, 0, true},
		{"size: not growing", func(in *LossInput) {
			in.RetentionMs, in.SizeBytes, in.RetentionBytes, in.ConsumeRate = -1, i64(100_000), 50_000, 10
		}, 0, false},
		{"the earlier limit wins", func(in *LossInput) { in.SizeBytes, in.RetentionBytes = i64(100_000), 50_000 }, 40, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			tt.edit(&in)
			got, ok := LossETA(in)
			if ok != tt.wantOK || math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("LossETA = %v, %v; want %v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func secs(s float64) *float64 { return &s }

func TestEarliest(t *testing.T) {
	if _, ok := Earliest([]float64{5}, []bool{false}); ok {
		t.Error("Earliest of unknowns is known")
	}
	if e, ok := Earliest([]float64{50, 7, 3}, []bool{true, true, false}); !ok || e != 7 {
		t.Errorf("Earliest = %v, %v; want 7", e, ok)
	}
}

func TestTotalAndLagSeconds(t *testing.T) {
	known, unknown := Total([]*int64{i64(5), nil, i64(7), nil, i64(0)})
	if known != 12 || unknown != 2 {
		t.Errorf("Total = %d, %d; want 12, 2", known, unknown)
	}
	now := time.Unix(1000, 0)
	if s := LagSeconds(now, now.Add(-42*time.Second)); s != 42 {
		t.Errorf("LagSeconds = %v, want 42", s)
	}
	if s := LagSeconds(now, now.Add(time.Minute)); s != 0 {
		t.Errorf("LagSeconds of a future timestamp = %v, want 0", s)
	}
}
