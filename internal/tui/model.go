// Package tui is kafka top's full-screen live view, built on Bubble Tea
// and Lip Gloss: topics by produce rate, groups by lag, a group's
// partitions, each with sparklines of their recent history. It makes no
// requests itself: Options.Fetch (an internal/monitor Observer in the CLI)
// takes each snapshot.
//
// It may import monitor, health, sparkline and units; cmd imports it.
package tui

import (
	"context"
	"math"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kafka-cli/kafka/internal/monitor"
	"github.com/kafka-cli/kafka/internal/sparkline"
)

// Action is an extra key, such as the demo's "stall a group".
type Action struct {
	Key  string // as Bubble Tea names it: "x", "ctrl+s"
	Help string // a few words for the footer
	// Do runs on the UI goroutine and returns a line to show; it must
	// not block.
	Do func() string
}

// Options configure the view.
type Options struct {
	// Fetch takes one snapshot; it must return within its own bound
	// (--timeout), and is retried every Interval after a failure.
	Fetch    func(ctx context.Context) (monitor.Snapshot, error)
	Interval time.Duration
	// Title names the cluster in the header.
	Title string
	// Note is a line under the header (the dev cluster's "reach it from
	// another terminal" line).
	Note    string
	Actions []Action
	// Fatal says a refresh's failure will not pass by retrying (bad
	// credentials): the view closes and Run returns it.
	Fatal func(error) bool
	// Explain turns a failure into the one line shown while reconnecting.
	Explain func(error) string
}

type pane int

const (
	topicsPane pane = iota
	groupsPane
	partitionsPane
)

// model is the view's state. Bubble Tea passes it by value; the maps and
// history it holds are shared between copies, which is safe because only
// the UI goroutine touches them.
type model struct {
	ctx  context.Context
	opts Options

	width, height int
	snap          monitor.Snapshot
	have          bool
	err           error // the last refresh's failure, while reconnecting
	fatal         error
	failedSince   time.Time
	hist          *sparkline.History

	pane        pane
	topicSort   int
	groupSort   int
	cursor      map[pane]int
	group       string // the group whose partitions are open
	filter      string
	editing     bool // typing the filter
	message     string
	lastRefresh time.Time
}

type snapshotMsg struct {
	snap monitor.Snapshot
	err  error
}

type tickMsg struct{}

func newModel(ctx context.Context, o Options) model {
	if o.Interval <= 0 {
		o.Interval = 2 * time.Second
	}
	return model{ctx: ctx, opts: o, hist: &sparkline.History{}, cursor: map[pane]int{}, width: 80, height: 24, pane: groupsPane}
}

func (m model) fetch() tea.Cmd {
	return func() tea.Msg {
		s, err := m.opts.Fetch(m.ctx)
		return snapshotMsg{s, err}
	}
}

func (m model) Init() tea.Cmd { return m.fetch() }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case snapshotMsg:
		if msg.err != nil && m.opts.Fatal != nil && m.opts.Fatal(msg.err) {
			m.fatal = msg.err
			return m, tea.Quit
		}
		m = m.record(msg)
		return m, tea.Tick(m.opts.Interval, func(time.Time) tea.Msg { return tickMsg{} })
	case tickMsg:
		return m, m.fetch()
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m, nil
}

// record keeps a snapshot, or the failure and the previous figures, so a
// broker that goes away leaves the last screen up with "reconnecting".
func (m model) record(msg snapshotMsg) model {
	if msg.err != nil {
		if m.err == nil {
			m.failedSince = time.Now()
		}
		m.err = msg.err
		return m
	}
	m.err, m.snap, m.have, m.lastRefresh = nil, msg.snap, true, msg.snap.At
	for _, t := range msg.snap.Topics {
		m.hist.Add(topicKey(t.Name), t.MsgsPerSec)
	}
	for _, g := range msg.snap.Groups {
		m.hist.Add(groupKey(g.Name, "lag"), lagValue(g.Lag, g.Unknown, len(g.Partitions)))
		m.hist.Add(groupKey(g.Name, "rate"), g.Consume)
		for _, p := range g.Partitions {
			if p.Lag != nil {
				m.hist.Add(partKey(g.Name, p), lagValue(*p.Lag, 0, 1))
			} else {
				m.hist.Add(partKey(g.Name, p), math.NaN())
			}
		}
	}
	m.hist.Sweep()
	return m
}

// lagValue is a lag for a sparkline: unknown (NaN, a gap) when no
// partition's lag is known.
func lagValue(lag int64, unknown, parts int) float64 {
	if parts > 0 && unknown == parts {
		return math.NaN()
	}
	return float64(lag)
}

func topicKey(t string) string       { return "t\x00" + t }
func groupKey(g, what string) string { return "g\x00" + g + "\x00" + what }
func partKey(g string, p monitor.Partition) string {
	return "p\x00" + g + "\x00" + p.Topic + "\x00" + strconv.Itoa(int(p.Partition))
}

func (m model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "kafka top"
	return v
}

// Run shows the view until q or Ctrl-C (nil) or ctx ends.
func Run(ctx context.Context, o Options, opts ...tea.ProgramOption) error {
	p := tea.NewProgram(newModel(ctx, o), append([]tea.ProgramOption{tea.WithContext(ctx)}, opts...)...)
	final, err := p.Run()
	if ctx.Err() != nil {
		return nil
	}
	if m, ok := final.(model); ok && m.fatal != nil {
		return m.fatal
	}
	return err
}
