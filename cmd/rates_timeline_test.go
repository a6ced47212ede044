package cmd

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// rateTimeline samples, every few milliseconds by the test's clock, what
// the rate test's clients have achieved: records and bytes the brokers
// acknowledged, records the group consumed. A command measures its rates
// over a window of about its --sample-interval somewhere inside its run;
// on a loaded machine a client starved for part of the run makes the true
// rate differ from window to window. So each figure is checked against the
// true rates of the windows the command could have measured over (each at
// least the sample interval long, inside the run): when the clients are
// steady these all agree and the check is as strict as against one
// average; when they are not, a stall the command truly saw is not taken
// for a wrong rate.
type rateTimeline struct {
	mu   sync.Mutex
	pts  []ratePoint
	stop chan struct{}
	done chan struct{}
}

type ratePoint struct {
	at                      time.Time
	records, bytes, consume int64
}

// run is a command's run, by the test's clock.
type runSpan struct{ from, to time.Time }

func startTimeline(meter *produceMeter, consumed *atomic.Int64) *rateTimeline {
	tl := &rateTimeline{stop: make(chan struct{}), done: make(chan struct{})}
	sample := func() {
		p := ratePoint{at: time.Now(), records: meter.records.Load(), bytes: meter.bytes.Load(), consume: consumed.Load()}
		tl.mu.Lock()
		tl.pts = append(tl.pts, p)
		tl.mu.Unlock()
	}
	sample()
	go func() {
		defer close(tl.done)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tl.stop:
				sample()
				return
			case <-tick.C:
				sample()
			}
		}
	}()
	return tl
}

func (tl *rateTimeline) Stop() {
	close(tl.stop)
	<-tl.done
}

// timed runs fn and returns its run.
func timed(fn func()) runSpan {
	from := time.Now()
	fn()
	return runSpan{from: from, to: time.Now()}
}

// rateRange is the lowest and highest true rate over the windows of a run.
type rateRange struct{ lo, hi float64 }

func (r rateRange) scale(f float64) rateRange { return rateRange{r.lo * f, r.hi * f} }

// bounds is the range of value's rate over the windows at least minSpan
// long within r (or over the whole run, if shorter).
func (tl *rateTimeline) bounds(r runSpan, minSpan time.Duration, value func(ratePoint) int64) rateRange {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	var in []ratePoint
	for _, p := range tl.pts {
		if !p.at.Before(r.from) && !p.at.After(r.to) {
			in = append(in, p)
		}
	}
	if len(in) < 2 {
		return rateRange{}
	}
	rate := func(a, b ratePoint) float64 { return float64(value(b)-value(a)) / b.at.Sub(a.at).Seconds() }
	whole := rate(in[0], in[len(in)-1])
	out := rateRange{lo: whole, hi: whole}
	for i := range in {
		for j := len(in) - 1; j > i && in[j].at.Sub(in[i].at) >= minSpan; j-- {
			v := rate(in[i], in[j])
			out.lo, out.hi = min(out.lo, v), max(out.hi, v)
		}
	}
	return out
}

// between checks got within ±10% of the true rates of the run's windows.
func (rc *rateChecks) between(what string, got float64, want rateRange) {
	if got < want.lo*0.9 || got > want.hi*1.1 {
		rc.fails = append(rc.fails, fmt.Sprintf("%s = %.1f, want %.1f to %.1f ±10%%", what, got, want.lo, want.hi))
	}
}
