// Package health classifies a consumer group's partitions (lost, stopped,
// stalled, lagging, catching up, unknown, ok) from samples of their
// offsets, in the manner of Burrow but over the protocol alone, and derives
// data-loss estimates and scaling advice from the same figures. It makes no
// requests: callers gather the samples.
//
// It may import units; cmd, groups, monitor and tui import it.
package health

import "time"

// Status is a partition's or a group's health, as shown in text and JSON.
type Status string

// The statuses, from worst to best.
const (
	Lost       Status = "lost"        // committed offset below the log start: records were deleted unread
	Stopped    Status = "stopped"     // lag > 0 and no member holds the partition
	Stalled    Status = "stalled"     // lag > 0, held, and the commit did not move over the window
	Lagging    Status = "lagging"     // lag did not fall over the window
	CatchingUp Status = "catching_up" // lag fell over the window
	// Sampling is no verdict yet: a held partition is behind, and its
	// samples span too short a time to tell whether it moves. Only a live
	// view that judges over a window it is still filling shows it (kafka
	// top's first frames); a one-shot run samples until it can judge.
	Sampling Status = "sampling"
	Unknown  Status = "unknown" // no commit yet, so no known lag
	OK       Status = "ok"      // lag is zero or under one second of production
)

// Rank orders statuses: a higher rank is worse. An unrecognised status
// ranks with OK.
func (s Status) Rank() int {
	switch s {
	case Lost:
		return 7
	case Stopped:
		return 6
	case Stalled:
		return 5
	case Lagging:
		return 4
	case CatchingUp:
		return 3
	case Sampling:
		return 2
	case Unknown:
		return 1
	}
	return 0
}

// Problem reports whether --check fails on s.
func (s Status) Problem() bool { return s == Lost || s == Stopped || s == Stalled }

// Worst returns the worst of ss, or OK for none.
func Worst(ss ...Status) Status {
	w := OK
	for _, s := range ss {
		if s.Rank() > w.Rank() {
			w = s
		}
	}
	return w
}

// Sample is one reading of a partition's offsets. Committed is nil when
// the group has committed nothing there.
type Sample struct {
	At        int64 // unix nanoseconds, for ordering and spans
	Start     int64
	End       int64
	Committed *int64
	Held      bool // a member of the group holds the partition
}

// Lag is End − Committed; false when unknown (no commit).
func (s Sample) Lag() (int64, bool) {
	if s.Committed == nil {
		return 0, false
	}
	return max(s.End-*s.Committed, 0), true
}

// Lost is how many records were deleted before the group read them.
func (s Sample) Lost() int64 {
	if s.Committed == nil || *s.Committed >= s.Start {
		return 0
	}
	return s.Start - *s.Committed
}

// Classify gives a partition's status from its samples, oldest first (one
// sample is a window with no span). produceRate is the partition's
// messages per second, for the "under one second of production" rule.
// Rules, first match wins:
//   - no commit: unknown;
//   - committed below the log start: lost;
//   - lag 0: ok;
//   - nobody holds it: stopped (a little lag with nobody to read it is
//     still a stopped consumer);
//   - no more than one second of production: ok;
//   - the commit did not move across the window: stalled;
//   - at some step of the window the commit reached the end offset of
//     the sample before: ok. The consumer was then less than one sampling
//     interval behind; its lag between commits (every 5 s by default in
//     the Java client and franz-go) is no lag at all. This is the
//     hysteresis that keeps a caught-up consumer from flipping between
//     ok and lagging from one sample to the next;
//   - lag fell across the window: catching_up;
//   - otherwise (lag grew or held steady above zero): lagging.
func Classify(samples []Sample, produceRate float64) Status {
	if len(samples) == 0 {
		return Unknown
	}
	first, last := samples[0], samples[len(samples)-1]
	lag, known := last.Lag()
	firstLag, firstKnown := first.Lag()
	switch {
	case !known:
		return Unknown
	case last.Lost() > 0:
		return Lost
	case lag == 0:
		return OK
	case !last.Held:
		return Stopped
	case float64(lag) <= produceRate:
		return OK
	case len(samples) == 1 || !firstKnown:
		// No span to judge movement by: behind, nothing more is known.
		return Lagging
	case *last.Committed == *first.Committed:
		return Stalled
	case reachedEnd(samples):
		return OK
	case lag < firstLag:
		return CatchingUp
	}
	return Lagging
}

// reachedEnd reports whether at some step of samples the commit reached
// the end offset of the sample before it.
func reachedEnd(samples []Sample) bool {
	for i := 1; i < len(samples); i++ {
		if c := samples[i].Committed; c != nil && *c >= samples[i-1].End {
			return true
		}
	}
	return false
}

// MinStallSpan is the shortest span of samples over which an unmoved
// commit is called stalled: a consumer commits every 5 s by default (the
// Java client and franz-go), so a shorter span cannot tell a stalled
// consumer from one between two commits. A one-shot run samples this long
// (6 intervals of 1 s) before it calls a partition stalled.
const MinStallSpan = 6 * time.Second

// ClassifyWindow is Classify for a view that judges over a window it is
// still filling: where Classify needs movement it cannot see yet (a
// single sample, or an unmoved commit over less than minSpan), it says
// Sampling rather than guess stalled or lagging.
func ClassifyWindow(samples []Sample, produceRate float64, minSpan time.Duration) Status {
	st := Classify(samples, produceRate)
	if len(samples) == 0 {
		return st
	}
	span := time.Duration(samples[len(samples)-1].At - samples[0].At)
	needsMovement := st == Stalled || (st == Lagging && (len(samples) < 2 || samples[0].Committed == nil))
	if needsMovement && span < minSpan {
		return Sampling
	}
	return st
}
