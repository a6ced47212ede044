package cmd

// The words and units every view shares: one place, so that info, list,
// topic and consumer-groups say the same thing the same way.

import (
	"math"
	"time"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/units"
)

func retentionWords(ms *int64) string {
	if ms == nil {
		return "unlimited"
	}
	return units.FormatMillis(*ms)
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// bytesPerSecond writes a byte rate the way Heroku's topic view does.
func bytesPerSecond(r float64) string { return units.FormatBytes(int64(r+0.5)) + "/second" }

func recordsWord(n int64) string {
	if n == 1 {
		return "record"
	}
	return "records"
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// catchUpWords says when a group with lag, consuming at consume msg/s
// while produce msg/s arrive, catches up (eta from groups.ETA).
func catchUpWords(cs *iostreams.ColorScheme, lag int64, eta *float64, consume, produce float64) string {
	switch {
	case lag == 0:
		return cs.Green("caught up")
	case eta != nil:
		return "in " + units.FormatDuration(time.Duration(max(*eta, 1))*time.Second)
	}
	switch {
	case produce > consume:
		return cs.Red("falling behind by " + units.FormatRate(produce-consume) + " msg/s")
	case consume == 0:
		return cs.Red("never: the group is not consuming")
	}
	return cs.Yellow("never: it consumes only as fast as messages arrive")
}

func optInt(p *int64) string {
	if p == nil {
		return "-"
	}
	return units.FormatInt(*p)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// bytesRate writes bytes per second in Heroku's 1024-based units.
func bytesPerSec(r float64) string { return units.FormatBytes(int64(r+0.5)) + "/s" }

func countNoun(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return units.FormatInt(int64(n)) + " " + word + "s"
}
