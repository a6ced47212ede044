// Package units parses and formats the quantities the CLI shows people:
// durations in Heroku's retention grammar, byte sizes and rates.
//
// It imports nothing of this module; cmd, groups, health, tail and tui
// import it.
package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

var unitNames = map[string]time.Duration{
	"ms": time.Millisecond, "millisecond": time.Millisecond, "milliseconds": time.Millisecond,
	"s": time.Second, "sec": time.Second, "secs": time.Second, "second": time.Second, "seconds": time.Second,
	"m": time.Minute, "min": time.Minute, "mins": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"h": time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"d": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
	"w": 7 * 24 * time.Hour, "week": 7 * 24 * time.Hour, "weeks": 7 * 24 * time.Hour,
}

// ParseDuration reads a duration in Heroku's grammar: a bare number is
// milliseconds; otherwise a number, optional spaces and a unit (ms s m h d
// w, or their long names, singular or plural): "36h", "10d", "2 weeks",
// "1.5h". The result must be positive and a whole number of milliseconds.
func ParseDuration(s string) (time.Duration, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, fmt.Errorf("empty duration: expected a value like '36h' or '10d'")
	}
	i := 0
	for i < len(in) && (in[i] >= '0' && in[i] <= '9' || in[i] == '.') {
		i++
	}
	numPart, unitPart := in[:i], strings.ToLower(strings.TrimSpace(in[i:]))
	if numPart == "" {
		return 0, fmt.Errorf("could not parse duration %q: expected a value like '36h' or '10d'", s)
	}
	n, err := strconv.ParseFloat(numPart, 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, fmt.Errorf("could not parse duration %q: expected a value like '36h' or '10d'", s)
	}
	unit := time.Millisecond
	if unitPart != "" {
		u, ok := unitNames[unitPart]
		if !ok {
			return 0, fmt.Errorf("unknown unit %q in duration %q: use ms, s, m, h, d or w", unitPart, s)
		}
		unit = u
	}
	total := n * float64(unit)
	// float64(MaxInt64) rounds up to 2^63, which does not fit: >= keeps
	// the conversion below in range.
	if total >= float64(math.MaxInt64) {
		return 0, fmt.Errorf("duration %q is too long", s)
	}
	d := time.Duration(total).Round(time.Millisecond)
	if d <= 0 {
		return 0, fmt.Errorf("duration %q must be positive", s)
	}
	return d, nil
}

// FormatDuration writes a duration in words, as Heroku shows retention:
// "36 hours", "7 days", "30 minutes". Units step up at 1m, 1h, 48h and 14d
// (weeks are shown only when exact).
func FormatDuration(d time.Duration) string {
	type step struct {
		unit time.Duration
		name string
	}
	var s step
	switch {
	case d < time.Second:
		s = step{time.Millisecond, "millisecond"}
	case d < time.Minute:
		s = step{time.Second, "second"}
	case d < time.Hour:
		s = step{time.Minute, "minute"}
	case d < 48*time.Hour:
		s = step{time.Hour, "hour"}
	case d >= 14*24*time.Hour && d%(7*24*time.Hour) == 0:
		s = step{7 * 24 * time.Hour, "week"}
	default:
		s = step{24 * time.Hour, "day"}
	}
	v := float64(d) / float64(s.unit)
	num := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if num == "1" {
		return "1 " + s.name
	}
	return num + " " + s.name + "s"
}

// FormatMillis formats a retention.ms style value; negative means unlimited.
func FormatMillis(ms int64) string {
	if ms < 0 {
		return "unlimited"
	}
	return FormatDuration(time.Duration(ms) * time.Millisecond)
}
