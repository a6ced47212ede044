package throughput

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestObserverFirstThenDeltasAndBudget(t *testing.T) {
	o := &Observer{ConsumeInterval: 300 * time.Millisecond}
	if got := o.Budget(time.Second); got != 1300*time.Millisecond {
		t.Fatalf("first budget = %v; want timeout + sampling gap", got)
	}
	at := time.Unix(1000, 0)
	w := Window{At: at, Length: time.Minute, First: nil}
	round := func(end int64, ts time.Time, fail bool) (Rates, bool) {
		type res struct {
			r     Rates
			first bool
		}
		v, err := Observe(context.Background(), o, time.Second, func(ctx context.Context, r *Round) (res, error) {
			rates := r.Produce(Snapshot{Time: ts, End: Offsets{"t": {0: end}}}, w)
			if _, err := r.Consume(ctx, &Snapshot{Time: ts}, nil); err != nil {
				return res{}, err
			}
			if fail {
				return res{}, errors.New("boom")
			}
			return res{rates, r.First}, nil
		})
		if fail != (err != nil) {
			t.Fatalf("err = %v", err)
		}
		return v.r, v.first
	}
	if _, first := round(100, at, false); !first {
		t.Fatal("first call not First")
	}
	if got := o.Budget(time.Second); got != time.Second {
		t.Errorf("later budget = %v; want the timeout alone", got)
	}
	// A failed call keeps the previous base.
	round(999, at.Add(time.Second), true)
	r, first := round(300, at.Add(2*time.Second), false)
	if first || !near(r.Topic("t"), 100) {
		t.Errorf("second call: first=%v rate=%v; want a 100 msg/s delta", first, r.Topic("t"))
	}
}

func TestProduceOnlyBudgetHasNoGap(t *testing.T) {
	o := &Observer{ProduceOnly: true}
	if got := o.Budget(time.Second); got != time.Second {
		t.Errorf("budget = %v", got)
	}
}
