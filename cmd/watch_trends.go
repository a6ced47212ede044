package cmd

import (
	"io"
	"strings"
	"time"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/output"
	"github.com/kafka-cli/kafka/internal/sparkline"
	"github.com/kafka-cli/kafka/internal/units"
)

// trendWidth is how many refreshes a --watch sparkline shows: at the
// default 2 s interval, the last 80 seconds.
const trendWidth = 40

// watchTrends keeps a --watch view's rates and lag over its refreshes and
// draws them as sparklines, as kafka top does. It is on only for a live
// view on a terminal: piped output and JSON stay as they were, one
// self-contained document per refresh.
type watchTrends struct {
	on   bool
	hist sparkline.History
}

func newWatchTrends(ios *iostreams.IOStreams, w watchOptions, json bool) *watchTrends {
	return &watchTrends{on: w.Watch && !json && ios.IsStdoutTTY()}
}

// trend is one figure of a refresh: its label, value and the value as the
// view writes it.
type trend struct {
	name  string
	value float64
	shown string
}

// render writes what view writes, with this refresh's trends after the
// view's first section (so a long view cut to the window keeps them), or
// only the view when off.
func (t *watchTrends) render(out io.Writer, cs *iostreams.ColorScheme, view func(io.Writer) error, trends ...trend) error {
	if !t.on {
		return view(out)
	}
	var b strings.Builder
	if err := view(&b); err != nil {
		return err
	}
	fields := make([]output.Field, 0, len(trends))
	for _, tr := range trends {
		t.hist.Add(tr.name, tr.value)
		fields = append(fields, output.Field{Key: tr.name, Value: cs.Cyan(t.hist.Line(tr.name, trendWidth)) + "  " + tr.shown})
	}
	var sec strings.Builder
	output.Section(&sec, cs, "Last refreshes", fields)
	body := b.String()
	if i := strings.Index(body, "\n\n"); i >= 0 {
		body = body[:i+2] + sec.String() + body[i+1:]
	} else {
		body += "\n" + sec.String()
	}
	_, err := io.WriteString(out, body)
	return err
}

// groupTrends are consumer-groups GROUP's figures under --watch.
func groupTrends(v groupDetailView) []trend {
	lagSecs, lagAge := -1.0, "oldest unread: -"
	if v.LagSeconds != nil {
		lagSecs, lagAge = *v.LagSeconds, "oldest unread: "+units.FormatDuration(time.Duration(*v.LagSeconds*float64(time.Second)))+" old"
	}
	return []trend{
		{"Lag", float64(v.Lag), units.FormatInt(v.Lag) + " messages"},
		{"Lag in time", lagSecs, lagAge},
		{"Consuming", v.ConsumeRate, messagesPerSecond(v.ConsumeRate, inTable)},
		{"Producing", v.ProduceRate, messagesPerSecond(v.ProduceRate, inTable)},
	}
}

// topicTrends are kafka topic's figures under --watch.
func topicTrends(v topicDetailView) []trend {
	var consumed float64
	var lag int64
	for _, g := range v.ConsumerGroups {
		consumed += g.ConsumeRate
		lag += g.Lag
	}
	return []trend{
		{"Messages in", v.MessagesPerSec, messagesPerSecond(v.MessagesPerSec, inTable)},
		{"Consumed", consumed, messagesPerSecond(consumed, inTable) + " by its groups"},
		{"Lag", float64(lag), units.FormatInt(lag) + " messages over its groups"},
	}
}
