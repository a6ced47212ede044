package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/monitor"
	"github.com/kafka-cli/kafka/internal/units"
)

var (
	bold   = lipgloss.NewStyle().Bold(true)
	faint  = lipgloss.NewStyle().Faint(true)
	red    = lipgloss.NewStyle().Foreground(lipgloss.Red)
	yellow = lipgloss.NewStyle().Foreground(lipgloss.Yellow)
	green  = lipgloss.NewStyle().Foreground(lipgloss.Green)
	cyan   = lipgloss.NewStyle().Foreground(lipgloss.Cyan)
	tabOn  = lipgloss.NewStyle().Bold(true).Reverse(true).Padding(0, 1)
	tabOff = lipgloss.NewStyle().Padding(0, 1)
)

// column is one table column: a title, and whether it is a number
// (right-aligned). A width of 0 is the widest cell's.
type column struct {
	title string
	right bool
	width int
}

func (m model) render() string {
	var b strings.Builder
	line := func(s string) { b.WriteString(lipgloss.NewStyle().MaxWidth(m.width).Render(s) + "\n") }
	line(m.header())
	if m.opts.Note != "" {
		line(m.opts.Note)
	}
	line(m.tabs())
	line("")
	body := m.body()
	foot := m.footer()
	room := m.height - strings.Count(b.String(), "\n") - len(foot)
	if room < 0 {
		room = 0
	}
	if len(body) > room {
		body = body[:room]
	}
	for _, l := range body {
		line(l)
	}
	for range room - len(body) {
		b.WriteString("\n")
	}
	for i, l := range foot {
		s := lipgloss.NewStyle().MaxWidth(m.width).Render(l)
		if i < len(foot)-1 {
			s += "\n"
		}
		b.WriteString(s)
	}
	return b.String()
}

