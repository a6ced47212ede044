package cmd

// The words and units every view shares: one place, so that info, list,
// topic and consumer-groups say the same thing the same way. The style,
// Heroku's: a rate in a "Key: value" field spells its unit out
// ("messages/second", "KB/second"); a table, which must stay narrow, uses
// "msg/s" and "KB/s" in its headers and cells. Sizes are 1024-based and
// written KB, MB, GB, as Heroku's plugin writes them (README, Units).
// Counts carry thousands separators and a noun that agrees with them,
// never "(s)".

import (
	"math"
	"time"

	"github.com/kafka-cli/kafka/internal/groups"
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

// rateForm says whether a rate goes in a field (units spelt out) or in a
// table cell (short units).
type rateForm bool

const (
	inField rateForm = false
	inTable rateForm = true
)

// messagesPerSecond writes a message rate: "2,000 messages/second", or
// "2,000 msg/s" in a table.
func messagesPerSecond(r float64, form rateForm) string {
	if form == inTable {
		return units.FormatRate(r) + " msg/s"
	}
	return units.FormatRate(r) + " messages/second"
}

// bytesPerSecond writes a byte rate: "215 KB/second", or "215 KB/s" in a
// table.
func bytesPerSecond(r float64, form rateForm) string {
	if form == inTable {
		return units.FormatBytes(int64(r+0.5)) + "/s"
	}
	return units.FormatBytes(int64(r+0.5)) + "/second"
}

func recordsWord(n int64) string {
	if n == 1 {
		return "record"
	}
	return "records"
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// catchUpWords writes groups.CatchUpOf's verdict for a view's figures: a
// group with lag, consuming at consume msg/s while produce msg/s arrive;
// eta is the view's, from the unrounded rates, and wins when set.
func catchUpWords(cs *iostreams.ColorScheme, lag int64, eta *float64, consume, produce float64, form rateForm) string {
	c := groups.CatchUpOf(lag, groups.Rates{Consume: consume, Produce: produce})
	if lag != 0 && eta != nil {
		c = groups.CatchUp{Kind: groups.Catching, ETA: time.Duration(max(*eta, 1)) * time.Second}
	}
	switch c.Kind {
	case groups.CaughtUp:
		return cs.Green("caught up")
	case groups.Catching:
		return "in " + units.FormatDuration(max(c.ETA, time.Second).Truncate(time.Second))
	case groups.FallingBehind:
		return cs.Red("falling behind by " + messagesPerSecond(c.Behind, form))
	case groups.NotConsuming:
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

// countNoun writes a count with its noun: "1 partition", "1,024 partitions".
func countNoun(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return units.FormatInt(int64(n)) + " " + word + "s"
}
