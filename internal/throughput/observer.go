package throughput

import (
	"context"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/kafka"
)

// Observer is the one place a command's rates come from, call after call.
// It keeps the previous call's snapshots, so that the first call estimates
// (the produce window, two committed-offset samples ConsumeInterval apart)
// and later calls (--watch) take the deltas since the previous one. It also
// owns the time budget: a call may take --timeout, plus the sampling gap on
// a first call that measures consumers.
//
// Callers run each observation through Observe and use the Round it hands
// them; they do not sleep, add gaps to deadlines or date requests
// themselves.
type Observer struct {
	Admin *kadm.Client
	// Window is how far back a first call's produce rates look
	// (DefaultWindow when zero).
	Window time.Duration
	// ConsumeInterval is the gap between a first call's two
	// committed-offset samples (DefaultConsumeInterval when zero).
	ConsumeInterval time.Duration
	// ProduceOnly says the caller never asks for consume rates, so the
	// budget has no sampling gap.
	ProduceOnly bool

	mu                     sync.Mutex
	prevEnd, prevCommitted *Snapshot
}

func (o *Observer) window() time.Duration {
	if o.Window > 0 {
		return o.Window
	}
	return DefaultWindow
}

func (o *Observer) interval() time.Duration {
	if o.ConsumeInterval > 0 {
		return o.ConsumeInterval
	}
	return DefaultConsumeInterval
}

// Budget is how long the next call may take when each round of requests
// may take timeout: a first call that measures consumers sleeps
// ConsumeInterval between its two samples, and that gap comes on top.
func (o *Observer) Budget(timeout time.Duration) time.Duration {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.prevCommitted == nil && !o.ProduceOnly {
		return timeout + o.interval()
	}
	return timeout
}

// Observe runs one observation: fn, under ctx bounded by Budget(timeout),
// returning at the deadline even if franz-go does not (kafka.Bound). When
// fn succeeds, the snapshots its Round recorded become the previous ones
// of the next call. Calls are serialised: a call given up on at its
// deadline finishes before the next one starts.
func Observe[T any](ctx context.Context, o *Observer, timeout time.Duration, fn func(context.Context, *Round) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, o.Budget(timeout))
	defer cancel()
	return kafka.Bound(ctx, func(ctx context.Context) (T, error) {
		o.mu.Lock()
		defer o.mu.Unlock()
		r := &Round{o: o, First: o.prevEnd == nil && o.prevCommitted == nil}
		v, err := fn(ctx, r)
		if err == nil {
			o.prevEnd, o.prevCommitted = r.end, r.committed
		}
		return v, err
	})
}

// Round is one observation. Its methods are called from one goroutine at a
// time.
type Round struct {
	o *Observer
	// First is true when there is no previous observation: rates are
	// estimates taken now rather than deltas.
	First bool

	end, committed *Snapshot
}

// Since is the time the produce window of a first call starts, for
// topics.Options.Since; zero on later calls, which need no window.
func (r *Round) Since(at time.Time) time.Time {
	if !r.First {
		return time.Time{}
	}
	return at.Add(-r.o.window())
}

// WindowLength is the first call's produce window.
func (r *Round) WindowLength() time.Duration { return r.o.window() }

// Produce is messages/s per partition: on a first call, w's records over
// the time they cover (w is ignored later); then, end's delta from the
// previous call's end offsets. end becomes the next call's base.
func (r *Round) Produce(end Snapshot, w Window) Rates {
	r.end = &end
	if r.First || r.o.prevEnd == nil {
		return w.Rates(end.End)
	}
	return ProduceRates(*r.o.prevEnd, end)
}

// Consume is, per group, messages/s per partition consumed by the active
// groups (those with members; the others commit nothing). committed is
// the caller's own snapshot of committed offsets, or nil to have Consume
// sample the active groups itself. A first call samples them twice,
// ConsumeInterval apart, because nothing in the protocol dates a commit; a
// later call compares with the previous call's snapshot.
func (r *Round) Consume(ctx context.Context, committed *Snapshot, active []string) (map[string]Rates, error) {
	if r.First || r.o.prevCommitted == nil {
		rates, second, err := MeasureConsume(ctx, r.o.Admin, r.o.interval(), active...)
		if err != nil {
			return nil, err
		}
		if committed == nil {
			committed = &second
		}
		r.committed = committed
		return rates, nil
	}
	if committed == nil {
		s := Sampler{Admin: r.o.Admin, NoEnd: true, Groups: active}
		cur, err := s.Sample(ctx)
		if err != nil {
			return nil, err
		}
		committed = &cur
	}
	r.committed = committed
	return ConsumeRates(*r.o.prevCommitted, *committed), nil
}

// Stopwatch dates a round of requests by its midpoint, the moment a
// snapshot's offsets are taken to stand for.
type Stopwatch struct{ start, stop time.Time }

// Start starts a stopwatch.
func Start() Stopwatch { return Stopwatch{start: time.Now()} }

// Stop records the end of the requests.
func (s *Stopwatch) Stop() { s.stop = time.Now() }

// Started is when the requests were sent.
func (s Stopwatch) Started() time.Time { return s.start }

// Mid is the midpoint of the requests (now, if Stop was not called).
func (s Stopwatch) Mid() time.Time {
	stop := s.stop
	if stop.IsZero() {
		stop = time.Now()
	}
	return s.start.Add(stop.Sub(s.start) / 2)
}