func (m model) header() string {
	h := bold.Render("kafka top") + " · " + m.opts.Title
	switch {
	case m.err != nil:
		why := m.err.Error()
		if m.opts.Explain != nil {
			why = m.opts.Explain(m.err)
		}
		h += " · " + red.Render("reconnecting: "+oneLine(why))
		if m.have {
			h += faint.Render(" (showing " + m.lastRefresh.Format("15:04:05") + ")")
		}
	case !m.have:
		h += " · " + faint.Render("connecting…")
	default:
		h += " · " + m.lastRefresh.Format("15:04:05") + faint.Render(" every "+m.opts.Interval.String())
	}
	return h
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (m model) tabs() string {
	tab := func(name string, on bool) string {
		if on {
			return tabOn.Render(name)
		}
		return tabOff.Render(name)
	}
	s := tab("Topics", m.pane == topicsPane) + tab("Groups", m.pane == groupsPane)
	if m.pane == partitionsPane {
		s += tab("Group "+m.group, true)
	}
	sort := groupSorts[m.groupSort]
	if m.pane == topicsPane {
		sort = topicSorts[m.topicSort]
	}
	s += "  sort: " + sort
	switch {
	case m.editing:
		s += "  filter: /" + m.filter + "█"
	case m.filter != "":
		s += "  filter: " + m.filter
	}
	return s
}

func (m model) footer() []string {
	var out []string
	if m.message != "" {
		out = append(out, yellow.Render(m.message))
	}
	keys := "tab topics/groups · s sort · / filter · ↑↓ select · enter partitions · esc back · q quit"
	if m.pane == partitionsPane {
		keys = "esc back · s sort · ↑↓ select · q quit"
	}
	for _, a := range m.opts.Actions {
		keys += " · " + a.Key + " " + a.Help
	}
	return append(out, faint.Render(keys))
}

func (m model) body() []string {
	if !m.have {
		return nil
	}
	switch m.pane {
	case topicsPane:
		return m.topicTable()
	case groupsPane:
		return m.groupTable()
	}
	return m.partitionTable()
}

func (m model) topicTable() []string {
	ts := m.topics()
	if len(ts) == 0 {
		return []string{m.none("topics")}
	}
	cols := []column{{title: "Topic"}, {title: "Partitions", right: true}, {title: "Messages/s", right: true}, {title: "Bytes/s", right: true}, {title: "Messages/s, last minutes"}}
	rows := make([][]string, len(ts))
	for i, t := range ts {
		rows[i] = []string{cyan.Render(t.Name), strconv.Itoa(t.Partitions), units.FormatRate(t.MsgsPerSec), units.FormatBytes(int64(t.BytesPerSec+0.5)) + "/s", sparkSlot}
	}
	return m.table(cols, rows, m.cursor[topicsPane], func(i, _, w int) string { return m.hist.Line(topicKey(ts[i].Name), w) })
}

func (m model) groupTable() []string {
	gs := m.groups()
	if len(gs) == 0 {
		return []string{m.none("consumer groups")}
	}
	cols := []column{{title: "Group"}, {title: "State"}, {title: "Members", right: true}, {title: "Lag", right: true}, {title: "Lag time", right: true}, {title: "Status"}, {title: "Consume/s", right: true}, {title: "Lag, last minutes"}, {title: "Consume/s, last minutes"}}
	rows := make([][]string, len(gs))
	for i, g := range gs {
		rows[i] = []string{cyan.Render(g.Name), g.State, strconv.Itoa(g.Members), groupLag(g), age(g.LagSeconds), statusCell(g.Status), units.FormatRate(g.Consume), sparkSlot, sparkSlot}
	}
	cur := min(m.cursor[groupsPane], len(gs)-1)
	out := m.table(cols, rows, cur, func(i, j, w int) string {
		what := "lag"
		if j == len(cols)-1 {
			what = "rate"
		}
		return m.hist.Line(groupKey(gs[i].Name, what), w)
	})
	return append(out, adviceLines(gs[cur])...)
}

func (m model) partitionTable() []string {
	g, ok := m.openGroup()
	if !ok {
		return []string{faint.Render("group " + m.group + " is gone; esc goes back")}
	}
	out := []string{fmt.Sprintf("%s  %s  %d members  lag %s  oldest unread %s  consuming %s msg/s of %s msg/s written",
		bold.Render(g.Name), statusCell(g.Status), g.Members, groupLag(g), age(g.LagSeconds), units.FormatRate(g.Consume), units.FormatRate(g.Produce)), ""}
	ps := m.partitions()
	if len(ps) == 0 {
		return append(out, faint.Render("No partitions assigned or committed."))
	}
	cols := []column{{title: "Topic"}, {title: "Partition", right: true}, {title: "Committed", right: true}, {title: "End", right: true}, {title: "Lag", right: true}, {title: "Lag time", right: true}, {title: "Status"}, {title: "Consume/s", right: true}, {title: "Client ID"}, {title: "Lag, last minutes"}}
	rows := make([][]string, len(ps))
	for i, p := range ps {
		committed, lag := "-", "no commit yet"
		if p.Committed != nil {
			committed, lag = units.FormatInt(*p.Committed), units.FormatInt(max(deref(p.Lag), 0))
		}
		rows[i] = []string{cyan.Render(p.Topic), strconv.Itoa(int(p.Partition)), committed, units.FormatInt(p.End), lag, age(p.LagSeconds), statusCell(p.Status), units.FormatRate(p.Consume), dash(p.Client), sparkSlot}
	}
	out = append(out, m.table(cols, rows, m.cursor[partitionsPane], func(i, _, w int) string { return m.hist.Line(partKey(g.Name, ps[i]), w) })...)
	return append(out, adviceLines(g)...)
}

func (m model) none(what string) string {
	if m.filter != "" {
		return faint.Render("No " + what + " match " + strconv.Quote(m.filter) + "; esc clears the filter.")
	}
	return faint.Render("No " + what + " on this cluster.")
}

func adviceLines(g monitor.Group) []string {
	if len(g.Advice) == 0 {
		return nil
	}
	out := []string{""}
	for _, a := range g.Advice {
		out = append(out, yellow.Render("▸")+" "+g.Name+": "+a)
	}
	return out
}

func groupLag(g monitor.Group) string {
	if g.Unknown > 0 && g.Unknown == len(g.Partitions) {
		return "no commit yet"
	}
	return units.FormatInt(g.Lag)
}

func statusCell(s health.Status) string {
	switch {
	case s == health.OK:
		return green.Render(string(s))
	case s == health.Unknown, s == health.Sampling:
		return faint.Render(string(s))
	case s.Problem():
		return red.Render(string(s))
	}
	return yellow.Render(string(s))
}

// age writes a lag in time compactly: 42s, 3m10s, 2h05m, 3d4h.
func age(sec *float64) string {
	if sec == nil {
		return "-"
	}
	d := time.Duration(*sec * float64(time.Second)).Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd%dh", int(d.Hours())/24, int(d.Hours())%24)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
