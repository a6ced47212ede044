package throughput

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/topics"
)

// Observer is the one place a command's rates come from, call after call.
// Every rate is an offset delta over the wall clock, never a reading of
// record timestamps: those are the producer's to set (backfills, mirrors,
// Kafka Streams and skewed clocks all date records far from when they
// were written), so a rate taken from them can read 0 or 10x the truth.
//
// A first call samples the end offsets and the active groups' commits
// twice, ConsumeInterval apart, so that produce and consume rates cover
// the same span; later calls (--watch) take the deltas since the
// previous call. It also owns the time budget: a call may take --timeout,
// plus the sampling gap on a first call, plus Extend when the caller may
// extend the window.
//
// Callers run each observation through Observe and use the Round it hands
// them; they do not sleep, add gaps to deadlines or date requests
// themselves.
type Observer struct {
	Admin *kadm.Client
	// ConsumeInterval is the gap between a first call's two samples
	// (DefaultConsumeInterval when zero).
	ConsumeInterval time.Duration
	// Extend is how much longer than ConsumeInterval a first call may
	// keep sampling (Round.Extend); zero for none.
	Extend time.Duration

	mu                     sync.Mutex
	prevEnd, prevCommitted *Snapshot
}

func (o *Observer) interval() time.Duration {
	if o.ConsumeInterval > 0 {
		return o.ConsumeInterval
	}
	return DefaultConsumeInterval
}

// Budget is how long the next call may take when each round of requests
// may take timeout: a first call sleeps ConsumeInterval between its two
// samples, and may extend its window by Extend; those come on top.
func (o *Observer) Budget(timeout time.Duration) time.Duration {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.prevEnd == nil && o.prevCommitted == nil {
		return timeout + o.interval() + o.Extend
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
		// The run's first request goes alone, so that the client knows
		// the brokers before fn's requests go out at once: while it
		// knows only the seeds, concurrent requests share their rotation
		// and one may be handed a dead seed twice and fail (see
		// topics.RetryDial). Later calls answer from the client's cache.
		if err := topics.LearnBrokers(ctx, o.Admin); err != nil {
			var zero T
			return zero, err
		}
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
	// First is true when there is no previous observation: the round
	// samples twice itself rather than comparing with the last call.
	First bool
	// ListEnd, set before Measure, lists a first round's second end
	// offsets in place of kadm's ListEndOffsets, which fetches the
	// metadata of every topic again first (on 50,000 partitions most of
	// the sample's cost); topics.EndListing.Again is one.
	ListEnd func(context.Context) (Offsets, error)
	// Overlap, set before Measure, times a first round's gap from the
	// caller's own sample (cur.Time) rather than from the call to
	// Measure: for a caller that calls Measure as soon as its end
	// offsets are in and runs its other requests inside the gap, so that
	// they cost no time on top of it. The rates are over the measured
	// span either way.
	Overlap bool

	end, committed *Snapshot
	// A first round's bases and what it samples again on Extend.
	baseEnd, baseCommitted *Snapshot
	topics, active         []string
	measured               time.Time
}

// Measured is a round's rates, produce and consume over the same span.
type Measured struct {
	// Produce is messages/s per partition written.
	Produce Rates
	// Consume is, per active group, messages/s per partition committed.
	Consume map[string]Rates
	// Last is the round's latest snapshot: on a first call the second
	// sample (end offsets of the topics, commits of the active groups),
	// later the caller's own.
	Last Snapshot
}

// Measure takes the round's rates. cur is the caller's snapshot: the end
// offsets of the topics it shows (their keys name the topics sampled) and
// any committed offsets it read; the active groups (those with members;
// the others commit nothing) it lacks are sampled here. A first call
// samples again ConsumeInterval later and measures between the two; a
// later call measures from the previous call's snapshots to cur.
func (r *Round) Measure(ctx context.Context, cur Snapshot, active []string) (Measured, error) {
	committed := cur
	if missing(cur, active) {
		s := Sampler{Admin: r.o.Admin, NoEnd: true, Groups: active}
		c, err := s.Sample(ctx)
		if err != nil {
			return Measured{}, err
		}
		committed = c
	}
	if !r.First {
		r.end, r.committed = &cur, &committed
		m := Measured{Produce: Rates{}, Consume: map[string]Rates{}, Last: cur}
		if r.o.prevEnd != nil {
			m.Produce = ProduceRates(*r.o.prevEnd, cur)
		}
		if r.o.prevCommitted != nil {
			m.Consume = ConsumeRates(*r.o.prevCommitted, committed)
		}
		return m, nil
	}
	r.baseEnd, r.baseCommitted = &cur, &committed
	r.topics, r.active, r.measured = nil, active, time.Now()
	for t := range cur.End {
		r.topics = append(r.topics, t)
	}
	return r.Extend(ctx)
}

// Extend, on a first round after Measure, samples once more after
// ConsumeInterval and returns the rates over the whole span since the
// round's first sample, for a caller that needs a longer window to judge
// a group by (a commit that did not move in one interval may move in the
// next). The caller bounds how often it extends, within Observer.Extend.
func (r *Round) Extend(ctx context.Context) (Measured, error) {
	if r.baseEnd == nil {
		return Measured{}, errNotMeasured
	}
	wait := r.o.interval()
	s := Sampler{Admin: r.o.Admin, Topics: r.topics, NoEnd: len(r.topics) == 0, Groups: r.active}
	s.ListEnd = r.ListEnd
	if r.Overlap {
		last := r.baseEnd
		if r.end != nil {
			last = r.end
		}
		wait = time.Until(last.Time.Add(wait))
	}
	select {
	case <-ctx.Done():
		return Measured{}, ctx.Err()
	case <-time.After(wait):
	}
	last, err := s.Sample(ctx)
	if err != nil {
		return Measured{}, err
	}
	if last.Committed == nil {
		last.Committed = map[string]Offsets{}
	}
	r.end, r.committed = &last, &last
	return Measured{
		Produce: ProduceRates(*r.baseEnd, last),
		Consume: ConsumeRates(*r.baseCommitted, last),
		Last:    last,
	}, nil
}

// CanExtend reports whether one more Extend stays within the observer's
// budget: only a first round extends, by Observer.Extend at most.
func (r *Round) CanExtend() bool {
	return r.First && r.baseEnd != nil && time.Since(r.measured) <= r.o.Extend
}

var errNotMeasured = errors.New("throughput: Extend before Measure on a first round")

// missing reports whether cur lacks the committed offsets of any of the
// active groups.
func missing(cur Snapshot, active []string) bool {
	for _, g := range active {
		if _, ok := cur.Committed[g]; !ok {
			return true
		}
	}
	return false
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
